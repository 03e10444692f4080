import { Static, Type } from "@sinclair/typebox";

/** Request and response schemas: validation, response serialization and the OpenAPI document. */

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Category = Type.String({ pattern: "^[a-z][a-z0-9-]{0,39}$", description: "Lowercase category, e.g. technology" });
const HttpUrl = (maxLength: number) => Type.String({ format: "uri", pattern: "^https?://", maxLength });

export const ArticleSummary = Type.Object(
  {
    id: Type.Integer(),
    url: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    author: Nullable(Type.String()),
    source: Type.String(),
    category: Type.String(),
    image_url: Nullable(Type.String()),
    published_at: Type.String({ format: "date-time" }),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "ArticleSummary" },
);

export const Article = Type.Composite([ArticleSummary, Type.Object({ content: Nullable(Type.String()) })], { $id: "Article" });

export const ArticlePage = Type.Object({
  items: Type.Array(ArticleSummary),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: "Pass as `cursor` for the next page; null on the last page" }),
});

export const ListArticlesQuery = Type.Object(
  {
    category: Type.Optional(Category),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Full-text search over title and description (web-search syntax)" })),
    from: Type.Optional(Type.String({ format: "date-time", description: "Published at or after" })),
    to: Type.Optional(Type.String({ format: "date-time", description: "Published at or before" })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
  },
  { additionalProperties: false },
);
export type ListArticlesQuery = Static<typeof ListArticlesQuery>;

export const ArticleIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

export const CreateArticleBody = Type.Object(
  {
    url: HttpUrl(2048),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    content: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
    author: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    source: Type.String({ minLength: 1, maxLength: 100 }),
    category: Type.Optional(Category),
    image_url: Type.Optional(Nullable(HttpUrl(2048))),
    published_at: Type.String({ format: "date-time" }),
  },
  { additionalProperties: false },
);
export type CreateArticleBody = Static<typeof CreateArticleBody>;

export const Facets = Type.Object({ items: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })) });

export const IngestBody = Type.Object(
  {
    category: Type.Optional(Category),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    page_size: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  },
  { additionalProperties: false },
);
export type IngestBody = Static<typeof IngestBody>;

export const IngestResult = Type.Object({
  received: Type.Integer({ description: "Articles the upstream returned" }),
  inserted: Type.Integer(),
  updated: Type.Integer({ description: "Known URLs whose fields were refreshed" }),
  skipped: Type.Integer({ description: "Unusable (no URL, title or date) or repeated within the batch" }),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ in: Type.String(), path: Type.String(), message: Type.String() }))),
  },
  { $id: "Problem", description: "RFC 9457 problem details" },
);

export const Liveness = Type.Object({ status: Type.Literal("ok") });
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("degraded"), Type.Literal("unavailable"), Type.Literal("draining")], {
    description: "degraded: serving, with Redis down or every database connection busy; draining: shutting down, take no new traffic",
  }),
  checks: Type.Object({
    database: Type.Union([Type.Literal("ok"), Type.Literal("busy"), Type.Literal("down")], { description: "busy: answers, but the pool has no free connection" }),
    cache: Type.Union([Type.Literal("ok"), Type.Literal("down")]),
  }),
  pool: Type.Optional(
    Type.Object(
      { max: Type.Integer(), total: Type.Integer(), idle: Type.Integer(), waiting: Type.Integer({ description: "Queries queued for a connection" }) },
      { description: "Database pool figures, when the database is busy" },
    ),
  ),
});

/** Problem responses every route may give. */
export const problemResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, Type.Ref(Problem)]));
