/**
 * `npm run bench:api`: the news API on real PostgreSQL + Redis with 10,000 seeded articles, driven on
 * loopback by wrk (autocannon where wrk is missing): 50 connections, 10 s per case. Prints req/s and
 * p50/p99 latency per case. The service runs as its production build (`node dist/server.js`), in
 * its own process, logging at info to /dev/null. Flags (bench-options.ts, `-- --help`): --duration,
 * --connections, --threads (wrk threads; default 1: on a 2-core machine a second wrk thread takes the
 * core the service needs, which shows up as p99 spikes of 100 ms and more, a property of the rig, not
 * the service). --baseline <git ref> (e.g. main) also builds the service as it was at that ref and
 * runs every case against both, one after the other on the same PostgreSQL server, each with its own
 * Redis and its own database, migrated by its own migrations and seeded alike (one variant's schema
 * and writes must not be the other's handicap): before and after side by side, measured under the
 * same machine load. Beside req/s it prints the service process's CPU time per request (user +
 * system, from /proc): steadier than req/s when other work shares the machine; and that of the
 * variant's PostgreSQL backends and Redis, which share the 2 cores with it.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import Redis from "ioredis";
import { join } from "node:path";
import { migrate } from "../src/store/migrations";
import type { Database } from "../src/store/database";
import { PostgresDatabase } from "../src/store/postgres-database";
import { SqlArticleStore } from "../src/store/sql-article-store";
import { databaseConfig } from "../test/support/backends";
import { freePort, PostgresServer, RedisServer } from "../test/support/servers";
import { commandLine } from "../src/cli-args";
import { BaselineBuild, buildBaseline } from "./baseline-build";
import { BENCH_COMMAND, benchOptions } from "./bench-options";
import { hasWrk, LoadCase, LoadResult, LoadSettings, runAutocannon, runWrk } from "./load-drivers";
import { cpuSnapshot, cpuSpentMs, processCpuMs } from "./process-cpu";
import { seed } from "./seed";

const ARTICLES = 10_000;
const API_KEY = "bench-api-key-0123456789";
const serviceDir = join(__dirname, "..");
const { settings, baseline: baselineRef } = commandLine(BENCH_COMMAND, (flags) => benchOptions(flags, process.env));

const SEARCH_TERMS = ["markets", "climate", "rockets", "housing", "energy"];

const cases: LoadCase[] = [
  { name: "list, warm cache", method: "GET", path: "/api/articles" },
  {
    name: "list, cache miss",
    method: "GET",
    path: "/api/articles",
    // A distinct `from` per request: every URL is new, so every request reads PostgreSQL.
    wrkRequest: `return wrk.format(nil, "/api/articles?from=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", 946684800 + n))`,
    next: (n) => ({ path: `/api/articles?from=${new Date(Date.UTC(2000, 0, 1) + n * 1000).toISOString()}` }),
  },
  {
    name: "search q (cached)",
    method: "GET",
    path: "/api/articles",
    wrkRequest:
      `local terms = {${SEARCH_TERMS.map((t) => `"${t}"`).join(",")}}; return wrk.format(nil, ` +
      `"/api/articles?q=" .. terms[(n % #terms) + 1])`,
    next: (n) => ({ path: `/api/articles?q=${SEARCH_TERMS[n % SEARCH_TERMS.length]}` }),
  },
  {
    name: "get by id (random of 10k, cold cache at start)",
    method: "GET",
    path: "/api/articles/1",
    wrkRequest: `return wrk.format(nil, "/api/articles/" .. math.random(1, ${ARTICLES}))`,
    next: () => ({ path: `/api/articles/${1 + Math.floor(Math.random() * ARTICLES)}` }),
  },
  {
    name: "create (each write invalidates the cache)",
    method: "POST",
    path: "/api/articles",
    headers: { "content-type": "application/json", "x-api-key": API_KEY },
    wrkRequest: `return wrk.format(nil, nil, nil, string.format('{"url":"https://bench.example.com/new/%d","title":"Bench story %d","source":"Bench","category":"world","published_at":"2026-11-21T00:00:00Z"}', n, n))`,
    next: (n) => ({
      path: "/api/articles",
      body: JSON.stringify({
        url: `https://bench.example.com/new/${n}-${process.pid}`,
        title: `Bench story ${n}`,
        source: "Bench",
        category: "world",
        published_at: "2026-11-21T00:00:00Z",
      }),
    }),
  },
];

/**
 * The rig's ceiling: a bare node:http server (no framework, no logging, no cache lookup) sending the
 * same warm-list bytes, driven the same way. Printed beside the service's figures as a reference.
 */
async function bareNodeCeiling(body: Buffer, useWrk: boolean): Promise<LoadResult> {
  const port = await freePort();
  const source = `const body = Buffer.from(${JSON.stringify(body.toString("base64"))}, "base64");
    require("node:http")
      .createServer((req, res) => { res.setHeader("content-type", "application/json; charset=utf-8"); res.end(body); })
      .listen(${port}, "127.0.0.1", () => console.log("up"));`;
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise((resolve) => child.stdout!.once("data", resolve));
    const load: LoadCase = { name: "ceiling", method: "GET", path: "/api/articles" };
    const baseUrl = `http://127.0.0.1:${port}`;
    return useWrk ? runWrk(baseUrl, load, settings) : await runAutocannon(baseUrl, load, settings);
  } finally {
    child.kill();
  }
}

/** A service build under test: this checkout ("current") or a baseline ref. */
interface Variant {
  readonly name: string;
  readonly serviceDir: string;
}

/**
 * A database of the variant's own on `postgres`, migrated with the variant's migrations and seeded.
 * Seeding 10k rows runs longer than a request may: the test settings with a longer statement bound.
 */
async function variantDatabase(postgres: PostgresServer, name: string, variant: Variant): Promise<{ url: string; database: Database }> {
  const admin = new PostgresDatabase({ ...databaseConfig(postgres.url), poolMax: 1 }, () => undefined);
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
  const url = postgres.url.replace(/\/postgres$/, `/${name}`);
  const database = new PostgresDatabase(
    { ...databaseConfig(url), poolMax: 4, statementTimeoutMs: 60_000, connectTimeoutMs: 5000 },
    () => undefined,
  );
  await migrate(database, join(variant.serviceDir, "migrations"));
  await seed(new SqlArticleStore(database), ARTICLES);
  await database.query("VACUUM ANALYZE articles");
  return { url, database };
}

/**
 * The processes that serve a variant's requests besides the service: its PostgreSQL backends (the
 * service's pool connections to its database) and its Redis. On 2 cores their CPU is the service's
 * loss too, so the bench prints it per request beside the service's own.
 */
async function dependencyPids(database: Database, databaseName: string, redis: RedisServer) {
  const { rows } = await database.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [databaseName]);
  const client = new Redis(redis.url);
  const info = await client.info("server").finally(() => client.disconnect());
  return { postgres: rows.map((r) => r.pid), redis: [Number(/process_id:(\d+)/.exec(info)![1])] };
}

async function emptyRedis(redis: RedisServer): Promise<void> {
  const client = new Redis(redis.url);
  await client.flushall().finally(() => client.disconnect());
}

async function startService(variant: Variant, databaseUrl: string, redis: RedisServer): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/server.js"], {
    cwd: variant.serviceDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      API_KEY,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (
      (await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return { child, baseUrl };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ${variant.name} service did not become ready`);
}

const drive = (baseUrl: string, load: LoadCase, useWrk: boolean, run: LoadSettings = settings) =>
  useWrk ? Promise.resolve(runWrk(baseUrl, load, run)) : runAutocannon(baseUrl, load, run);

async function main(): Promise<void> {
  const useWrk = hasWrk();
  console.log(
    `news-api benchmark: ${ARTICLES} articles on PostgreSQL + Redis, ` +
      `${useWrk ? "wrk" : "autocannon (wrk not found)"}, ${settings.connections} connections, ` +
      `${settings.threads} load thread(s), ${settings.durationSeconds} s per ` +
      `case${baselineRef ? `, before (${baselineRef}) and after side by side` : ""}`,
  );
  execFileSync("npm", ["run", "build", "--silent"], { cwd: serviceDir, stdio: "inherit" });
  let baseline: BaselineBuild | undefined;
  if (baselineRef) baseline = buildBaseline(join(serviceDir, "..", ".."), baselineRef);
  const variants: Variant[] = [
    ...(baseline ? [{ name: `before (${baseline.ref})`, serviceDir: baseline.serviceDir }] : []),
    { name: baseline ? "after" : "current", serviceDir },
  ];
  // Each variant gets a Redis of its own: the same URLs must not be hits left by the other.
  const [postgres, ...redises] = await Promise.all([PostgresServer.start(), ...variants.map(() => RedisServer.start())]);
  const databases: Database[] = [];
  const services: ChildProcess[] = [];
  try {
    const started = [];
    for (const [i, variant] of variants.entries()) {
      const databaseName = `bench_${i}`;
      const { url, database } = await variantDatabase(postgres, databaseName, variant);
      databases.push(database);
      const service = await startService(variant, url, redises[i]);
      services.push(service.child);
      const dependencies = () => dependencyPids(database, databaseName, redises[i]);
      started.push({ variant, dependencies, redis: redises[i], ...service });
      // Unreported warm-up on the warm list: lets V8 optimise the shared hot path (routing, cache,
      // logging) so the first case is not charged for it; leaves the per-id cache entries cold.
      await drive(service.baseUrl, cases[0], useWrk, { ...settings, durationSeconds: 3 });
    }

    const warmList = Buffer.from(await (await fetch(`${started[0].baseUrl}/api/articles`)).arrayBuffer());
    const rows: (LoadResult & { name: string; variant: string; cpuMsPerRequest?: number; postgresMs?: number; redisMs?: number })[] = [];
    for (const load of cases) {
      for (const { variant, baseUrl, child, dependencies, redis } of started) {
        // Each case starts on an empty Redis: otherwise a variant pays, in a later case, for expiring the
        // entries its own misses stored (60 s TTL), in proportion to how many misses it served.
        await emptyRedis(redis);
        if (load.method === "GET") await fetch(`${baseUrl}${load.path}`); // warms the fixed URL's cache entry
        const pidsBefore = await dependencies();
        const [postgresBefore, redisBefore] = [cpuSnapshot(pidsBefore.postgres), cpuSnapshot(pidsBefore.redis)];
        const cpuBefore = processCpuMs(child.pid!);
        const result = await drive(baseUrl, load, useWrk);
        const cpuAfter = processCpuMs(child.pid!);
        // Backends the pool opened during the run count too (from 0).
        const pidsAfter = await dependencies();
        const postgresMs = cpuSpentMs(postgresBefore, cpuSnapshot(pidsAfter.postgres)) / result.total;
        const redisMs = cpuSpentMs(redisBefore, cpuSnapshot(pidsAfter.redis)) / result.total;
        const cpuMsPerRequest = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / result.total;
        rows.push({ name: load.name, variant: variant.name, ...result, cpuMsPerRequest, postgresMs, redisMs });
        console.log(`  ${load.name} [${variant.name}]: ${Math.round(result.requestsPerSecond)} req/s`);
      }
    }
    for (const child of services) child.kill("SIGTERM");
    const ceiling = await bareNodeCeiling(warmList, useWrk);
    rows.push({ name: `reference: bare node:http, same ${(warmList.length / 1024).toFixed(1)} kB body`, variant: "-", ...ceiling });
    console.log("");
    console.table(
      rows.map((r) => ({
        case: r.name,
        service: r.variant,
        "req/s": Math.round(r.requestsPerSecond),
        "p50 ms": Number(r.p50Ms.toFixed(2)),
        "p99 ms": Number(r.p99Ms.toFixed(2)),
        "service CPU ms/req": r.cpuMsPerRequest === undefined ? "-" : Number(r.cpuMsPerRequest.toFixed(3)),
        "PostgreSQL CPU ms/req": r.postgresMs === undefined ? "-" : Number(r.postgresMs.toFixed(3)),
        "Redis CPU ms/req": r.redisMs === undefined ? "-" : Number(r.redisMs.toFixed(3)),
        requests: r.total,
        errors: r.errors,
      })),
    );
    if (rows.some((r) => r.errors > 0)) process.exitCode = 1; // errors make the figures meaningless
  } finally {
    for (const child of services) child.kill("SIGTERM");
    await Promise.all(databases.map((database) => database.close()));
    await Promise.all([postgres.stop(), ...redises.map((r) => r.stop())]);
    baseline?.remove();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
