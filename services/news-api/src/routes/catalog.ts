import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ResponseCache } from "../cache/response-cache";
import { Facets, problemResponses } from "../schemas";
import type { ArticleStore } from "../store/article-store";
import { serveCached } from "./cached-json";

/** `/api/sources` and `/api/categories`: each name with its article count, most articles first. */
export const catalogRoutes: FastifyPluginAsyncTypebox<{ store: ArticleStore; cache: ResponseCache }> = async (app, { store, cache }) => {
  for (const [path, facet] of [
    ["/api/sources", () => store.sources()],
    ["/api/categories", () => store.categories()],
  ] as const) {
    app.get(
      path,
      { schema: { tags: ["catalog"], summary: `${path.slice(5)} with article counts`, response: { 200: Facets, ...problemResponses(503) } } },
      async (request, reply) => serveCached(cache, request, reply, async () => ({ items: await facet() })),
    );
  }
};
