import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client, Pool, PoolConfig } from "pg";
import type { DatabaseConfig } from "../config";
import { DatabaseCredentials, isAuthenticationFailure } from "./credentials";
import { Connection, Database, poolSaturated, PoolUsage, QueryResult } from "./database";

/**
 * node-postgres settings from config: bounded pool, timeouts on both sides, TLS as configured. With
 * `credentials`, user and password come from them, the password asked for again per new connection.
 */
export function poolConfig(config: DatabaseConfig, credentials?: DatabaseCredentials): PoolConfig {
  const ssl =
    config.ssl === "disable"
      ? false
      : config.ssl === "require"
        ? { rejectUnauthorized: false } // encrypted, server identity not checked
        : { rejectUnauthorized: true, ca: readFileSync(config.sslCaFile!, "utf8") };
  return {
    connectionString: config.url,
    host: config.url ? undefined : config.host,
    port: config.url ? undefined : config.port,
    database: config.url ? undefined : config.database,
    user: credentials?.user ?? (config.url ? undefined : config.user),
    password: credentials ? () => credentials.password() : config.url ? undefined : config.password,
    ssl,
    max: config.poolMax,
    connectionTimeoutMillis: config.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: config.statementTimeoutMs,
    // Client-side bound too: a server that stops answering must not hold a request forever.
    query_timeout: config.statementTimeoutMs + 1000,
    keepAlive: true,
    application_name: "news-api",
  };
}

/**
 * Named (prepared) statements: each connection plans a query shape once instead of on every call.
 * Planning cost more than executing for the keyset reads (about 1 ms against 0.2 ms, measured). The
 * routes build a bounded set of shapes (one per combination of filters), so the names are too.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `news_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

export class PostgresDatabase implements Database {
  private readonly settings: PoolConfig;
  private readonly pool: Pool;
  /** Set while the server refuses this pool's credentials; cleared by the next successful connection. */
  private refusal?: Error;

  /** `credentials`: where each new connection's user and password come from (default: the config's). */
  constructor(
    config: DatabaseConfig,
    onIdleError: (error: Error) => void,
    private readonly credentials?: DatabaseCredentials,
  ) {
    this.settings = poolConfig(config, credentials);
    this.pool = new Pool(this.settings);
    // An idle client whose server went away emits here; unhandled, it would crash the process.
    this.pool.on("error", onIdleError);
    this.pool.on("connect", () => (this.refusal = undefined));
  }

  /** Remembers a refusal of the credentials (and drops cached ones) before passing the error on. */
  private noted(error: unknown): unknown {
    if (isAuthenticationFailure(error)) {
      this.refusal = error as Error;
      this.credentials?.refused?.();
    }
    return error;
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      const result = await this.pool.query({ name: statementName(text), text, values: params as unknown[] | undefined });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw this.noted(error);
    }
  }

  /**
   * Fails while the server refuses this pool's credentials, even when sessions authenticated before
   * still answer: then a fresh connection must prove the credentials work again. A saturated pool is
   * checked on a fresh connection too: queueing behind busy requests would read as "database down".
   */
  async ping(): Promise<void> {
    if (!this.refusal && !poolSaturated(this.poolUsage())) {
      await this.query("SELECT 1");
      return;
    }
    const client = new Client(this.settings);
    try {
      await client.connect();
      this.refusal = undefined;
      await client.query("SELECT 1");
    } catch (error) {
      throw this.noted(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  poolUsage(): PoolUsage {
    return { max: this.settings.max!, total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error) => Promise.reject(this.noted(error)));
    let broken: Error | undefined;
    try {
      return await work({
        query: async <R>(text: string, params?: readonly unknown[]) => {
          const result = await client.query(text, params as unknown[] | undefined);
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
        execScript: async (sql) => {
          await client.query(sql);
        },
      });
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      // A failed session may hold locks or an aborted transaction: discard it rather than reuse it.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
