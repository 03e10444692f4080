/**
 * Every process the rehearsal starts (moto, terraform and whatever they spawn) runs in its own process
 * group, registered here, so one call stops them all on success, failure or Ctrl-C.
 */
import { ChildProcess, spawn, SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

const started = new Set<number>();
const released = new Set<number>();
/** Group leaders (pids) that have exited; their groups may still hold what they started. */
const exited = new Set<number>();

/** Starts `command` as the leader of a new process group, tracked until the run ends. */
export function startTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    started.add(pid);
    child.on("exit", () => exited.add(pid));
  }
  return child;
}

/** Stops tracking `child` without stopping it (`--keep` leaves moto running). */
export function release(child: ChildProcess): void {
  if (child.pid !== undefined) released.add(child.pid);
  child.unref();
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Sends SIGTERM to every group this run started (released ones excepted) that still has a process —
 * also groups whose leader has exited but left something behind (a provider plugin after terraform) —
 * then SIGKILL to what is left after `graceMs`, and waits (bounded) until they are gone: on a loaded
 * machine a killed process takes a moment to exit, which must not read as a stray.
 */
export async function stopAll(graceMs = 5000): Promise<void> {
  const groups = ownGroups().filter((pgid) => groupAlive(pgid));
  groups.forEach((pgid) => signalGroup(pgid, "SIGTERM"));
  await waitUntilGone(groups, graceMs);
  groups.forEach((pgid) => signalGroup(pgid, "SIGKILL"));
  await waitUntilGone(groups, graceMs);
}

async function waitUntilGone(groups: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groups.some((pgid) => groupAlive(pgid)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
 * The groups this run started and still owns (released ones excepted). While anything remains in a
 * group, Linux does not hand its id to a new process; once a group is empty its id can be reused, and
 * a new process whose pid equals the id of a group whose leader exited is someone else's group.
 */
function ownGroups(): number[] {
  return [...started].filter((pgid) => !released.has(pgid) && !(exited.has(pgid) && existsSync(`/proc/${pgid}`)));
}

/**
 * Live processes left in any group this run started (released groups excepted): after `stopAll` this
 * must be empty. Groups catch orphans too, which a parent/child walk would miss.
 */
export function strayProcesses(): number[] {
  return ownGroups().flatMap((pgid) => processesInGroup(pgid));
}

/** Stops everything on Ctrl-C / SIGTERM, then exits with the conventional 128 + signal code. */
export function stopAllOnSignals(onSignal: (signal: NodeJS.Signals) => void = () => undefined): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      onSignal(signal);
      void stopAll().finally(() => process.exit(code));
    });
  }
}
