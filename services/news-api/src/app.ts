import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { FastifyBaseLogger, FastifyInstance, LogController } from "fastify";
import { randomUUID } from "node:crypto";
import type { ResponseCache } from "./cache/response-cache";
import type { Config } from "./config";
import { Lifecycle } from "./lifecycle";
import { sendClientErrorProblem, sendRouterRejectionProblem } from "./plugins/client-errors";
import { registerConnectionDraining } from "./plugins/drain-connections";
import { registerOpenApi } from "./plugins/openapi";
import { registerProblemHandler } from "./plugins/problem-handler";
import { registerRequestLog } from "./plugins/request-log";
import { articleRoutes } from "./routes/articles";
import { catalogRoutes } from "./routes/catalog";
import { healthRoutes } from "./routes/health";
import { ingestRoutes } from "./routes/ingest";
import { componentSchemas } from "./schemas";
import type { ArticleStore } from "./store/article-store";
import { validatorCompiler } from "./validation";

export interface AppDependencies {
  readonly config: Pick<Config, "apiKey" | "upstream" | "bodyLimitBytes">;
  readonly store: ArticleStore;
  readonly cache: ResponseCache;
  /** A pino logger; omit for none (tests). */
  readonly logger?: FastifyBaseLogger;
  /** Draining state server.ts sets on SIGTERM; omit for one that never drains. */
  readonly lifecycle?: Lifecycle;
}

/**
 * Builds the app from its dependencies and does nothing else: no config reads, no connections, no
 * listening. server.ts wires real dependencies; tests pass PGlite or PostgreSQL and a cache.
 */
export async function buildApp({ config, store, cache, logger, lifecycle = new Lifecycle() }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    // One line per request from plugins/request-log.ts instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "request_id" }),
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    trustProxy: true, // behind the ALB: client IP from X-Forwarded-For
    bodyLimit: config.bodyLimitBytes,
    keepAliveTimeout: 65_000, // longer than the ALB's idle timeout, so the ALB closes first (no 502s)
    requestTimeout: 30_000,
    forceCloseConnections: "idle",
    return503OnClosing: false, // plugins/drain-connections.ts answers the 503 while closing, as problem+json
    clientErrorHandler: sendClientErrorProblem, // 431 and other parser rejections as problem+json too
    frameworkErrors: sendRouterRejectionProblem, // so are URLs the router refuses
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.removeContentTypeParser("text/plain"); // the API takes JSON only: anything else is a 415
  for (const schema of componentSchemas) app.addSchema(schema);
  registerProblemHandler(app);
  registerRequestLog(app);
  registerConnectionDraining(app, lifecycle);
  await registerOpenApi(app);
  await app.register(healthRoutes, { store, cache, lifecycle });
  await app.register(articleRoutes, { store, cache, apiKey: config.apiKey });
  await app.register(catalogRoutes, { store, cache });
  await app.register(ingestRoutes, { store, cache, apiKey: config.apiKey, upstream: config.upstream });
  return app;
}
