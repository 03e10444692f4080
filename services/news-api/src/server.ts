import { buildApp } from "./app";
import { commandLine } from "./cli-args";
import { ConfigError, loadConfig } from "./config";
import { Lifecycle } from "./lifecycle";
import { createLogger } from "./logger";
import { openRuntime } from "./runtime";
import { drainAndClose } from "./shutdown";

/**
 * Process entry: read config, open dependencies, listen; on SIGTERM keep serving through the drain
 * window (SHUTDOWN_DRAIN_MS, the ALB's deregistration delay) with readiness failing, then stop
 * accepting, let in-flight requests finish, close pools and exit, all within SHUTDOWN_TIMEOUT_MS
 * (below ECS's stopTimeout).
 */
async function main(): Promise<void> {
  commandLine(
    {
      usage: "node dist/server.js [--help]",
      description:
        "Serves the news API. No flags: everything is configured by environment variables (src/config-schema.ts),\n" +
        "checked before anything is opened.",
      options: {},
    },
    () => undefined,
  );
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const runtime = await openRuntime(config, logger);
  const lifecycle = new Lifecycle();
  const app = await buildApp({ config, store: runtime.store, cache: runtime.cache, logger, lifecycle });
  await app.listen({ host: config.host, port: config.port });
  logger.info({ embedded: runtime.embedded, redis: config.redis !== undefined }, "news-api ready");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, timeout_ms: config.shutdownTimeoutMs, drain_ms: config.shutdownDrainMs },
      "shutting down: draining in-flight requests",
    );
    const deadline = setTimeout(() => {
      logger.error("shutdown timed out; exiting with requests still open");
      logger.flush();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      await drainAndClose(app, lifecycle, { drainMs: config.shutdownDrainMs, log: (message) => logger.info(message) });
      await runtime.close();
      logger.info("shutdown complete");
    } finally {
      logger.flush();
      clearTimeout(deadline);
    }
    process.exitCode = 0;
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("news-api failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
