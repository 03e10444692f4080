import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ResponseCache } from "../cache/response-cache";
import { CategoryList, problemResponses, publicRead, refTo, SourceList } from "../schemas";
import type { ArticleStore } from "../store/article-store";
import { serveCached } from "./cached-json";

/** `/api/sources` and `/api/categories`: each name with its article count, most articles first. */
export const catalogRoutes: FastifyPluginAsyncTypebox<{ store: ArticleStore; cache: ResponseCache }> = async (app, { store, cache }) => {
  for (const [path, operationId, list, facet] of [
    ["/api/sources", "listSources", SourceList, () => store.sources()],
    ["/api/categories", "listCategories", CategoryList, () => store.categories()],
  ] as const) {
    app.get(
      path,
      {
        schema: {
          tags: ["catalog"],
          operationId,
          summary: `${path.slice(5)} with article counts`,
          security: publicRead,
          response: { 200: refTo(list), ...problemResponses(503) },
        },
      },
      async (request, reply) => serveCached(cache, request, reply, async () => ({ items: await facet() })),
    );
  }
};
