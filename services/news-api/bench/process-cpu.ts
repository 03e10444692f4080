import { readFileSync } from "node:fs";

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat.
 * On a shared machine req/s moves with other people's load; the service's CPU per request moves
 * much less, so the bench prints both. Undefined where /proc is missing (not Linux).
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on every Linux ABI Node supports
  return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
}

/** CPU time so far of each of `pids` that is still running. */
export function cpuSnapshot(pids: readonly number[]): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) snapshot.set(pid, ms);
  }
  return snapshot;
}

/** CPU time the processes of `after` used since `before`; one started in between counts from 0. */
export function cpuSpentMs(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}
