import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Wall time and peak memory of one command, including every process it starts. */
export interface RunMeasurement {
  readonly wallMs: number;
  /** Highest sum of resident memory over the command's process tree, sampled every `sampleMs`. */
  readonly peakTreeRssMb: number;
  readonly exitCode: number | null;
  readonly stderr: string;
}

function processTable(): Map<number, { parent: number; rssKb: number }> {
  const table = new Map<number, { parent: number; rssKb: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      table.set(Number(entry), { parent, rssKb });
    } catch {
      // the process ended between listing and reading
    }
  }
  return table;
}

function treeRssKb(root: number): number {
  const table = processTable();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { parent }] of table) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return [...inTree].reduce((sum, pid) => sum + (table.get(pid)?.rssKb ?? 0), 0);
}

/** Runs `command` through the shell and samples its process tree's memory until it exits (Linux /proc). */
export function measure(command: string, env: NodeJS.ProcessEnv, cwd: string, sampleMs = 20): Promise<RunMeasurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, { shell: true, env, cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let peakKb = 0;
    const timer = setInterval(() => {
      if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
    }, sampleMs);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ wallMs, peakTreeRssMb: peakKb / 1024, exitCode, stderr });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
