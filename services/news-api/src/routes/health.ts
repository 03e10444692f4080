import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ResponseCache } from "../cache/response-cache";
import type { Lifecycle } from "../lifecycle";
import { Health, problemResponses, publicRead, Readiness, refTo } from "../schemas";
import type { ArticleStore } from "../store/article-store";
import { poolSaturated } from "../store/database";

const CHECK_TIMEOUT_MS = 1000;

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);

/**
 * `/health`: liveness for the ALB and the container health check; touches no dependency, so a
 * database outage never gets healthy tasks killed. `/health/ready`: dependency status; 503 when the
 * database is unreachable or refuses the credentials, or while the process drains for shutdown; a
 * database whose pool is merely full is `busy` (200, degraded, with the pool's figures).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ store: ArticleStore; cache: ResponseCache; lifecycle: Lifecycle }> = async (
  app,
  { store, cache, lifecycle },
) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["health"],
        operationId: "getHealth",
        summary: "Liveness",
        security: publicRead,
        response: { 200: refTo(Health), ...problemResponses() },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/health/ready",
    {
      schema: {
        tags: ["health"],
        operationId: "getReadiness",
        summary: "Readiness and dependency status",
        security: publicRead,
        response: { 200: refTo(Readiness), 503: refTo(Readiness), ...problemResponses() },
      },
    },
    async (_request, reply) => {
      const [reachable, cacheStatus] = await Promise.all([
        within(store.ping(), CHECK_TIMEOUT_MS).then(
          () => true,
          () => false,
        ),
        within(cache.health(), CHECK_TIMEOUT_MS).catch(() => "down" as const),
      ]);
      const pool = store.poolUsage?.();
      const busy = reachable && pool !== undefined && poolSaturated(pool);
      const database = !reachable ? ("down" as const) : busy ? ("busy" as const) : ("ok" as const);
      const status = lifecycle.draining
        ? "draining"
        : database === "down"
          ? "unavailable"
          : database === "busy" || cacheStatus === "down"
            ? "degraded"
            : "ok";
      const ready = status === "ok" || status === "degraded";
      return reply.code(ready ? 200 : 503).send({ status, checks: { database, cache: cacheStatus }, ...(busy ? { pool } : {}) });
    },
  );
};
