import type { FastifyBaseLogger } from "fastify";
import { MemoryCache } from "./cache/memory-cache";
import { RedisCache } from "./cache/redis-cache";
import type { ResponseCache } from "./cache/response-cache";
import type { Config, DatabaseConfig } from "./config";
import type { DatabaseCredentials } from "./store/credentials";
import type { Database } from "./store/database";
import { IamAuthTokenCredentials } from "./store/iam-auth-token";
import { migrate } from "./store/migrations";
import { PGliteDatabase } from "./store/pglite-database";
import { PostgresDatabase } from "./store/postgres-database";
import { sampleArticles } from "./store/sample-articles";
import { SqlArticleStore } from "./store/sql-article-store";

export interface Runtime {
  readonly database: Database;
  readonly store: SqlArticleStore;
  readonly cache: ResponseCache;
  /** True when running on the embedded PGlite default. */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/** The app pool's credentials: IAM tokens for the application role when configured, else the config's user. */
function applicationCredentials(config: DatabaseConfig): DatabaseCredentials | undefined {
  return (
    config.iam && new IamAuthTokenCredentials({ host: config.host!, port: config.port, user: config.iam.user, region: config.iam.region })
  );
}

/**
 * Opens the dependencies config asks for: PostgreSQL (or embedded PGlite seeded with samples),
 * Redis (or an in-memory cache), migrations applied first. With IAM authentication the app's pool
 * connects as the application role, and migrations run on a pool of their own as the master user
 * (the schema's owner), closed once they are done.
 * `openEmbedded` opens the embedded database (default: PGlite in memory, which runs its initdb, seconds of
 * CPU); tests pass one opened on a copy of an initialised data directory.
 */
export async function openRuntime(
  config: Config,
  logger: FastifyBaseLogger,
  openEmbedded: () => Promise<Database> = () => PGliteDatabase.create(),
): Promise<Runtime> {
  const embedded = config.database === undefined;
  const onIdleError = (error: Error) => logger.warn({ err: error }, "idle database connection failed");
  const database: Database = config.database
    ? new PostgresDatabase(config.database, onIdleError, applicationCredentials(config.database))
    : await openEmbedded();
  if (config.migrateOnStart || embedded) {
    const owner = config.database?.iam ? new PostgresDatabase({ ...config.database, poolMax: 1 }, onIdleError) : database;
    try {
      const applied = await migrate(owner);
      logger.info({ applied }, applied.length ? "migrations applied" : "schema up to date");
    } finally {
      if (owner !== database) await owner.close();
    }
  }
  const store = new SqlArticleStore(database);
  if (embedded && (await store.list({ limit: 1 })).items.length === 0) {
    const { inserted } = await store.upsertMany(sampleArticles());
    logger.info({ inserted }, "embedded database seeded with sample articles");
  }
  const cache: ResponseCache = config.redis
    ? await RedisCache.connect(config.redis, {
        ttlSeconds: config.cacheTtlSeconds,
        localTtlMs: config.localCacheTtlMs,
        localMaxEntries: config.localCacheMaxEntries,
        onError: (error, context) => logger.warn({ err: error, context }, "cache degraded"),
      })
    : new MemoryCache(config.cacheTtlSeconds * 1000, config.localCacheMaxEntries);
  return {
    database,
    store,
    cache,
    embedded,
    close: async () => {
      await cache.close();
      await database.close();
    },
  };
}
