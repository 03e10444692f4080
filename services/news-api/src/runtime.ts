import type { FastifyBaseLogger } from "fastify";
import { MemoryCache } from "./cache/memory-cache";
import { RedisCache } from "./cache/redis-cache";
import type { ResponseCache } from "./cache/response-cache";
import type { Config } from "./config";
import type { Database } from "./store/database";
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

/**
 * Opens the dependencies config asks for: PostgreSQL (or embedded PGlite seeded with samples),
 * Redis (or an in-memory cache), migrations applied first.
 */
export async function openRuntime(config: Config, logger: FastifyBaseLogger): Promise<Runtime> {
  const embedded = config.database === undefined;
  const database: Database = config.database
    ? new PostgresDatabase(config.database, (error) => logger.warn({ err: error }, "idle database connection failed"))
    : await PGliteDatabase.create();
  if (config.migrateOnStart || embedded) {
    const applied = await migrate(database);
    logger.info({ applied }, applied.length ? "migrations applied" : "schema up to date");
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
