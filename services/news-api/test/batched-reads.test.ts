import { ProblemError } from "../src/problem";
import { jsonTextOf } from "../src/preserialized";
import type { ListQuery, Page } from "../src/store/article-store";
import { decodeCursor } from "../src/store/cursor";
import type { Database } from "../src/store/database";
import { PostgresDatabase } from "../src/store/postgres-database";
import { SqlArticleStore } from "../src/store/sql-article-store";
import { articleBody, Backend, BACKENDS, databaseConfig } from "./support/backends";
import { freePort } from "./support/servers";

/** `database` with a count of the statements sent through it. */
function counting(database: Database): { database: Database; statements: () => number } {
  let statements = 0;
  const counted = Object.create(database) as Database;
  counted.query = (text, params) => {
    statements++;
    return database.query(text, params);
  };
  return { database: counted, statements: () => statements };
}

const text = (page: Page) => jsonTextOf(page);

describe.each(BACKENDS)("list reads started in one event-loop turn share a statement, on %s", (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
    await backend.store.upsertMany(Array.from({ length: 30 }, (_, i) => articleBody(i + 1)));
  });
  afterAll(() => backend?.close());

  test("same filters, different values: one statement, and each page as when read alone", async () => {
    const first = await backend.store.list({ limit: 4 });
    const queries: ListQuery[] = [
      { limit: 4, from: articleBody(5).published_at },
      { limit: 2, from: articleBody(20).published_at },
      { limit: 30, from: articleBody(1).published_at },
      { limit: 3, from: articleBody(29).published_at },
    ];
    const alone = [];
    for (const query of queries) alone.push(text(await backend.store.list(query)));

    const { database, statements } = counting(backend.database);
    const store = new SqlArticleStore(database);
    const together = await Promise.all(queries.map((query) => store.list(query)));
    expect(statements()).toBe(1);
    expect(together.map(text)).toEqual(alone);
    expect(together[1].items.map((a) => a.url)).toEqual([articleBody(30).url, articleBody(29).url]);
    expect(together[2].next_cursor).toBeNull();

    // Cursors and category filters batch the same way; each shape of filters is a statement of its own.
    const next = await Promise.all([
      store.list({ limit: 4, after: decodeCursor(first.next_cursor!) }),
      store.list({ limit: 2, category: "technology" }),
      store.list({ limit: 3, category: "business" }),
    ]);
    expect(statements()).toBe(3);
    expect(next[0].items.map((a) => a.url)).toEqual([26, 25, 24, 23].map((n) => articleBody(n).url));
    expect(next[1].items.every((a) => a.category === "technology")).toBe(true);
    expect(next[2].items.every((a) => a.category === "business")).toBe(true);
  });

  test("a value PostgreSQL refuses fails its own read only: the others of the batch are answered", async () => {
    const results = await Promise.allSettled([
      backend.store.list({ limit: 2, from: "0000-01-01T00:00:00Z" }),
      backend.store.list({ limit: 2, from: articleBody(1).published_at }),
    ]);
    expect(results[0].status).toBe("rejected");
    expect(results[1].status === "fulfilled" && results[1].value.items).toHaveLength(2);
  });
});

test("with the database unreachable, every read of a batch is a dependency failure from one attempt", async () => {
  const unreachable = new PostgresDatabase(
    { ...databaseConfig(`postgres://postgres@127.0.0.1:${await freePort()}/none`) },
    () => undefined,
  );
  const { database, statements } = counting(unreachable);
  try {
    const store = new SqlArticleStore(database);
    const results = await Promise.allSettled([1, 2, 3].map((limit) => store.list({ limit })));
    for (const result of results) expect(result.status === "rejected" && ProblemError.isDependencyUnavailable(result.reason)).toBe(true);
    expect(statements()).toBe(1);
  } finally {
    await unreachable.close();
  }
});
