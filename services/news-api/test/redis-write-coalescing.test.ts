import Redis from "ioredis";
import { RedisCache } from "../src/cache/redis-cache";
import { redisConfig } from "./support/backends";
import { eventually } from "./support/eventually";
import { RedisServer } from "./support/servers";

/** Socket reads the Redis server has served so far (INFO stats): one per write that reached it. */
async function readsProcessed(probe: Redis): Promise<number> {
  return Number(/total_reads_processed:(\d+)/.exec(await probe.info("stats"))![1]);
}

// A Redis of its own: the read counter is server-wide, and the shared one serves other test files.
describe("RedisCache on a real Redis: the commands of one event-loop turn leave in one write", () => {
  let redis: RedisServer;
  let probe: Redis;
  let cache: RedisCache;
  beforeAll(async () => {
    redis = await RedisServer.start();
    probe = new Redis(redis.url);
    cache = await RedisCache.connect(redisConfig(redis), {
      ttlSeconds: 60,
      localTtlMs: 1000,
      localMaxEntries: 0,
      onError: () => undefined,
    });
    await eventually(async () => expect(await cache.health()).toBe("ok"));
  });
  afterAll(async () => {
    await cache?.close();
    probe?.disconnect();
    await redis?.stop();
  });

  test("50 lookups, then 50 stores, issued in one turn each reach Redis in one or two reads, and all take effect", async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `/api/articles?n=${i}`);
    const before = await readsProcessed(probe);
    const lookups = await Promise.all(keys.map((key) => cache.lookup(key)));
    const afterLookups = await readsProcessed(probe);
    for (const [i, key] of keys.entries()) cache.set(key, lookups[i].generation, Buffer.from(`body ${i}`));
    // Stores are not awaited: a lookup in the same turn is answered after them (Redis replies in order).
    const lookupAfterStores = await cache.lookup(keys[49]);
    const afterStores = await readsProcessed(probe);

    expect(lookups.every((lookup) => lookup.value === undefined)).toBe(true);
    expect(lookupAfterStores.value?.toString()).toBe("body 49");
    // Each INFO of the probe is one read of its own; a write per command would be 50 reads each.
    expect(afterLookups - before - 1).toBeLessThanOrEqual(2);
    expect(afterStores - afterLookups - 1).toBeLessThanOrEqual(2);
    expect(await probe.dbsize()).toBe(50);
    const fetched = await Promise.all(keys.map((key) => cache.lookup(key)));
    expect(fetched.map((f) => f.value?.toString())).toEqual(keys.map((_, i) => `body ${i}`));
  });

  test("a write's invalidation reaches Redis in one read (INCR and PUBLISH in one script), and is published", async () => {
    const listener = probe.duplicate();
    const published: string[] = [];
    listener.on("message", (_channel, message) => published.push(message));
    try {
      await listener.subscribe("news:cache:invalidated");
      await cache.invalidate(); // the first one on this server may send the script itself after a NOSCRIPT
      const before = await readsProcessed(probe);
      await cache.invalidate();
      const after = await readsProcessed(probe);
      expect(after - before - 1).toBe(1); // two (INCR, then PUBLISH on its answer) before the script
      const generation = Number(await probe.get("news:cache:generation"));
      await eventually(async () => expect(published.slice(-2)).toEqual([String(generation - 1), String(generation)]));
    } finally {
      listener.disconnect();
    }
  });
});
