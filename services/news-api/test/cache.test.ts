import type { FastifyInstance } from "fastify";
import { API_KEY, appOn, appPerSuite, articleBody, Backend, BACKENDS, postgresRedisBackend } from "./support/backends";
import { eventually } from "./support/eventually";

const auth = { "x-api-key": API_KEY };
const urls = (response: { json(): { items: { url: string }[] } }) => response.json().items.map((a) => a.url);

describe.each(BACKENDS)("response cache on %s", (_name, open) => {
  const suite = appPerSuite(open);

  test("a repeated read is served from the cache, byte for byte", async () => {
    const { id } = (await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) })).json();
    for (const url of ["/api/articles?limit=5", `/api/articles/${id}`, "/api/sources"]) {
      const first = await suite.app.inject(url);
      const second = await suite.app.inject(url);
      expect([first.headers["x-cache"], second.headers["x-cache"]]).toEqual(["miss", "hit"]);
      expect(second.body).toBe(first.body);
      expect(second.headers["content-type"]).toBe("application/json; charset=utf-8");
    }
  });

  test("the cache really answers: a row changed behind the API's back stays invisible until a write", async () => {
    const { id } = (await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) })).json();
    await suite.app.inject(`/api/articles/${id}`);
    await suite.backend.database.query("UPDATE articles SET title = 'changed directly' WHERE id = $1", [id]);
    expect((await suite.app.inject(`/api/articles/${id}`)).json().title).toBe(articleBody(1).title);
    await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(2) });
    expect((await suite.app.inject(`/api/articles/${id}`)).json().title).toBe("changed directly");
  });

  test("every write invalidates: no stale read right after POST or DELETE", async () => {
    const first = (await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) })).json();
    expect(urls(await suite.app.inject("/api/articles"))).toEqual([articleBody(1).url]);
    expect((await suite.app.inject("/api/articles")).headers["x-cache"]).toBe("hit");

    await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(2) });
    const afterCreate = await suite.app.inject("/api/articles");
    expect(afterCreate.headers["x-cache"]).toBe("miss");
    expect(urls(afterCreate)).toEqual([articleBody(2).url, articleBody(1).url]);

    await suite.app.inject(`/api/articles/${first.id}`);
    await suite.app.inject({ method: "DELETE", url: `/api/articles/${first.id}`, headers: auth });
    expect((await suite.app.inject(`/api/articles/${first.id}`)).statusCode).toBe(404);
    expect(urls(await suite.app.inject("/api/articles"))).toEqual([articleBody(2).url]);
    expect((await suite.app.inject("/api/categories")).json().items).toEqual([{ name: "business", count: 1 }]);
  });

  test("a failed write (409) leaves the cache as it was", async () => {
    await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) });
    await suite.app.inject("/api/articles");
    expect((await suite.app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) })).statusCode).toBe(409);
    expect((await suite.app.inject("/api/articles")).headers["x-cache"]).toBe("hit");
  });

  test("a value computed before a concurrent write is never stored under the new generation", async () => {
    const { generation } = await suite.cache.lookup("/k");
    await suite.cache.invalidate();
    suite.cache.set("/k", generation, Buffer.from("old"));
    expect((await suite.cache.lookup("/k")).value).toBeUndefined();
  });

  test("errors are not cached", async () => {
    expect((await suite.app.inject("/api/articles/4242")).statusCode).toBe(404);
    expect((await suite.app.inject("/api/articles/4242")).headers["x-cache"]).toBeUndefined();
  });
});

describe("two tasks sharing one Redis", () => {
  let backend: Backend;
  let taskA: FastifyInstance;
  let taskB: FastifyInstance;

  beforeAll(async () => {
    backend = await postgresRedisBackend({ localTtlMs: 60_000 }); // only invalidation can clear the local tier
    taskA = await appOn(backend);
    taskB = await appOn(backend);
  });
  afterAll(async () => {
    await Promise.all([taskA?.close(), taskB?.close()]);
    await backend?.close();
  });

  test("a response cached by one task is a hit on the other (shared Redis tier)", async () => {
    await taskA.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(1) });
    await eventually(async () => expect(urls(await taskB.inject("/api/articles?limit=2"))).toEqual([articleBody(1).url]));
    expect((await taskB.inject("/api/articles?limit=3")).headers["x-cache"]).toBe("miss");
    const onA = await taskA.inject("/api/articles?limit=3");
    expect(onA.headers["x-cache"]).toBe("hit");
    expect(urls(onA)).toEqual([articleBody(1).url]);
  });

  test("a write on one task drops the other task's in-process copies (pub/sub)", async () => {
    await taskA.inject("/api/articles");
    expect((await taskA.inject("/api/articles")).headers["x-cache"]).toBe("hit");
    await taskB.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(2) });
    await eventually(async () => expect(urls(await taskA.inject("/api/articles"))).toContain(articleBody(2).url), 1000);
    // The writer itself never serves the old page, not even once.
    expect(urls(await taskB.inject("/api/articles"))).toContain(articleBody(2).url);
  });
});
