import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "./database";

/** Where the versioned SQL files live (copied into the image beside dist/). */
export const MIGRATIONS_DIR = join(__dirname, "..", "..", "migrations");

/** Session-level advisory lock taken around migrating: tasks starting together apply each file once. */
export const MIGRATION_LOCK_ID = 804_221_117;

interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = /^(\d+)_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file "${file}" must be named <number>_<name>.sql`);
      const sql = readFileSync(join(dir, file), "utf8");
      return { version: Number(match[1]), name: match[2], sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock. A file changed
 * after it was applied is an error: history is append-only.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  return db.withConnection(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await connection.execScript(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await connection.query<{ version: number; checksum: string }>("SELECT version, checksum FROM schema_migrations");
      const applied = new Map(rows.map((r) => [Number(r.version), r.checksum]));
      const done: string[] = [];
      for (const file of files) {
        const checksum = applied.get(file.version);
        if (checksum !== undefined) {
          if (checksum !== file.checksum)
            throw new Error(`migration ${file.version}_${file.name} was changed after it was applied; add a new migration instead`);
          continue;
        }
        await connection.query("BEGIN");
        try {
          await connection.execScript(file.sql);
          await connection.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
            file.version,
            file.name,
            file.checksum,
          ]);
          await connection.query("COMMIT");
        } catch (error) {
          await connection.query("ROLLBACK");
          throw error;
        }
        done.push(`${file.version}_${file.name}`);
      }
      return done;
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  });
}
