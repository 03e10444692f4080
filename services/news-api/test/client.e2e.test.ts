import type { FastifyInstance } from "fastify";
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "../client/news-api";
import { API_KEY, appOn, articleBody, postgresRedisBackend, type Backend } from "./support/backends";
import { responseChecker, servedDocument } from "./support/openapi";
import { FakeUpstream, upstreamArticle } from "./support/upstream";

type Problem = components["schemas"]["Problem"];
type NewArticle = components["schemas"]["NewArticle"];

/**
 * The typed client generated from the served document (client/news-api.d.ts + openapi-fetch) against
 * the service listening on a real socket. Every response is checked against the document with ajv:
 * documented status, documented media type, body valid for its schema. On the shared PostgreSQL + Redis:
 * nothing here depends on the database engine (routes.test.ts runs the routes on both backends), and a
 * database of its own there costs far less CPU than a PGlite instance.
 */
describe("the generated client against the running service", () => {
  let backend: Backend;
  let upstream: FakeUpstream;
  let app: FastifyInstance;
  let client: ReturnType<typeof createClient<paths>>;
  const checked: string[] = [];
  const writer = { headers: { "x-api-key": API_KEY } };

  beforeAll(async () => {
    [backend, upstream] = await Promise.all([postgresRedisBackend(), FakeUpstream.start()]);
    app = await appOn(backend, { upstream: { url: upstream.url, timeoutMs: 2000 } }); // body limit 64 KiB
    await app.listen({ host: "127.0.0.1", port: 0 });
    const check = responseChecker(await servedDocument(app));
    const conformance: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const problems = check(
          request.method,
          schemaPath,
          response.status,
          response.headers.get("content-type"),
          await response.clone().text(),
        );
        if (problems.length) throw new Error(`response does not match the published document:\n${problems.join("\n")}`);
        checked.push(`${request.method} ${schemaPath} ${response.status}`);
      },
    };
    client = createClient<paths>({ baseUrl: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` });
    client.use(conformance);
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([backend?.close(), upstream?.close()]);
  });

  const create = (n: number, overrides: Partial<NewArticle> = {}) =>
    client.POST("/api/articles", { body: { ...articleBody(n), ...overrides }, ...writer });

  test("health and readiness", async () => {
    expect((await client.GET("/health")).data).toEqual({ status: "ok" });
    expect((await client.GET("/health/ready")).data).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
  });

  test("create, then 409 on a duplicate URL; get; delete, then 404", async () => {
    const created = await create(1, { title: "Harbour cranes return" });
    expect(created.response.status).toBe(201);
    const article = created.data!;
    expect(created.response.headers.get("location")).toBe(`/api/articles/${article.id}`);

    const duplicate = await create(1);
    expect([duplicate.response.status, (duplicate.error as Problem).type]).toEqual([409, "/problems/duplicate-url"]);

    const fetched = await client.GET("/api/articles/{id}", { params: { path: { id: article.id } } });
    expect(fetched.data).toEqual(article);

    const deleted = await client.DELETE("/api/articles/{id}", { params: { path: { id: article.id } }, ...writer });
    expect(deleted.response.status).toBe(204);
    const gone = await client.GET("/api/articles/{id}", { params: { path: { id: article.id } } });
    expect([gone.response.status, (gone.error as Problem).status]).toEqual([404, 404]);
    const deletedAgain = await client.DELETE("/api/articles/{id}", { params: { path: { id: article.id } }, ...writer });
    expect(deletedAgain.response.status).toBe(404);
  });

  test("list with each filter, search, and cursor pages", async () => {
    for (let n = 10; n < 20; n++) await create(n, n === 12 ? { title: "Central bank raises interest rates" } : {});
    const list = async (query: NonNullable<paths["/api/articles"]["get"]["parameters"]["query"]>) => {
      const { data, response } = await client.GET("/api/articles", { params: { query } });
      expect(response.status).toBe(200);
      return data!;
    };
    const urls = (page: components["schemas"]["ArticleList"]) => page.items.map((a) => a.url);

    expect((await list({ category: "technology" })).items.every((a) => a.category === "technology")).toBe(true);
    expect((await list({ source: "Metro Wire" })).items.every((a) => a.source === "Metro Wire")).toBe(true);
    expect((await list({ q: "rates" })).items.map((a) => a.title)).toEqual(["Central bank raises interest rates"]);
    const window = await list({ from: articleBody(13).published_at, to: articleBody(15).published_at });
    expect(urls(window)).toEqual([15, 14, 13].map((n) => articleBody(n).url));

    const seen: string[] = [];
    let page = await list({ limit: 4 });
    seen.push(...urls(page));
    while (page.next_cursor) {
      page = await list({ limit: 4, cursor: page.next_cursor });
      seen.push(...urls(page));
    }
    expect(seen).toEqual(urls(await list({ limit: 100 })));
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("sources and categories with counts", async () => {
    await create(30);
    await create(31);
    const sources = (await client.GET("/api/sources")).data!;
    expect(sources.items.map((s) => s.name).sort()).toEqual(expect.arrayContaining(["Harbor Times", "Metro Wire"]));
    const categories = (await client.GET("/api/categories")).data!;
    expect(categories.items.reduce((sum, c) => sum + c.count, 0)).toBe(sources.items.reduce((sum, s) => sum + s.count, 0));
  });

  test("ingest pulls the upstream's articles", async () => {
    upstream.respondWith([upstreamArticle(1), upstreamArticle(2)]);
    const { data, response } = await client.POST("/api/ingest", { body: { category: "world" }, ...writer });
    expect(response.status).toBe(200);
    expect(data).toEqual({ received: 2, inserted: 2, updated: 0, skipped: 0 });
  });

  test("error shapes: 400, 401, 404, 413, 415 and 431 are problem+json as documented", async () => {
    const status = async (call: Promise<{ response: Response; error?: unknown }>) => {
      const { response, error } = await call;
      expect((error as Problem).status).toBe(response.status);
      return response.status;
    };
    expect(await status(client.GET("/api/articles", { params: { query: { limit: 0 } } }))).toBe(400);
    expect(await status(client.GET("/api/articles", { params: { query: { cursor: "not-a-cursor" } } }))).toBe(400);
    expect(await status(client.POST("/api/articles", { body: articleBody(40) }))).toBe(401);
    expect(await status(client.GET("/api/articles/{id}", { params: { path: { id: 999_999 } } }))).toBe(404);
    expect(await status(create(41, { content: "x".repeat(70 * 1024) }))).toBe(413);
    const asText = {
      bodySerializer: (body: unknown) => JSON.stringify(body),
      headers: { ...writer.headers, "content-type": "text/plain" },
    };
    expect(await status(client.POST("/api/articles", { body: articleBody(42), ...asText }))).toBe(415);
    expect(await status(client.GET("/api/sources", { headers: { "x-padding": "p".repeat(20 * 1024) } }))).toBe(431);
  });

  test("every operation was called and its response checked against the document", () => {
    const operations = new Set(checked.map((c) => c.split(" ").slice(0, 2).join(" ")));
    expect([...operations].sort()).toEqual([
      "DELETE /api/articles/{id}",
      "GET /api/articles",
      "GET /api/articles/{id}",
      "GET /api/categories",
      "GET /api/sources",
      "GET /health",
      "GET /health/ready",
      "POST /api/articles",
      "POST /api/ingest",
    ]);
  });
});
