import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app";
import { MemoryCache } from "../../src/cache/memory-cache";
import { RedisCache } from "../../src/cache/redis-cache";
import type { ResponseCache } from "../../src/cache/response-cache";
import type { Config, UpstreamConfig } from "../../src/config";
import type { ArticleStore } from "../../src/store/article-store";
import type { Database } from "../../src/store/database";
import { migrate } from "../../src/store/migrations";
import { PostgresDatabase } from "../../src/store/postgres-database";
import { SqlArticleStore } from "../../src/store/sql-article-store";
import { pgliteFromTemplate } from "./pglite-template";
import { PostgresServer, RedisServer } from "./servers";
import { sharedSlot } from "./shared-servers";

export const API_KEY = "test-api-key-0123456789";

/** A database and cache pair the app runs on, migrated and empty. */
export interface Backend {
  readonly name: string;
  readonly database: Database;
  readonly store: SqlArticleStore;
  /** A fresh cache on the same backing service (a second task, for cross-instance tests). */
  newCache(): Promise<ResponseCache>;
  /** The backend's PostgreSQL database (PostgreSQL backends only). */
  readonly databaseUrl?: string;
  /** Servers of its own, which a test may halt and resume (`dedicatedServers`); otherwise the run's shared ones. */
  readonly postgres?: PostgresServer;
  readonly redis?: RedisServer;
  /** Empties the articles table between tests; ids start again from 1. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const databaseConfig = (url: string): NonNullable<Config["database"]> => ({
  url,
  port: 5432,
  ssl: "disable",
  poolMax: 10,
  statementTimeoutMs: 5000,
  connectTimeoutMs: 1000,
});

export const redisConfig = (server: { readonly port: number }): NonNullable<Config["redis"]> => ({
  host: "127.0.0.1",
  port: server.port,
  tls: false,
  commandTimeoutMs: 200,
});

const quiet = () => undefined;

/** A migrated, empty backend on `database`; closing it closes its caches, the pool and the servers. */
async function backendOn(
  name: string,
  database: Database,
  makeCache: () => Promise<ResponseCache>,
  servers: { databaseUrl?: string; postgres?: PostgresServer; redis?: RedisServer; release?: () => Promise<void> } = {},
): Promise<Backend> {
  await migrate(database);
  const caches: ResponseCache[] = [];
  return {
    name,
    database,
    store: new SqlArticleStore(database),
    databaseUrl: servers.databaseUrl,
    postgres: servers.postgres,
    redis: servers.redis,
    newCache: async () => {
      const cache = await makeCache();
      caches.push(cache);
      return cache;
    },
    // DELETE, not TRUNCATE: on PGlite a TRUNCATE (new files for the table and each index) costs ~30 ms of CPU,
    // deleting a test's few rows ~1 ms. The ids start again from 1 either way.
    reset: async () => {
      await database.query("DELETE FROM articles");
      await database.query("SELECT setval(pg_get_serial_sequence('articles', 'id'), 1, false)");
    },
    close: async () => {
      await Promise.all(caches.map((c) => c.close()));
      await database.close();
      await Promise.all([servers.postgres?.stop(), servers.redis?.stop(), servers.release?.()]);
    },
  };
}

/** On a copy of the run's initialised PGlite data directory (support/pglite-template.ts). */
export async function pgliteBackend(): Promise<Backend> {
  const { database, remove } = await pgliteFromTemplate();
  return backendOn("PGlite + memory cache", database, async () => new MemoryCache(60_000, 1000), { release: remove });
}

/**
 * `database`: pool and timeout settings over the test defaults; `onCacheError` hears the caches' errors.
 * By default a database and a key prefix of its own on the run's shared servers (test/support/shared-servers.ts);
 * `dedicatedServers` starts servers for this backend alone, for tests that halt them.
 */
export async function postgresRedisBackend(
  options: {
    localTtlMs?: number;
    database?: Partial<NonNullable<Config["database"]>>;
    onCacheError?: (error: Error, context: string) => void;
    dedicatedServers?: boolean;
  } = {},
): Promise<Backend> {
  const cacheOptions = {
    ttlSeconds: 60,
    localTtlMs: options.localTtlMs ?? 1000,
    localMaxEntries: 1000,
    onError: options.onCacheError ?? quiet,
  };
  const open = (databaseUrl: string) => new PostgresDatabase({ ...databaseConfig(databaseUrl), ...options.database }, quiet);
  if (options.dedicatedServers) {
    const [postgres, redis] = await Promise.all([PostgresServer.start(), RedisServer.start()]);
    return backendOn("PostgreSQL + Redis", open(postgres.url), () => RedisCache.connect(redisConfig(redis), cacheOptions), {
      databaseUrl: postgres.url,
      postgres,
      redis,
    });
  }
  const slot = await sharedSlot();
  const redis = { port: slot.redisPort };
  return backendOn(
    "PostgreSQL + Redis",
    open(slot.databaseUrl),
    () => RedisCache.connect(redisConfig(redis), { ...cacheOptions, keyPrefix: slot.keyPrefix }),
    {
      databaseUrl: slot.databaseUrl,
      release: slot.drop,
    },
  );
}

/** The two backends every route-level test runs on: the embedded default and the production pair. */
export const BACKENDS = [
  ["PGlite + memory cache", pgliteBackend],
  ["PostgreSQL + Redis", postgresRedisBackend],
] as const;

export interface Suite {
  readonly backend: Backend;
  /** The app's own cache, so tests can drop what it holds. */
  readonly cache: ResponseCache;
  readonly app: FastifyInstance;
}

/**
 * Opens `open()`'s backend and an app on it for the enclosing describe block, and starts every test
 * from an empty table and an empty cache (the truncate bypasses the app, so its cache is dropped too).
 */
export function appPerSuite(open: () => Promise<Backend>): Suite {
  const suite = {} as { -readonly [K in keyof Suite]: Suite[K] };
  beforeAll(async () => {
    suite.backend = await open();
    suite.cache = await suite.backend.newCache();
    suite.app = await appOn(suite.backend, { cache: suite.cache });
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.backend?.close();
  });
  beforeEach(async () => {
    await suite.backend.reset();
    await suite.cache.invalidate();
  });
  return suite;
}

/** `store`: one standing in for the backend's (a wrapper that counts calls). */
export async function appOn(
  backend: Backend,
  options: { apiKey?: string; upstream?: UpstreamConfig; cache?: ResponseCache; store?: ArticleStore } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { apiKey: "apiKey" in options ? options.apiKey : API_KEY, upstream: options.upstream, bodyLimitBytes: 64 * 1024 },
    store: options.store ?? backend.store,
    cache: options.cache ?? (await backend.newCache()),
  });
  await app.ready();
  return app;
}

/** A valid create body; `n` makes the URL unique. */
export function articleBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    url: `https://news.example.org/story/${n}`,
    title: `Story number ${n} about harbour cranes`,
    description: `Description of story ${n}`,
    source: n % 2 ? "Harbor Times" : "Metro Wire",
    category: n % 3 ? "business" : "technology",
    published_at: new Date(Date.UTC(2026, 10, 1, 0, 0, 0) + n * 60_000).toISOString(),
    ...overrides,
  };
}
