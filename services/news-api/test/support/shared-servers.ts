import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { migrate } from "../../src/store/migrations";
import { PostgresDatabase } from "../../src/store/postgres-database";
import { PostgresServer, RedisServer } from "./servers";

/**
 * One PostgreSQL and one Redis for the whole test run (started by jest's globalSetup, stopped by its
 * globalTeardown): each backend gets its own database and its own Redis key prefix on them, so test files
 * stay isolated without paying a server start each. Two files still start their own: faults.test.ts halts
 * and resumes its servers (their loss is the point), and credential-rotation.test.ts changes the news_api
 * role's password, makes it log in with one (pg_hba.conf) and terminates its sessions, all cluster-wide:
 * on this server that would cut the sessions of files running beside it. Every server copies the run's
 * initialised data directory (support/servers.ts initPostgresTemplate) instead of running initdb.
 */

const POSTGRES_PORT = "NEWS_TEST_POSTGRES_PORT";
const REDIS_PORT = "NEWS_TEST_REDIS_PORT";

interface Started {
  postgres: PostgresServer;
  redis: RedisServer;
}
const running = globalThis as typeof globalThis & { newsTestServers?: Started };

/** globalSetup: starts the servers; workers (forked afterwards) inherit their ports through the environment. */
export async function startSharedServers(): Promise<void> {
  const [postgres, redis] = await Promise.all([PostgresServer.start(), RedisServer.start()]);
  running.newsTestServers = { postgres, redis };
  process.env[POSTGRES_PORT] = String(postgres.port);
  process.env[REDIS_PORT] = String(redis.port);
  await createClusterRoles();
}

/**
 * Roles are cluster-wide: two workers migrating their own databases at once would race on the
 * migrations' CREATE ROLE news_api (a duplicate-key error). Migrating one throwaway database before
 * the workers start creates the roles once, through the same migration files.
 */
async function createClusterRoles(): Promise<void> {
  const slot = await sharedSlot();
  const database = new PostgresDatabase(
    { url: slot.databaseUrl, port: slot.postgresPort, ssl: "disable", poolMax: 1, statementTimeoutMs: 5000, connectTimeoutMs: 5000 },
    () => undefined,
  );
  try {
    await migrate(database);
  } finally {
    await database.close();
    await slot.drop();
  }
}

/** globalTeardown. */
export async function stopSharedServers(): Promise<void> {
  const started = running.newsTestServers;
  await Promise.all([started?.postgres.stop(), started?.redis.stop()]);
}

function sharedPort(name: string): number {
  const port = Number(process.env[name]);
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`${name} is not set: run the service tests through jest (its globalSetup starts the shared servers)`);
  return port;
}

/** A fresh database on the shared PostgreSQL and a fresh key prefix on the shared Redis; `drop()` removes the database. */
export interface SharedSlot {
  readonly databaseUrl: string;
  readonly postgresPort: number;
  /** The database's name (`DATABASE_NAME`), in `databaseUrl` too. */
  readonly databaseName: string;
  readonly redisPort: number;
  readonly keyPrefix: string;
  drop(): Promise<void>;
}

export async function sharedSlot(): Promise<SharedSlot> {
  const port = sharedPort(POSTGRES_PORT);
  const name = `test_${randomUUID().replace(/-/g, "")}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // FILE_COPY: PostgreSQL 15+'s default (WAL_LOG) writes the template's every page to the WAL, about twice the server CPU.
  await admin(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/${name}`,
    postgresPort: port,
    databaseName: name,
    redisPort: sharedPort(REDIS_PORT),
    keyPrefix: `${name}:`,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
