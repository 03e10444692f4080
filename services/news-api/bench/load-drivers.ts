import autocannon from "autocannon";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One load case: a fixed request, or one built per request (unique URLs, random ids, bodies). */
export interface LoadCase {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** wrk Lua body of `request = function() ... end`, for varying requests; `n` counts per thread. */
  readonly wrkRequest?: string;
  /** The same variation for autocannon: returns the path and body of request number n. */
  readonly next?: (n: number) => { path: string; body?: string };
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx responses plus socket errors and timeouts. */
  readonly errors: number;
  readonly total: number;
}

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly threads: number;
}

export const hasWrk = () => spawnSync("wrk", ["--version"]).error === undefined;

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? NaN);

/** Drives the case with wrk (Debian's package) and parses its --latency report. */
export function runWrk(baseUrl: string, load: LoadCase, settings: LoadSettings): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), "news-bench-"));
  const script = join(dir, "case.lua");
  const headers = Object.entries(load.headers ?? {}).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  writeFileSync(
    script,
    [
      `wrk.method = "${load.method}"`,
      ...headers,
      "local counter = 0",
      // setup() runs in wrk's main Lua state and numbers each thread; thread_id is a global there.
      "local threads = 0",
      "function setup(thread) threads = threads + 1; thread:set('thread_id', threads) end",
      "thread_id = 0",
      "function init(args) math.randomseed(os.time() * 1000 + thread_id) end",
      // Non-2xx responses are counted, never silently mixed into the throughput figure.
      load.wrkRequest
        ? `request = function() counter = counter + 1; local n = thread_id * 100000000 + counter; ${load.wrkRequest} end`
        : "",
    ].join("\n"),
  );
  const output = execFileSync(
    "wrk",
    [
      "-t",
      String(settings.threads),
      "-c",
      String(settings.connections),
      "-d",
      `${settings.durationSeconds}s`,
      "--latency",
      "-s",
      script,
      `${baseUrl}${load.path}`,
    ],
    {
      encoding: "utf8",
    },
  );
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)$`, "m").exec(output);
    return match ? toMs(match[1], match[2]) : NaN;
  };
  const total = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  if (!rps) throw new Error(`could not read wrk's report:\n${output}`);
  return { requestsPerSecond: Number(rps[1]), p50Ms: percentile("50"), p99Ms: percentile("99"), errors: non2xx + socketErrors, total };
}

/** Drives the case with autocannon, for machines without wrk (one thread: it needs more CPU than wrk). */
export async function runAutocannon(baseUrl: string, load: LoadCase, settings: LoadSettings): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.durationSeconds,
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: load.headers,
        // autocannon refuses a `setupRequest` key whose value is not a function, undefined included.
        ...(load.next && {
          setupRequest: (request: autocannon.Request) => {
            const { path, body } = load.next!(++n);
            return { ...request, path, body };
          },
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}
