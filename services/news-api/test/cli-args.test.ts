import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { typescriptChildArgs } from "../../../test/support/typescript-child";
import { BENCH_COMMAND, benchOptions } from "../bench/bench-options";
import { CommandSpec, helpText, readFlags, UsageError } from "../src/cli-args";

const spec: CommandSpec<{ report: { type: "string" }; keep: { type: "boolean" } }> = {
  usage: "tool [--report <file>] [--keep] [--help]",
  description: "Does a thing.",
  options: { report: { type: "string" }, keep: { type: "boolean" } },
};

const usageErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error("expected a UsageError");
};

describe("command lines parsed with util.parseArgs", () => {
  test("flags in both spellings, --help and -h", () => {
    expect(readFlags(["--report", "r.json", "--keep"], spec)).toEqual({ report: "r.json", keep: true });
    expect(readFlags(["--report=r.json"], spec)).toEqual({ report: "r.json" });
    expect(readFlags(["--help"], spec).help).toBe(true);
    expect(readFlags(["-h"], spec).help).toBe(true);
    expect(helpText(spec)).toBe("usage: tool [--report <file>] [--keep] [--help]\n\nDoes a thing.");
  });

  test("an unknown flag, a missing value or a stray argument is an error naming it, followed by the usage", () => {
    expect(usageErrorOf(() => readFlags(["--reprot", "r.json"], spec))).toMatch(/^Unknown option '--reprot'.*\nusage: tool \[--report/s);
    expect(usageErrorOf(() => readFlags(["--report"], spec))).toMatch(/^Option '--report <value>' argument missing/);
    expect(usageErrorOf(() => readFlags(["r.json"], spec))).toMatch(/^Unexpected argument 'r.json'/);
  });

  test("bench:api: defaults, whole-number flags in range, and no silent BENCH_* leftovers", () => {
    expect(benchOptions(readFlags([], BENCH_COMMAND))).toEqual({
      settings: { durationSeconds: 10, connections: 50, threads: 1 },
      baseline: undefined,
    });
    expect(benchOptions(readFlags(["--duration", "3", "--connections=8", "--baseline", "main"], BENCH_COMMAND))).toEqual({
      settings: { durationSeconds: 3, connections: 8, threads: 1 },
      baseline: "main",
    });
    expect(usageErrorOf(() => benchOptions(readFlags(["--duration", "10s"], BENCH_COMMAND)))).toMatch(
      /^--duration "10s": must be a whole number from 1 to 3600\nusage: npm run bench:api/,
    );
    expect(usageErrorOf(() => benchOptions(readFlags(["--threads", "0"], BENCH_COMMAND)))).toMatch(
      /^--threads "0": must be a whole number/,
    );
    expect(usageErrorOf(() => benchOptions(readFlags([], BENCH_COMMAND), { BENCH_BASELINE: "main" }))).toMatch(
      /^BENCH_BASELINE is no longer read: use --baseline/,
    );
  });

  test("a CLI refuses an unknown flag with exit 2 before doing anything (npm run migrate)", () => {
    const run = spawnSync(process.execPath, typescriptChildArgs("src/migrate.ts", ["--database", "x"]), {
      cwd: join(__dirname, ".."),
      env: { PATH: process.env.PATH },
      encoding: "utf8",
    });
    expect([run.status, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toMatch(/^Unknown option '--database'.*\nusage: npm run migrate -w services\/news-api/s);
  });
});
