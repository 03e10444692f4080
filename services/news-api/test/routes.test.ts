import { API_KEY, appOn, appPerSuite, articleBody, BACKENDS } from "./support/backends";
import { expectProblem } from "./support/problems";

const auth = { "x-api-key": API_KEY };

describe.each(BACKENDS)("routes on %s", (_name, open) => {
  const suite = appPerSuite(open);

  const create = (n: number, overrides: Record<string, unknown> = {}) =>
    suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(n, overrides) });
  const count = async () =>
    Number((await suite.backend.database.query<{ n: number }>("SELECT count(*)::integer AS n FROM articles")).rows[0].n);

  test("POST creates an article: 201, Location, the stored article back", async () => {
    const response = await create(1, { author: "A. Writer", content: "Full text" });
    expect(response.statusCode).toBe(201);
    const article = response.json();
    expect(response.headers.location).toBe(`/api/articles/${article.id}`);
    expect(article).toMatchObject({ ...articleBody(1), author: "A. Writer", content: "Full text", image_url: null });
    expect(Date.parse(article.created_at)).not.toBeNaN();

    const fetched = await suite.app.inject(`/api/articles/${article.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(article);
  });

  test("POST without a category files the article under general", async () => {
    const { category: _omitted, ...body } = articleBody(2);
    const response = await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: body });
    expect(response.json().category).toBe("general");
  });

  test("POST with a URL that exists is a 409 problem and stores nothing new", async () => {
    await create(3);
    const duplicate = await create(3, { title: "Another title" });
    expect(expectProblem(duplicate, 409).type).toBe("/problems/duplicate-url");
    expect(await count()).toBe(1);
  });

  test("GET /api/articles lists newest first without content, with filters", async () => {
    for (let n = 1; n <= 6; n++) await create(n);
    const all = (await suite.app.inject("/api/articles")).json();
    expect(all.items.map((a: { url: string }) => a.url)).toEqual([6, 5, 4, 3, 2, 1].map((n) => articleBody(n).url));
    expect(all.items[0]).not.toHaveProperty("content");
    expect(all.next_cursor).toBeNull();

    const technology = (await suite.app.inject("/api/articles?category=technology")).json();
    expect(technology.items.map((a: { category: string }) => a.category)).toEqual(["technology", "technology"]);
    const harbor = (await suite.app.inject("/api/articles?source=Harbor%20Times")).json();
    expect(harbor.items).toHaveLength(3);

    const from = articleBody(2).published_at;
    const to = articleBody(4).published_at;
    const window = (await suite.app.inject(`/api/articles?from=${from}&to=${to}`)).json();
    expect(window.items.map((a: { published_at: string }) => a.published_at)).toEqual([4, 3, 2].map((n) => articleBody(n).published_at));
  });

  test("q searches title and description with full-text semantics", async () => {
    await create(1, { title: "Central bank raises interest rates", description: "Markets react" });
    await create(2, { title: "Football final tonight", description: "Stadium sold out after rate of sales" });
    await create(3, { title: "Weather", description: "Rain expected" });
    const search = async (q: string) =>
      (await suite.app.inject({ url: "/api/articles", query: { q } }))
        .json()
        .items.map((a: { title: string }) => a.title)
        .sort();
    expect(await search("rates")).toEqual(["Central bank raises interest rates", "Football final tonight"]); // stemming: rate/rates
    expect(await search('"interest rates"')).toEqual(["Central bank raises interest rates"]);
    expect(await search("rain -football")).toEqual(["Weather"]);
    expect(await search("markets")).toEqual(["Central bank raises interest rates"]); // description is searched
  });

  test("cursor pagination visits every article once, stable while newer ones arrive", async () => {
    for (let n = 1; n <= 25; n++) await create(n, { published_at: articleBody(n % 5).published_at }); // ties on published_at
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { url: string }[]; next_cursor: string | null } = (
        await suite.app.inject({ url: "/api/articles", query: { limit: "4", ...(cursor ? { cursor } : {}) } })
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((a) => a.url));
      cursor = page.next_cursor;
      await create(100 + pages, { published_at: new Date(Date.UTC(2027, 0, 1) + pages * 1000).toISOString() }); // newer than all
      pages++;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(pages).toBe(7);
  });

  test("limit defaults to 20 and next_cursor is null on the last page", async () => {
    for (let n = 1; n <= 21; n++) await create(n);
    const first = (await suite.app.inject("/api/articles")).json();
    expect(first.items).toHaveLength(20);
    const second = (await suite.app.inject({ url: "/api/articles", query: { cursor: first.next_cursor } })).json();
    expect(second.items.map((a: { url: string }) => a.url)).toEqual([articleBody(1).url]);
    expect(second.next_cursor).toBeNull();
  });

  test("DELETE removes the article: 204, then 404 problems", async () => {
    const { id } = (await create(1)).json();
    const deleted = await suite.app.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: auth });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expectProblem(await suite.app.inject(`/api/articles/${id}`), 404);
    expectProblem(await suite.app.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: auth }), 404);
  });

  test("sources and categories are listed with counts, largest first", async () => {
    for (let n = 1; n <= 6; n++) await create(n);
    expect((await suite.app.inject("/api/sources")).json()).toEqual({
      items: [
        { name: "Harbor Times", count: 3 },
        { name: "Metro Wire", count: 3 },
      ],
    });
    expect((await suite.app.inject("/api/categories")).json()).toEqual({
      items: [
        { name: "business", count: 4 },
        { name: "technology", count: 2 },
      ],
    });
  });

  test("write routes need the API key: 401 without or with a wrong one, nothing written", async () => {
    const body = articleBody(1);
    expectProblem(await suite.app.inject({ method: "POST", url: "/api/articles", payload: body }), 401);
    expectProblem(
      await suite.app.inject({ method: "POST", url: "/api/articles", headers: { "x-api-key": "wrong-key-wrong-key" }, payload: body }),
      401,
    );
    expectProblem(await suite.app.inject({ method: "POST", url: "/api/ingest", payload: {} }), 401);
    const { id } = (await create(2)).json();
    expectProblem(await suite.app.inject({ method: "DELETE", url: `/api/articles/${id}` }), 401);
    expect(await count()).toBe(1);
  });

  test("with no API key configured the write routes are off (503), reads still work", async () => {
    const readOnly = await appOn(suite.backend, { apiKey: undefined });
    try {
      const response = await readOnly.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) });
      expect(expectProblem(response, 503).type).toBe("/problems/not-configured");
      expect((await readOnly.inject("/api/articles")).statusCode).toBe(200);
      expect(await count()).toBe(0);
    } finally {
      await readOnly.close();
    }
  });

  describe("bad input is a 4xx problem and writes nothing", () => {
    const long = "x".repeat(10_000);
    const badQueries: [string, string][] = [
      ["limit is not a number", "limit=ten"],
      ["limit is zero", "limit=0"],
      ["limit is negative", "limit=-5"],
      ["limit is huge", "limit=100000000000000000000"],
      ["limit is fractional", "limit=2.5"],
      ["cursor is garbage", "cursor=not-a-cursor"],
      ["cursor has bad characters", "cursor=%27%3B%20DROP%20TABLE%20articles%3B--"],
      ["cursor decodes to the wrong shape", `cursor=${Buffer.from('["x",1]').toString("base64url")}`],
      ["10 kB search string", `q=${long}`],
      ["from is not a date", "from=yesterday"],
      ["from is after to", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"],
      ["from is year 0000, which PostgreSQL cannot store", "from=0000-01-01T00:00:00Z"],
      ["unknown query parameter", "sort=title"],
      ["category with SQL metacharacters", "category=tech%27%20OR%201%3D1--"],
    ];
    test.each(badQueries)("GET /api/articles: %s → 400", async (_why, query) => {
      const problem = expectProblem(await suite.app.inject(`/api/articles?${query}`), 400);
      expect(problem.type).toBe("/problems/validation");
      expect(problem.errors?.length).toBeGreaterThan(0);
    });

    test.each([["abc"], ["0"], ["-1"], ["1.5"], ["99999999999"], ["1%20OR%201%3D1"]])("GET /api/articles/%s → 400", async (id) => {
      expectProblem(await suite.app.inject(`/api/articles/${id}`), 400);
    });

    const badBodies: [string, Record<string, unknown>, string][] = [
      ["title has the wrong type", articleBody(1, { title: 42 }), "/title"],
      ["url is missing", { ...articleBody(1), url: undefined }, "url"],
      ["url is not http(s)", articleBody(1, { url: "javascript:alert(1)" }), "/url"],
      ["title is 10 kB", articleBody(1, { title: long }), "/title"],
      ["published_at is not a date", articleBody(1, { published_at: "last tuesday" }), "/published_at"],
      ["published_at is year 0000", articleBody(1, { published_at: "0000-06-01T00:00:00Z" }), "/published_at"],
      ["unknown field", articleBody(1, { id: 7 }), "id"],
      ["category with SQL metacharacters", articleBody(1, { category: "x'); DROP TABLE articles;--" }), "/category"],
      ["null title", articleBody(1, { title: null }), "/title"],
    ];
    test.each(badBodies)("POST /api/articles: %s → 400 naming the field", async (_why, body, path) => {
      const response = await suite.app.inject({
        method: "POST",
        url: "/api/articles",
        headers: auth,
        payload: JSON.parse(JSON.stringify(body)),
      });
      const problem = expectProblem(response, 400);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      expect(await count()).toBe(0);
    });

    test("SQL metacharacters in valid fields are stored as text, never run", async () => {
      const title = 'Robert\'); DROP TABLE articles;-- "quoted" \\ $1';
      const response = await create(1, { title, source: "'; SELECT pg_sleep(10); --" });
      expect(response.statusCode).toBe(201);
      expect((await suite.app.inject(`/api/articles/${response.json().id}`)).json().title).toBe(title);
      expect((await suite.app.inject({ url: "/api/articles", query: { q: "'; DROP TABLE articles; --" } })).statusCode).toBe(200);
      expect(await count()).toBe(1);
    });

    test("invalid JSON → 400", async () => {
      const response = await suite.app.inject({
        method: "POST",
        url: "/api/articles",
        headers: { ...auth, "content-type": "application/json" },
        payload: '{"url": "https://x.org/1", "title": ',
      });
      expectProblem(response, 400);
      expect(await count()).toBe(0);
    });

    test("oversized body → 413", async () => {
      const payload = JSON.stringify(articleBody(1, { content: "y".repeat(200_000) }));
      expectProblem(
        await suite.app.inject({ method: "POST", url: "/api/articles", headers: { ...auth, "content-type": "application/json" }, payload }),
        413,
      );
      expect(await count()).toBe(0);
    });

    test("wrong content type → 415", async () => {
      const response = await suite.app.inject({
        method: "POST",
        url: "/api/articles",
        headers: { ...auth, "content-type": "text/plain" },
        payload: "hello",
      });
      expectProblem(response, 415);
      expect(await count()).toBe(0);
    });

    test("unknown route → 404 problem", async () => {
      expectProblem(await suite.app.inject("/api/nothing-here"), 404);
    });
  });

  test("GET /health answers without touching dependencies; /health/ready reports them", async () => {
    expect((await suite.app.inject("/health")).json()).toEqual({ status: "ok" });
    const ready = await suite.app.inject("/health/ready");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
  });
});
