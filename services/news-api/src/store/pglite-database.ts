import { PGlite } from "@electric-sql/pglite";
import type { Connection, Database, QueryResult } from "./database";

/** Embedded PostgreSQL (WASM) for running with nothing installed: in memory, or in `dataDir`. */
export class PGliteDatabase implements Database {
  private constructor(private readonly db: PGlite) {}

  static async create(dataDir?: string): Promise<PGliteDatabase> {
    return new PGliteDatabase(await PGlite.create(dataDir));
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const result = await this.db.query<R>(text, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1");
  }

  // PGlite is a single session; callers are serialized by PGlite itself.
  async withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    return work({
      query: (text, params) => this.query(text, params),
      execScript: async (sql) => {
        await this.db.exec(sql);
      },
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
