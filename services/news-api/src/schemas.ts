import { Static, TSchema, Type } from "@sinclair/typebox";

/**
 * Request and response schemas: validation, response serialization and the OpenAPI document.
 * Bodies are named components (a `$id`, registered by app.ts and validation.ts, referenced with
 * `refTo`), so the document and the clients generated from it carry these names, not `def-N`.
 */

/** A `$ref` to a named schema, typed as that schema (TypeBox 0.34's Ref takes only the id). */
export const refTo = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T>>(Type.Ref(schema.$id!));

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
/**
 * A field clients may omit because validation fills in its `default` (ajv's useDefaults): optional in
 * the published document, so generated clients do not demand it, yet typed as present for handlers.
 */
const Defaulted = <T extends TSchema>(schema: T) => Type.Optional(schema) as unknown as T;

const CategoryName = Type.String({ pattern: "^[a-z][a-z0-9-]{0,39}$", description: "Lowercase category, e.g. technology" });
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
  { $id: "ArticleSummary", description: "An article without its content, as lists give it" },
);

export const Article = Type.Composite([ArticleSummary, Type.Object({ content: Nullable(Type.String()) })], {
  $id: "Article",
  description: "An article with its content",
});

export const ArticleList = Type.Object(
  {
    items: Type.Array(refTo(ArticleSummary)),
    next_cursor: Type.Union([Type.String(), Type.Null()], { description: "Pass as `cursor` for the next page; null on the last page" }),
  },
  { $id: "ArticleList", description: "One page of articles, newest first" },
);

/**
 * An RFC 3339 date-time PostgreSQL can store: year 0000 is valid RFC 3339 but not a timestamptz
 * (PostgreSQL has no year 0), and would reach the database only to fail there as a 500.
 */
const Timestamp = (description?: string) =>
  Type.String({ format: "date-time", pattern: "^(?!0000)", ...(description ? { description } : {}) });

export const ListArticlesQuery = Type.Object(
  {
    category: Type.Optional(CategoryName),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "Full-text search over title and description (web-search syntax)" }),
    ),
    from: Type.Optional(Timestamp("Published at or after")),
    to: Type.Optional(Timestamp("Published at or before")),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
  },
  { additionalProperties: false },
);
export type ListArticlesQuery = Static<typeof ListArticlesQuery>;

export const ArticleIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

export const NewArticle = Type.Object(
  {
    url: HttpUrl(2048),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    content: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
    author: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    source: Type.String({ minLength: 1, maxLength: 100 }),
    category: Type.Optional(CategoryName),
    image_url: Type.Optional(Nullable(HttpUrl(2048))),
    published_at: Timestamp(),
  },
  { $id: "NewArticle", additionalProperties: false, description: "An article to store; `category` defaults to general" },
);
export type NewArticle = Static<typeof NewArticle>;

const facet = (id: string, what: string) =>
  Type.Object(
    { name: Type.String(), count: Type.Integer({ description: "Articles stored under it" }) },
    { $id: id, description: `A ${what} with its article count` },
  );
export const Source = facet("Source", "source");
export const Category = facet("Category", "category");
export const SourceList = Type.Object(
  { items: Type.Array(refTo(Source)) },
  { $id: "SourceList", description: "Sources, most articles first" },
);
export const CategoryList = Type.Object(
  { items: Type.Array(refTo(Category)) },
  { $id: "CategoryList", description: "Categories, most articles first" },
);

export const IngestRequest = Type.Object(
  {
    category: Type.Optional(CategoryName),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    page_size: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { $id: "IngestRequest", additionalProperties: false, description: "What to pull from the upstream news API" },
);
export type IngestRequest = Static<typeof IngestRequest>;

export const IngestResult = Type.Object(
  {
    received: Type.Integer({ description: "Articles the upstream returned" }),
    inserted: Type.Integer(),
    updated: Type.Integer({ description: "Known URLs whose fields were refreshed" }),
    skipped: Type.Integer({ description: "Unusable (no URL, title or date) or repeated within the batch" }),
  },
  { $id: "IngestResult", description: "What one ingest run did" },
);

export const Problem = Type.Object(
  {
    type: Type.String({ format: "uri-reference", description: "`about:blank`, or a problem type such as `/problems/validation`" }),
    title: Type.String({ description: "Short summary of the problem type" }),
    status: Type.Integer({ description: "The HTTP status code" }),
    detail: Type.Optional(Type.String({ description: "What went wrong with this request" })),
    instance: Type.Optional(Type.String({ description: "The request path" })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          in: Type.String({ description: "body, querystring or params" }),
          path: Type.String({ description: "JSON pointer (or name) of the field" }),
          message: Type.String(),
        }),
        { description: "One entry per field that did not validate" },
      ),
    ),
  },
  { $id: "Problem", description: "RFC 9457 problem details" },
);

export const Health = Type.Object({ status: Type.Literal("ok") }, { $id: "Health", description: "The process is up" });
export const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal("ok"), Type.Literal("degraded"), Type.Literal("unavailable"), Type.Literal("draining")], {
      description: "degraded: serving, with Redis down or every database connection busy; draining: shutting down, take no new traffic",
    }),
    checks: Type.Object({
      database: Type.Union([Type.Literal("ok"), Type.Literal("busy"), Type.Literal("down")], {
        description: "busy: answers, but the pool has no free connection",
      }),
      cache: Type.Union([Type.Literal("ok"), Type.Literal("down")]),
    }),
    pool: Type.Optional(
      Type.Object(
        {
          max: Type.Integer(),
          total: Type.Integer(),
          idle: Type.Integer(),
          waiting: Type.Integer({ description: "Queries queued for a connection" }),
        },
        { description: "Database pool figures, when the database is busy" },
      ),
    ),
  },
  { $id: "Readiness", description: "Dependency status; `unavailable` or `draining` (with a 503) when the task should take no traffic" },
);

/** `security` of the public reads: explicitly none (writes name the `apiKey` scheme). */
export const publicRead: { apiKey: string[] }[] = [];

/** Every named schema, registered with Fastify (serialization, `$ref`s) and published as a component. */
export const componentSchemas = [
  ArticleSummary,
  Article,
  ArticleList,
  Source,
  Category,
  SourceList,
  CategoryList,
  NewArticle,
  IngestRequest,
  IngestResult,
  Problem,
  Health,
  Readiness,
];

const PROBLEM_WHEN: Record<number, string> = {
  400: "The request did not validate (`errors` names each field)",
  401: "Missing or wrong `x-api-key`",
  404: "No such article",
  409: "An article with this URL exists",
  413: "The body is larger than the service accepts",
  415: "The body is not JSON",
  431: "The request line and headers exceed the server's limit (any route: Node's parser answers it before routing)",
  502: "The upstream news API failed",
  503: "A dependency is unavailable, or the feature is not configured; retry after `Retry-After`",
  504: "The upstream news API timed out",
};

/**
 * Error responses of an operation: RFC 9457 problem+json bodies, all with the shared `Problem` schema.
 * 431 is listed on every operation: oversized headers are refused for any URL (plugins/client-errors.ts).
 */
export const problemResponses = (...statuses: (keyof typeof PROBLEM_WHEN)[]) =>
  Object.fromEntries(
    [...statuses, 431].map((status) => [
      status,
      { description: PROBLEM_WHEN[status], content: { "application/problem+json": { schema: refTo(Problem) } } },
    ]),
  );
