/**
 * Every process the rehearsal starts (moto, terraform and whatever they spawn) runs in its own process
 * group, registered here, so one call stops them all on success, failure or Ctrl-C.
 */
import { ChildProcess, spawn, SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const running = new Set<ChildProcess>();
const started = new Set<number>();
const released = new Set<number>();

/** Starts `command` as the leader of a new process group and tracks it until it exits. */
export function startTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  if (child.pid !== undefined) started.add(child.pid);
  child.on("exit", () => running.delete(child));
  return child;
}

/** Stops tracking `child` without stopping it (`--keep` leaves moto running). */
export function release(child: ChildProcess): void {
  running.delete(child);
  if (child.pid !== undefined) released.add(child.pid);
  child.unref();
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function waitUntilGone(children: readonly ChildProcess[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (children.some((child) => groupAlive(child.pid)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Sends SIGTERM to every tracked group, then SIGKILL to what is left after `graceMs`, and waits (up to
 * `graceMs` again) for the killed processes to be gone: a SIGKILL takes effect only when the process is
 * next scheduled, and on a loaded machine moto was still listed when the stray check ran (exit 1 after
 * "rehearsal passed").
 */
export async function stopAll(graceMs = 5000): Promise<void> {
  const children = [...running];
  children.forEach((child) => signalGroup(child, "SIGTERM"));
  await waitUntilGone(children, graceMs);
  children.forEach((child) => signalGroup(child, "SIGKILL"));
  await waitUntilGone(children, graceMs);
  running.clear();
}

/** Whether any process of process group `pgid` still exists (Linux /proc; zombies count as gone). */
export function groupAlive(pgid: number | undefined): boolean {
  return pgid !== undefined && processesInGroup(pgid).length > 0;
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function processesInGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") found.push(Number(entry));
    } catch {
      // ended between listing and reading
    }
  }
  return found;
}

/**
 * Live processes left in any group this run started (released groups excepted): after `stopAll` this
 * must be empty. Groups catch orphans too, which a parent/child walk would miss.
 */
export function strayProcesses(): number[] {
  return [...started].filter((pgid) => !released.has(pgid)).flatMap((pgid) => processesInGroup(pgid));
}

/** Stops everything on Ctrl-C / SIGTERM, then exits with the conventional 128 + signal code. */
export function stopAllOnSignals(onSignal: (signal: NodeJS.Signals) => void = () => undefined): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      onSignal(signal);
      void stopAll().finally(() => process.exit(code));
    });
  }
}
