import type { FastifyInstance } from "fastify";
import { API_KEY, appOn, articleBody, Backend, postgresRedisBackend } from "./support/backends";
import { eventually } from "./support/eventually";
import { expectProblem } from "./support/problems";

const auth = { "x-api-key": API_KEY };

describe("faults on real PostgreSQL + Redis", () => {
  let backend: Backend;
  let app: FastifyInstance;

  beforeAll(async () => {
    backend = await postgresRedisBackend({ dedicatedServers: true }); // it halts them
    app = await appOn(backend);
    for (let n = 1; n <= 5; n++) await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(n) });
  });
  afterAll(async () => {
    await app?.close();
    await backend?.close();
  });

  test("Redis killed mid-run: reads and writes still succeed, ready says degraded, then it recovers by itself", async () => {
    expect((await app.inject("/api/articles?limit=2")).statusCode).toBe(200);
    expect((await app.inject("/api/articles?limit=2")).headers["x-cache"]).toBe("hit");

    await backend.redis!.halt();
    const started = Date.now();
    for (const url of ["/api/articles?limit=2", "/api/articles?limit=4", "/api/articles/1", "/api/sources", "/api/articles?q=harbour"]) {
      const response = await app.inject(url);
      expect(response.statusCode).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(3000); // no waiting on a dead cache
    const ready = await app.inject("/health/ready");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "degraded", checks: { database: "ok", cache: "down" } });

    // A write while Redis is away: this task never serves the old list afterwards.
    expect((await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(6) })).statusCode).toBe(201);
    expect((await app.inject("/api/articles?limit=2")).json().items[0].url).toBe(articleBody(6).url);

    await backend.redis!.resume();
    await eventually(async () => expect((await app.inject("/health/ready")).json().status).toBe("ok"), 10_000, 100);
    // Ready turns ok at the reconnect; the write made while Redis was away is published just after it (the
    // cache's synchronize), which drops what was cached before: a read then a hit once that has happened.
    await eventually(
      async () => {
        await app.inject("/api/articles?limit=3");
        expect((await app.inject("/api/articles?limit=3")).headers["x-cache"]).toBe("hit");
      },
      10_000,
      100,
    );
    expect((await app.inject("/api/articles?limit=3")).json().items[0].url).toBe(articleBody(6).url);
  });

  test("PostgreSQL stopped: ready is 503, uncached reads and writes are 503 problems, liveness stays 200, then recovery", async () => {
    await backend.postgres!.halt();
    try {
      const ready = await app.inject("/health/ready");
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: "unavailable", checks: { database: "down", cache: "ok" } });

      const read = await app.inject("/api/articles?category=technology&limit=7");
      expect(expectProblem(read, 503).type).toBe("/problems/dependency-unavailable");
      expect(read.headers["retry-after"]).toBe("5");
      expectProblem(await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(7) }), 503);
      expect((await app.inject("/health")).statusCode).toBe(200); // the ALB keeps the task
    } finally {
      await backend.postgres!.resume();
    }
    await eventually(async () => expect((await app.inject("/health/ready")).statusCode).toBe(200), 10_000, 100);
    expect((await app.inject("/api/articles?category=technology&limit=7")).statusCode).toBe(200);
    expect((await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(7) })).statusCode).toBe(201);
  });
});
