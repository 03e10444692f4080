import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { ResponseCache } from "../cache/response-cache";
import { requireApiKey } from "../plugins/api-key";
import { ProblemError } from "../problem";
import { Article, ArticleIdParams, ArticleList, NewArticle, ListArticlesQuery, problemResponses, publicRead, refTo } from "../schemas";
import type { ArticleStore } from "../store/article-store";
import { decodeCursor } from "../store/cursor";
import { sendJson, serveCached } from "./cached-json";

export interface ArticleRoutesOptions {
  readonly store: ArticleStore;
  readonly cache: ResponseCache;
  readonly apiKey?: string;
}

const notFound = (id: number) => ProblemError.notFound(`article ${id} not found`);

/** A query rule the schema cannot state (it spans fields, or needs decoding). */
const invalidQuery = (detail: string, path: string) => ProblemError.invalid(detail, [{ in: "querystring", path, message: detail }]);

export const articleRoutes: FastifyPluginAsyncTypebox<ArticleRoutesOptions> = async (app, { store, cache, apiKey }) => {
  const writeGuard = requireApiKey(apiKey);
  const security = [{ apiKey: [] }];

  app.get(
    "/api/articles",
    {
      schema: {
        tags: ["articles"],
        operationId: "listArticles",
        summary: "List articles, newest first, with filters, full-text search and cursor pagination",
        security: publicRead,
        querystring: ListArticlesQuery,
        response: { 200: refTo(ArticleList), ...problemResponses(400, 503) },
      },
    },
    async (request, reply) => {
      // Checked before the cache: a bad cursor is a 400 even when some page is cached.
      const { cursor, ...filters } = request.query;
      if (filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to)) {
        throw invalidQuery("`from` must not be after `to`", "/from");
      }
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        throw invalidQuery("`cursor` is not a cursor this API issued", "/cursor");
      }
      return serveCached(cache, request, reply, () => store.list({ ...filters, after }));
    },
  );

  app.get(
    "/api/articles/:id",
    {
      schema: {
        tags: ["articles"],
        operationId: "getArticle",
        summary: "One article with its content",
        security: publicRead,
        params: ArticleIdParams,
        response: { 200: refTo(Article), ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) =>
      serveCached(cache, request, reply, async () => (await store.get(request.params.id)) ?? Promise.reject(notFound(request.params.id))),
  );

  app.post(
    "/api/articles",
    {
      onRequest: writeGuard,
      schema: {
        tags: ["articles"],
        operationId: "createArticle",
        summary: "Create an article (409 when its URL exists)",
        security,
        body: refTo(NewArticle),
        response: {
          201: { ...refTo(Article), description: "Created; `Location` names the new article" },
          ...problemResponses(400, 401, 409, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const article = await store.create({ ...request.body, category: request.body.category ?? "general" });
      await cache.invalidate();
      return sendJson(reply.code(201).header("location", `/api/articles/${article.id}`), article);
    },
  );

  app.delete(
    "/api/articles/:id",
    {
      onRequest: writeGuard,
      schema: {
        tags: ["articles"],
        operationId: "deleteArticle",
        summary: "Delete an article",
        security,
        params: ArticleIdParams,
        response: { 204: Type.Null({ description: "Deleted" }), ...problemResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      if (!(await store.delete(request.params.id))) throw notFound(request.params.id);
      await cache.invalidate();
      return reply.code(204).send(null);
    },
  );
};
