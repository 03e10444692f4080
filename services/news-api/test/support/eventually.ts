/** Retries `check` until it passes or `ms` elapse: for effects that arrive asynchronously (pub/sub, restarts). */
export async function eventually(check: () => Promise<void>, ms = 2000, pauseMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}
