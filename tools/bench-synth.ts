import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measure, median } from "./bench/process-tree";

/**
 * `npm run bench:synth`: wall time and peak memory of synthesizing every stack, median of N runs
 * (default 3, or BENCH_RUNS). Two cases: the main job as users run it (`cdktf synth`, CLI included)
 * and the app alone (what the CLI spawns). Target: all stacks under 6 s and 1 GiB on 2 cores.
 */
const runs = Number(process.env.BENCH_RUNS ?? 3);
const root = join(__dirname, "..");
const cases = [
  { name: "cdktf synth (all stacks, CLI)", command: (out: string) => `npx --no-install cdktf synth --output ${out}` },
  { name: "app only (node main.ts)", command: () => "node --require ts-node/register main.ts" },
];

async function main(): Promise<void> {
  console.log(`bench:synth: ${runs} run(s) per case, median reported; node ${process.version}`);
  let failed = false;
  for (const benchCase of cases) {
    const walls: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < runs; i++) {
      const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
      const env = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir };
      const result = await measure(benchCase.command(outdir), env, root);
      rmSync(outdir, { recursive: true, force: true });
      if (result.exitCode !== 0) {
        console.error(`${benchCase.name}: exit ${result.exitCode}\n${result.stderr}`);
        failed = true;
        break;
      }
      walls.push(result.wallMs);
      peaks.push(result.peakTreeRssMb);
    }
    if (walls.length === runs) {
      const runsText = walls.map((w) => (w / 1000).toFixed(2)).join(" / ");
      console.log(
        `${benchCase.name.padEnd(32)} wall ${(median(walls) / 1000).toFixed(2)} s (runs ${runsText} s)   ` +
          `peak RSS ${median(peaks).toFixed(0)} MB`,
      );
    }
  }
  if (failed) process.exitCode = 1;
}

void main();
