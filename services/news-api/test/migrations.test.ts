import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../src/store/migrations";
import { PostgresDatabase } from "../src/store/postgres-database";
import { SqlArticleStore } from "../src/store/sql-article-store";
import { articleBody, databaseConfig } from "./support/backends";
import { pgliteFromTemplate } from "./support/pglite-template";
import { sharedSlot, SharedSlot } from "./support/shared-servers";

/** The files in the repository, and the name a test's extra file takes after them. */
const shipped = readMigrations().map((m) => `${m.version}_${m.name}`);
const nextVersion = readMigrations().length + 1;
const extraFile = `${String(nextVersion).padStart(3, "0")}_extra.sql`;

/** On a database of its own on the run's PostgreSQL; the roles (news_api, rds_iam) are the cluster's. */
describe("migrations", () => {
  let slot: SharedSlot;
  let dir: string;
  const databases: { close(): Promise<void> }[] = [];
  const open = (url: string) => {
    const db = new PostgresDatabase(databaseConfig(url), () => undefined);
    databases.push(db);
    return db;
  };
  /** A pool of its own, as a task starting has. */
  const connect = () => open(slot.databaseUrl);
  // One pool for the test's own statements: every new session costs the server about 40 ms of CPU.
  let ownerPool: PostgresDatabase | undefined;
  const owner = () => (ownerPool ??= connect());

  beforeAll(async () => {
    slot = await sharedSlot();
  });
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await slot?.drop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "news-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await owner().query("DROP TABLE IF EXISTS articles, schema_migrations, extra CASCADE");
    // Roles outlive a dropped table: also revoke what an earlier run granted the app role (default
    // privileges included), so every test starts from a database that was never migrated.
    if ((await owner().query("SELECT FROM pg_roles WHERE rolname = 'news_api'")).rowCount > 0)
      await owner().query("DROP OWNED BY news_api");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("files are numbered <version>_<name>.sql and in order", () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  test("five tasks starting together apply each migration exactly once (advisory lock)", async () => {
    writeFileSync(join(dir, extraFile), "CREATE TABLE extra (id integer PRIMARY KEY); SELECT pg_sleep(0.2);");
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(connect(), dir)));
    expect(results.flat().sort()).toEqual([...shipped, `${nextVersion}_extra`].sort());
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const { rows } = await owner().query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual([...shipped.map((_, i) => i + 1), nextVersion]);
  });

  test("a migration that fails is rolled back whole and not recorded", async () => {
    writeFileSync(join(dir, extraFile), "CREATE TABLE extra (id integer); SELECT no_such_function();");
    await expect(migrate(owner(), dir)).rejects.toThrow(/no_such_function/);
    const { rows } = await owner().query<{ version: number; extra: string | null }>(
      "SELECT (SELECT max(version) FROM schema_migrations) AS version, to_regclass('extra')::text AS extra",
    );
    expect(rows[0]).toEqual({ version: shipped.length, extra: null });
  });

  test("an applied file that was edited is refused: history is append-only", async () => {
    await migrate(owner(), dir);
    writeFileSync(join(dir, "001_articles.sql"), "-- edited\n", { flag: "a" });
    await expect(migrate(owner(), dir)).rejects.toThrow(
      "migration 1_articles was changed after it was applied; add a new migration instead",
    );
  });

  test("a badly named file is refused", async () => {
    writeFileSync(join(dir, "2-extra.sql"), "SELECT 1;");
    await expect(migrate(owner(), dir)).rejects.toThrow('migration file "2-extra.sql" must be named <number>_<name>.sql');
  });

  describe("the application role news_api", () => {
    let appPool: PostgresDatabase | undefined;
    const asApp = () => (appPool ??= open(slot.databaseUrl.replace("postgres@", "news_api@")));
    const isMemberOfRdsIam = async () =>
      (await owner().query<{ member: boolean }>("SELECT pg_has_role('news_api', 'rds_iam', 'MEMBER') AS member")).rows[0].member;

    test("can do everything the routes do with articles, and nothing else", async () => {
      await migrate(owner(), dir);
      const store = new SqlArticleStore(asApp());
      const created = await store.create(articleBody(1));
      expect(await store.upsertMany([articleBody(1, { title: "Updated" }), articleBody(2)])).toEqual({ inserted: 1, updated: 1 });
      expect((await store.list({ limit: 10 })).items.map((a) => a.title)).toContain("Updated");
      expect(await store.categories()).not.toHaveLength(0);
      expect(await store.delete(created.id)).toBe(true);
      await expect(asApp().query("SELECT * FROM schema_migrations")).rejects.toMatchObject({ code: "42501" });
      await expect(asApp().query("CREATE TABLE mine (id integer)")).rejects.toMatchObject({ code: "42501" });
      await expect(asApp().query("DROP TABLE articles")).rejects.toMatchObject({ code: "42501" });
      await expect(asApp().query("TRUNCATE articles")).rejects.toMatchObject({ code: "42501" });
    });

    test("tables later migrations create are readable and writable by it (default privileges)", async () => {
      writeFileSync(join(dir, extraFile), "CREATE TABLE extra (id integer GENERATED ALWAYS AS IDENTITY, note text);");
      await migrate(owner(), dir);
      await asApp().query("INSERT INTO extra (note) VALUES ('from the app')");
      expect((await asApp().query("SELECT note FROM extra")).rows).toEqual([{ note: "from the app" }]);
    });

    test("is made a member of rds_iam where that role exists (RDS), and only there", async () => {
      await owner().query("DROP ROLE IF EXISTS rds_iam");
      await migrate(owner(), dir);
      await expect(owner().query("SELECT pg_has_role('news_api', 'rds_iam', 'MEMBER')")).rejects.toThrow(/role "rds_iam" does not exist/);
      await owner().query("DROP TABLE articles, schema_migrations CASCADE");
      await owner().query("CREATE ROLE rds_iam");
      try {
        await migrate(owner(), dir);
        expect(await isMemberOfRdsIam()).toBe(true);
      } finally {
        await owner().query("DROP ROLE rds_iam");
      }
    });
  });

  describe("003: each article's summary JSON stored with the row", () => {
    /** What the ArticleSummary schema serializes a row to: its fields in schema order, timestamps in ISO UTC. */
    const summaryOf = (row: Record<string, unknown>) =>
      JSON.stringify({
        ...Object.fromEntries(["id", "url", "title", "description", "author", "source", "category", "image_url"].map((f) => [f, row[f]])),
        published_at: (row.published_at as Date).toISOString(),
        created_at: (row.created_at as Date).toISOString(),
      });
    const storedAndExpected = async () =>
      // created_at to the millisecond, as the JSON gives it: no rounding of microseconds on either side.
      (
        await owner().query<Record<string, unknown>>(
          `SELECT id, url, title, description, author, source, category, image_url, published_at,
             date_trunc('milliseconds', created_at) AS created_at, summary_json FROM articles ORDER BY id`,
        )
      ).rows.map((row) => [row.summary_json, summaryOf(row)]);

    test("is filled in for the articles that exist when it is applied (backfill)", async () => {
      const before = mkdtempSync(join(tmpdir(), "news-migrations-before-"));
      try {
        for (const file of readdirSync(dir).filter((f) => parseInt(f, 10) < 3)) cpSync(join(dir, file), join(before, file));
        await migrate(owner(), before);
      } finally {
        rmSync(before, { recursive: true, force: true });
      }
      await new SqlArticleStore(owner()).upsertMany([
        articleBody(1, {
          title: 'Quotes " and \\ backslash, line\nbreak, \u2028 and 新闻 📰',
          author: "A. Writer",
          image_url: "https://img.example.org/1.jpg",
        }),
        articleBody(2, { description: null }),
      ]);
      expect(await migrate(owner(), dir)).toContain("3_article_summary_json");
      const rows = await storedAndExpected();
      expect(rows).toHaveLength(2);
      for (const [stored, expected] of rows) expect(stored).toBe(expected);
    });

    test("is computed again when a row is updated", async () => {
      await migrate(owner(), dir);
      const store = new SqlArticleStore(owner());
      await store.upsertMany([articleBody(1)]);
      await store.upsertMany([articleBody(1, { title: "A corrected title", author: "Desk" })]);
      const [[stored, expected]] = await storedAndExpected();
      expect(stored).toBe(expected);
      expect(JSON.parse(stored as string)).toMatchObject({ title: "A corrected title", author: "Desk" });
    });
  });

  test("PGlite takes the same files, and a second run applies nothing", async () => {
    const { database, remove } = await pgliteFromTemplate();
    try {
      expect(await migrate(database, dir)).toEqual(shipped);
      expect(await migrate(database, dir)).toEqual([]);
    } finally {
      await database.close();
      await remove();
    }
  });
});
