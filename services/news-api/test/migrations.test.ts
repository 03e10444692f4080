import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../src/store/migrations";
import { PGliteDatabase } from "../src/store/pglite-database";
import { PostgresDatabase } from "../src/store/postgres-database";
import { databaseConfig } from "./support/backends";
import { PostgresServer } from "./support/servers";

describe("migrations", () => {
  let server: PostgresServer;
  let dir: string;
  const databases: { close(): Promise<void> }[] = [];
  const connect = () => {
    const db = new PostgresDatabase(databaseConfig(server.url), () => undefined);
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    server = await PostgresServer.start();
  });
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await server?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "news-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await connect().query("DROP TABLE IF EXISTS articles, schema_migrations, extra CASCADE");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("files are numbered <version>_<name>.sql and in order", () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  test("five tasks starting together apply each migration exactly once (advisory lock)", async () => {
    writeFileSync(join(dir, "002_extra.sql"), "CREATE TABLE extra (id integer PRIMARY KEY); SELECT pg_sleep(0.2);");
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(connect(), dir)));
    expect(results.flat().sort()).toEqual(["1_articles", "2_extra"]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const { rows } = await connect().query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });

  test("a migration that fails is rolled back whole and not recorded", async () => {
    writeFileSync(join(dir, "002_extra.sql"), "CREATE TABLE extra (id integer); SELECT no_such_function();");
    await expect(migrate(connect(), dir)).rejects.toThrow(/no_such_function/);
    const { rows } = await connect().query<{ version: number; extra: string | null }>(
      "SELECT (SELECT max(version) FROM schema_migrations) AS version, to_regclass('extra')::text AS extra",
    );
    expect(rows[0]).toEqual({ version: 1, extra: null });
  });

  test("an applied file that was edited is refused: history is append-only", async () => {
    await migrate(connect(), dir);
    writeFileSync(join(dir, "001_articles.sql"), "-- edited\n", { flag: "a" });
    await expect(migrate(connect(), dir)).rejects.toThrow("migration 1_articles was changed after it was applied; add a new migration instead");
  });

  test("a badly named file is refused", async () => {
    writeFileSync(join(dir, "2-extra.sql"), "SELECT 1;");
    await expect(migrate(connect(), dir)).rejects.toThrow('migration file "2-extra.sql" must be named <number>_<name>.sql');
  });

  test("PGlite takes the same files, and a second run applies nothing", async () => {
    const db = await PGliteDatabase.create();
    try {
      expect(await migrate(db, dir)).toEqual(["1_articles"]);
      expect(await migrate(db, dir)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
