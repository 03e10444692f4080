import { CommandSpec, Flags, UsageError, wholeNumberFlag } from "../src/cli-args";
import type { LoadSettings } from "./load-drivers";

const options = {
  duration: { type: "string" },
  connections: { type: "string" },
  threads: { type: "string" },
  baseline: { type: "string" },
} as const;

export const BENCH_COMMAND: CommandSpec<typeof options> = {
  usage: "npm run bench:api -- [--duration <s>] [--connections <n>] [--threads <n>] [--baseline <git ref>] [--help]",
  description: [
    "Runs the news API's production build on real PostgreSQL + Redis with 10,000 seeded articles and drives it on",
    "loopback with wrk (autocannon where wrk is missing); prints req/s, p50/p99 and the service's CPU time per request.",
    "  --duration     seconds per case (default 10)",
    "  --connections  concurrent connections (default 50)",
    "  --threads      wrk threads (default 1: on 2 cores a second one takes the core the service needs)",
    "  --baseline     also build the service at this git ref (e.g. main) and run every case against both",
  ].join("\n"),
  options,
};

/** Settings of the bench before the flags replaced them; a leftover one fails instead of being ignored. */
const REPLACED_VARIABLES: Record<string, string> = {
  BENCH_DURATION_S: "--duration",
  BENCH_CONNECTIONS: "--connections",
  BENCH_THREADS: "--threads",
  BENCH_BASELINE: "--baseline",
};

export interface BenchOptions {
  readonly settings: LoadSettings;
  /** A git ref to build and measure beside this checkout. */
  readonly baseline?: string;
}

/** The bench's options from its flags; `env` only to refuse the variables the flags replaced. */
export function benchOptions(flags: Flags<typeof options>, env: Readonly<Record<string, string | undefined>> = {}): BenchOptions {
  const { usage } = BENCH_COMMAND;
  for (const [variable, flag] of Object.entries(REPLACED_VARIABLES)) {
    if (env[variable] !== undefined) throw new UsageError(`${variable} is no longer read: use ${flag}`, usage);
  }
  if (flags.baseline === "") throw new UsageError("--baseline needs a git ref", usage);
  return {
    settings: {
      durationSeconds: wholeNumberFlag("duration", flags.duration, 10, 1, 3600, usage),
      connections: wholeNumberFlag("connections", flags.connections, 50, 1, 10_000, usage),
      threads: wholeNumberFlag("threads", flags.threads, 1, 1, 64, usage),
    },
    baseline: flags.baseline,
  };
}
