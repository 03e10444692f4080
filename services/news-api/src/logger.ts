import pino from "pino";
import type { Config } from "./config";

/** JSON lines for CloudWatch Logs Insights: ISO time, level as a word, service name on every line. */
export function createLogger(config: Pick<Config, "logLevel">) {
  return pino(
    {
      level: config.logLevel,
      base: { service: "news-api" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: ["req.headers.authorization", 'req.headers["x-api-key"]'],
    },
    // Buffered, asynchronous writes keep logging off the request's critical path; flushed on exit.
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}
