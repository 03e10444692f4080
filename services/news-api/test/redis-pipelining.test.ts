import Redis from "ioredis";
import { RedisCache } from "../src/cache/redis-cache";
import { redisConfig } from "./support/backends";
import { eventually } from "./support/eventually";
import { RedisServer } from "./support/servers";

/** Redis's own count of socket reads it served (INFO stats). */
async function readsProcessed(probe: Redis): Promise<number> {
  return Number(/total_reads_processed:(\d+)/.exec(await probe.info("stats"))![1]);
}

describe("RedisCache on a real Redis: concurrent requests share socket writes", () => {
  let redis: RedisServer;
  let probe: Redis;
  let cache: RedisCache;
  beforeAll(async () => {
    redis = await RedisServer.start();
    probe = new Redis(redis.url);
    cache = await RedisCache.connect(redisConfig(redis), { ttlSeconds: 60, localTtlMs: 1000, localMaxEntries: 0, onError: () => undefined });
    await eventually(async () => expect(await cache.health()).toBe("ok"));
  });
  afterAll(async () => {
    await cache?.close();
    probe?.disconnect();
    await redis?.stop();
  });

  // One write (and one server read) per command was a third of a cache miss's CPU under load.
  test("50 lookups and 50 stores issued together reach Redis in a few reads, and all take effect", async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `/api/articles?n=${i}`);
    const before = await readsProcessed(probe);
    const lookups = await Promise.all(keys.map((key) => cache.lookup(key)));
    const afterLookups = await readsProcessed(probe);
    for (const [i, key] of keys.entries()) cache.set(key, lookups[i].generation, Buffer.from(`body ${i}`));
    await eventually(async () => expect(await probe.dbsize()).toBe(50));
    const afterStores = await readsProcessed(probe);

    expect(lookups.every((l) => l.value === undefined)).toBe(true);
    // Each INFO of the probe is one read of its own; without pipelining the cache's commands are 50 each.
    expect(afterLookups - before - 1).toBeLessThanOrEqual(5);
    expect(afterStores - afterLookups).toBeLessThanOrEqual(10); // the probe's INFO and DBSIZE polls included
    const fetched = await Promise.all(keys.map((key) => cache.lookup(key)));
    expect(fetched.map((f) => f.value?.toString())).toEqual(keys.map((_, i) => `body ${i}`));
  });
});
