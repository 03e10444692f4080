import type { FastifyInstance } from "fastify";
import { Client } from "pg";
import type { ArticleStore } from "../src/store/article-store";
import { API_KEY, appOn, articleBody, Backend, postgresRedisBackend } from "./support/backends";
import { expectProblem } from "./support/problems";

const auth = { "x-api-key": API_KEY };
const POOL_MAX = 2;

/**
 * The backend's store with a count of the list queries it ran. Each list answers no sooner than
 * LIST_LATENCY_MS, as a slower database would: on a loaded machine an instant query could finish
 * before the other concurrent requests reach the cache, and the test would prove nothing.
 */
const LIST_LATENCY_MS = 150;
function countingStore(store: ArticleStore): { store: ArticleStore; lists: () => number } {
  let lists = 0;
  const counted = Object.create(store) as ArticleStore;
  counted.list = async (query) => {
    lists++;
    const [page] = await Promise.all([store.list(query), new Promise((resolve) => setTimeout(resolve, LIST_LATENCY_MS))]);
    return page;
  };
  return { store: counted, lists: () => lists };
}

/** Holds an ACCESS EXCLUSIVE lock on articles on a session outside the app's pool until released. */
async function lockArticles(url: string): Promise<{ release(): Promise<void> }> {
  const holder = new Client({ connectionString: url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
  return {
    release: async () => {
      await holder.query("ROLLBACK");
      await holder.end();
    },
  };
}

describe("the service under a held lock, a full pool and concurrent misses (real PostgreSQL + Redis)", () => {
  let backend: Backend;
  let app: FastifyInstance;
  let lists: () => number;

  beforeAll(async () => {
    backend = await postgresRedisBackend({ database: { poolMax: POOL_MAX, statementTimeoutMs: 300, connectTimeoutMs: 3000 } });
    const counting = countingStore(backend.store);
    lists = counting.lists;
    app = await appOn(backend, { store: counting.store });
    for (let n = 1; n <= 5; n++) await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(n) });
  });
  afterAll(async () => {
    await app?.close();
    await backend?.close();
  });

  test("a statement timeout (table locked) is a 503 dependency-unavailable problem with Retry-After, not a 500", async () => {
    const lock = await lockArticles(backend.databaseUrl!);
    try {
      const response = await app.inject("/api/articles?limit=3&category=business");
      const problem = expectProblem(response, 503);
      expect(problem).toMatchObject({ type: "/problems/dependency-unavailable", detail: "database did not answer in time; retry shortly" });
      expect(response.headers["retry-after"]).toBe("5");
    } finally {
      await lock.release();
    }
    expect((await app.inject("/api/articles?limit=3&category=business")).statusCode).toBe(200);
  });

  test("readiness with every pool connection taken: ready (200), degraded, database busy, with the pool's figures", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: POOL_MAX }, () => backend.database.withConnection(() => held));
    try {
      const ready = await app.inject("/health/ready");
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: "degraded",
        checks: { database: "busy", cache: "ok" },
        pool: { max: POOL_MAX, total: POOL_MAX, idle: 0, waiting: 0 },
      });
    } finally {
      release();
      await Promise.all(holders);
    }
    expect((await app.inject("/health/ready")).json()).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
  });

  test("concurrent misses for one URL share one database query; a new cache generation costs one more", async () => {
    for (const round of [1, 2]) {
      const before = lists();
      const responses = await Promise.all(Array.from({ length: 25 }, () => app.inject("/api/articles?limit=4")));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(25).fill(200));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(responses.filter((r) => r.headers["x-cache"] === "miss").length).toBeGreaterThan(1);
      expect(lists() - before).toBe(1);
      if (round === 1) await app.inject({ method: "POST", url: "/api/articles", headers: auth, payload: articleBody(10 + round) });
    }
  });

  test("a failed shared miss fails every waiter, and the next request queries again", async () => {
    const lock = await lockArticles(backend.databaseUrl!);
    const before = lists();
    try {
      const responses = await Promise.all(Array.from({ length: 10 }, () => app.inject("/api/articles?limit=2&source=Metro%20Wire")));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(503));
      expect(lists() - before).toBe(1);
    } finally {
      await lock.release();
    }
    expect((await app.inject("/api/articles?limit=2&source=Metro%20Wire")).statusCode).toBe(200);
    expect(lists() - before).toBe(2);
  });
});
