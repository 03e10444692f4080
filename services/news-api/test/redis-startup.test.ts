import { RedisCache } from "../src/cache/redis-cache";
import { redisConfig } from "./support/backends";
import { eventually } from "./support/eventually";
import { sharedSlot, SharedSlot } from "./support/shared-servers";

/** The run's Redis, under a key prefix of this file's own. */
describe("RedisCache start against a running Redis", () => {
  let slot: SharedSlot;
  beforeAll(async () => {
    slot = await sharedSlot();
  });
  afterAll(() => slot?.drop());

  // The subscriber used to synchronize on its own "ready", through a command connection not yet
  // ready (no offline queue): every start logged "redis synchronize: Stream isn't writeable".
  test("connecting reports no error, and the cache is healthy", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const errors: string[] = [];
      const cache = await RedisCache.connect(redisConfig({ port: slot.redisPort }), {
        keyPrefix: slot.keyPrefix,
        ttlSeconds: 60,
        localTtlMs: 1000,
        localMaxEntries: 10,
        onError: (error, context) => errors.push(`${context}: ${error.message}`),
      });
      try {
        await eventually(async () => expect(await cache.health()).toBe("ok"));
        await new Promise((r) => setTimeout(r, 100)); // both connections' "ready" handlers have run
        expect(errors).toEqual([]);
      } finally {
        await cache.close();
      }
    }
  });
});
