import type { FastifyInstance } from "fastify";

/** One request of a load run: when it started and ended, and its status (or that it never answered). */
export interface Outcome {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: number | "timeout";
  /** The problem type of an error response. */
  readonly problemType?: string;
}

export interface LoadRun {
  /** Everything answered so far (a live view). */
  readonly outcomes: readonly Outcome[];
  /** Stops starting requests, waits for those in flight, returns every outcome. */
  stop(): Promise<readonly Outcome[]>;
}

/**
 * `workers` loops sending requests through `app.inject` back to back, each bounded by `timeoutMs`
 * (a request that takes longer is recorded as a timeout: it hung). Runs until stop(), and never
 * beyond `maxMs` so a failing test cannot loop forever.
 */
export function startLoad(
  app: FastifyInstance,
  options: { workers: number; url: (n: number) => string; timeoutMs: number; maxMs: number },
): LoadRun {
  const outcomes: Outcome[] = [];
  const deadline = Date.now() + options.maxMs;
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped && Date.now() < deadline) {
      const startedAt = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), options.timeoutMs)));
      const response = await Promise.race([app.inject(options.url(++n)), timedOut]);
      clearTimeout(timer);
      outcomes.push(
        response === "timeout"
          ? { startedAt, finishedAt: Date.now(), status: "timeout" }
          : {
              startedAt,
              finishedAt: Date.now(),
              status: response.statusCode,
              problemType: response.statusCode >= 400 ? response.json().type : undefined,
            },
      );
    }
  };
  const running = Promise.all(Array.from({ length: options.workers }, worker));
  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await running;
      return outcomes;
    },
  };
}
