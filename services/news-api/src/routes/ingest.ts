import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ResponseCache } from "../cache/response-cache";
import type { UpstreamConfig } from "../config";
import { ProblemError } from "../problem";
import { fetchUpstream, normalize } from "../ingest/newsapi-client";
import { requireApiKey } from "../plugins/api-key";
import { IngestRequest, IngestResult, problemResponses, refTo } from "../schemas";
import type { ArticleStore } from "../store/article-store";

export interface IngestRoutesOptions {
  readonly store: ArticleStore;
  readonly cache: ResponseCache;
  readonly apiKey?: string;
  readonly upstream?: UpstreamConfig;
}

/** `POST /api/ingest`: pulls one page from the NewsAPI-compatible upstream and upserts it by URL. */
export const ingestRoutes: FastifyPluginAsyncTypebox<IngestRoutesOptions> = async (app, { store, cache, apiKey, upstream }) => {
  app.post(
    "/api/ingest",
    {
      onRequest: requireApiKey(apiKey),
      schema: {
        tags: ["ingest"],
        operationId: "ingestArticles",
        summary: "Pull articles from the upstream news API, dedupe by URL and upsert them",
        security: [{ apiKey: [] }],
        body: refTo(IngestRequest),
        response: { 200: refTo(IngestResult), ...problemResponses(400, 401, 413, 415, 502, 503, 504) },
      },
    },
    async (request) => {
      if (!upstream) throw ProblemError.notConfigured("ingest is disabled: NEWS_UPSTREAM_URL is not set");
      const { category, q, page_size: pageSize } = request.body;
      const fetched = await fetchUpstream(upstream, { category, q, pageSize });
      const { articles, received, skipped } = normalize(fetched, category ?? "general");
      const counts = await store.upsertMany(articles);
      if (counts.inserted + counts.updated > 0) await cache.invalidate();
      request.log.info({ received, skipped, ...counts }, "ingest finished");
      return { received, skipped, ...counts };
    },
  );
};
