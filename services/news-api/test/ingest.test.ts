import type { FastifyInstance } from "fastify";
import { API_KEY, appOn, Backend, pgliteBackend, postgresRedisBackend } from "./support/backends";
import { expectProblem } from "./support/problems";
import { FakeUpstream, upstreamArticle } from "./support/upstream";

const auth = { "x-api-key": API_KEY };

describe.each([
  ["PGlite + memory cache", pgliteBackend],
  ["PostgreSQL + Redis", postgresRedisBackend],
])("POST /api/ingest on %s", (_name, open) => {
  let backend: Backend;
  let upstream: FakeUpstream;
  let app: FastifyInstance;

  beforeAll(async () => {
    [backend, upstream] = await Promise.all([open(), FakeUpstream.start()]);
    app = await appOn(backend, { upstream: { url: upstream.url, apiKey: "upstream-key", timeoutMs: 300 } });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([backend?.close(), upstream?.close()]);
  });
  beforeEach(() => backend.reset());

  const ingest = (payload: Record<string, unknown> = {}) => app.inject({ method: "POST", url: "/api/ingest", headers: auth, payload });
  const stored = async () =>
    (
      await backend.database.query<{ url: string; title: string; category: string; source: string }>(
        "SELECT url, title, category, source FROM articles ORDER BY url",
      )
    ).rows;

  test("normalizes, dedupes by URL and upserts; counts what happened; re-ingest updates", async () => {
    upstream.respondWith([
      upstreamArticle(1),
      upstreamArticle(2, { source: null }),
      upstreamArticle(1, { title: "repeat in the same batch" }),
      upstreamArticle(3, { url: "not a url" }),
      upstreamArticle(4, { title: "[Removed]" }),
      upstreamArticle(5, { publishedAt: "someday" }),
      upstreamArticle(6, { title: "   " }),
    ]);
    const first = await ingest({ category: "science", q: "space", page_size: 20 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 7, inserted: 2, updated: 0, skipped: 5 });
    const request = upstream.requests.at(-1)!;
    expect(Object.fromEntries(request.searchParams)).toEqual({ category: "science", q: "space", pageSize: "20" });
    expect(await stored()).toEqual([
      { url: "https://wire.example.net/articles/1", title: "Upstream headline 1", category: "science", source: "Wire Service" },
      { url: "https://wire.example.net/articles/2", title: "Upstream headline 2", category: "science", source: "wire.example.net" },
    ]);

    upstream.respondWith([upstreamArticle(1, { title: "Corrected headline" }), upstreamArticle(7)]);
    expect((await ingest()).json()).toEqual({ received: 2, inserted: 1, updated: 1, skipped: 0 });
    expect((await stored()).map((a) => a.title)).toEqual(["Corrected headline", "Upstream headline 2", "Upstream headline 7"]);
  });

  test("ingest invalidates the cache: the list shows the new articles at once", async () => {
    expect((await app.inject("/api/articles")).json().items).toEqual([]);
    upstream.respondWith([upstreamArticle(8)]);
    await ingest();
    expect((await app.inject("/api/articles")).json().items.map((a: { url: string }) => a.url)).toEqual([upstreamArticle(8).url]);
  });

  test.each([
    [
      "answers 500",
      (res: import("node:http").ServerResponse) =>
        res.writeHead(500, { "content-type": "application/json" }).end('{"status":"error","message":"upstream broke"}'),
      502,
      /500: upstream broke/,
    ],
    [
      "answers 429 (rate limit)",
      (res: import("node:http").ServerResponse) => res.writeHead(429).end('{"status":"error","code":"rateLimited"}'),
      502,
      /429/,
    ],
    [
      "answers HTML",
      (res: import("node:http").ServerResponse) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"),
      502,
      /not JSON/,
    ],
    [
      "answers without an articles array",
      (res: import("node:http").ServerResponse) => res.end('{"status":"ok"}'),
      502,
      /no articles array/,
    ],
    ["does not answer in time", () => undefined, 504, /within 300 ms/],
  ])("upstream %s → %i problem, nothing written", async (_why, handler, status, detail) => {
    upstream.handler = (_req, res) => handler(res);
    const problem = expectProblem(await ingest(), status);
    expect(problem.type).toBe("/problems/upstream");
    expect(problem.detail).toMatch(detail);
    expect(await stored()).toEqual([]);
  });

  test("an unreachable upstream → 502", async () => {
    const unreachable = await appOn(backend, { upstream: { url: "http://127.0.0.1:1/v2/top-headlines", timeoutMs: 1000 } });
    try {
      expect(
        expectProblem(await unreachable.inject({ method: "POST", url: "/api/ingest", headers: auth, payload: {} }), 502).detail,
      ).toMatch(/unreachable/);
    } finally {
      await unreachable.close();
    }
  });

  test("without NEWS_UPSTREAM_URL ingest is off: 503 not-configured", async () => {
    const off = await appOn(backend);
    try {
      expect(expectProblem(await off.inject({ method: "POST", url: "/api/ingest", headers: auth, payload: {} }), 503).type).toBe(
        "/problems/not-configured",
      );
    } finally {
      await off.close();
    }
  });

  test("bad ingest bodies → 400 before the upstream is called", async () => {
    const calls = upstream.requests.length;
    for (const payload of [{ page_size: 0 }, { page_size: 1000 }, { category: "Not A Category" }, { q: "" }, { extra: true }]) {
      expectProblem(await ingest(payload), 400);
    }
    expect(upstream.requests.length).toBe(calls);
  });
});
