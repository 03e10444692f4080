import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ResponseCache } from "../cache/response-cache";
import { Health, problemResponses, publicRead, Readiness, refTo } from "../schemas";
import type { ArticleStore } from "../store/article-store";

const CHECK_TIMEOUT_MS = 1000;

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);

/**
 * `/health`: liveness for the ALB and the container health check; touches no dependency, so a
 * database outage never gets healthy tasks killed. `/health/ready`: dependency status; 503 only when
 * the database is down (the cache is optional).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ store: ArticleStore; cache: ResponseCache }> = async (app, { store, cache }) => {
  app.get("/health", { schema: { tags: ["health"], operationId: "getHealth", summary: "Liveness", security: publicRead, response: { 200: refTo(Health), ...problemResponses() } } }, async () => ({ status: "ok" as const }));

  app.get("/health/ready", { schema: { tags: ["health"], operationId: "getReadiness", summary: "Readiness and dependency status", security: publicRead, response: { 200: refTo(Readiness), 503: refTo(Readiness), ...problemResponses() } } }, async (_request, reply) => {
    const [database, cacheStatus] = await Promise.all([
      within(store.ping(), CHECK_TIMEOUT_MS).then(() => "ok" as const, () => "down" as const),
      within(cache.health(), CHECK_TIMEOUT_MS).catch(() => "down" as const),
    ]);
    const status = database === "down" ? "unavailable" : cacheStatus === "down" ? "degraded" : "ok";
    return reply.code(database === "down" ? 503 : 200).send({ status, checks: { database, cache: cacheStatus } });
  });
};
