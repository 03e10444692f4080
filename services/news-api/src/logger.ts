import pino from "pino";
import type { Config } from "./config";

/** Longest a log line waits in the buffer on a quiet task before it reaches CloudWatch. */
const FLUSH_INTERVAL_MS = 1000;

/** JSON lines for CloudWatch Logs Insights: ISO time, level as a word, service name on every line. */
export function createLogger(config: Pick<Config, "logLevel">) {
  // Buffered, asynchronous writes keep logging off the request's critical path; a timer flushes a
  // part-filled buffer so quiet periods are logged promptly, and server.ts flushes on exit.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_INTERVAL_MS).unref();
  return pino(
    {
      level: config.logLevel,
      base: { service: "news-api" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: ["req.headers.authorization", 'req.headers["x-api-key"]'],
    },
    destination,
  );
}
