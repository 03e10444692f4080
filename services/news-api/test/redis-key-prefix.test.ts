import { RedisCache } from "../src/cache/redis-cache";
import { redisConfig } from "./support/backends";
import { eventually } from "./support/eventually";
import { sharedSlot, SharedSlot } from "./support/shared-servers";

/** Caches with different key prefixes share one Redis (the test run's) without seeing each other. */
describe("RedisCache key prefix", () => {
  const errors: string[] = [];
  const options = {
    ttlSeconds: 60,
    localTtlMs: 60_000,
    localMaxEntries: 10,
    onError: (error: Error, context: string) => errors.push(`${context}: ${error.message}`),
  };
  let slots: SharedSlot[];
  let caches: RedisCache[];

  beforeAll(async () => {
    slots = [await sharedSlot(), await sharedSlot()];
    caches = await Promise.all(
      slots.map((slot) => RedisCache.connect(redisConfig({ port: slot.redisPort }), { ...options, keyPrefix: slot.keyPrefix })),
    );
  });
  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    await Promise.all(slots.map((slot) => slot.drop()));
  });

  test("an entry under one prefix is a miss under another; an invalidation under one leaves the other's generation", async () => {
    const [a, b] = caches;
    const before = await b.lookup("/api/articles");
    a.set("/api/articles", (await a.lookup("/api/articles")).generation, Buffer.from("from a"));
    await eventually(async () => expect((await a.lookup("/api/articles")).value?.toString()).toBe("from a"));
    expect((await b.lookup("/api/articles")).value).toBeUndefined();
    // Sharing one generation key, b's INCR would land two above where it started.
    await a.invalidate();
    await b.invalidate();
    expect((await b.lookup("/api/articles")).generation).toBe(before.generation + 1);
    expect(errors).toEqual([]);
  });
});
