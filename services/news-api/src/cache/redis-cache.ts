import { createHash } from "node:crypto";
import Redis, { RedisOptions } from "ioredis";
import type { RedisConfig } from "../config";
import { LruCache } from "./lru";
import type { CacheLookup, DependencyStatus, ResponseCache } from "./response-cache";

/** Every key and the invalidation channel start with this unless the options name another prefix. */
const DEFAULT_KEY_PREFIX = "news:cache:";

export interface RedisCacheOptions {
  /** Lifetime of entries in Redis. */
  readonly ttlSeconds: number;
  /** Lifetime of entries in the in-process tier; bounds staleness if an invalidation is missed. */
  readonly localTtlMs: number;
  /** Size of the in-process tier; 0 turns it off. */
  readonly localMaxEntries: number;
  readonly onError: (error: Error, context: string) => void;
  /**
   * Namespace of the generation key, the entries and the invalidation channel: caches with different
   * prefixes share one Redis without seeing each other's entries or invalidations (one per test file).
   * @default "news:cache:"
   */
  readonly keyPrefix?: string;
}

/**
 * INCR of the generation and PUBLISH of the new value in one script: a write paid two sequential round
 * trips to Redis (the PUBLISH needs INCR's answer) before its response could leave.
 */
const BUMP_SCRIPT = (() => {
  const lua = "local generation = redis.call('INCR', KEYS[1]) redis.call('PUBLISH', ARGV[1], generation) return generation";
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
})();

/** ioredis settings: fail fast instead of queueing while Redis is away, reconnect by itself. */
export function redisOptions(config: RedisConfig): RedisOptions {
  return {
    host: config.url ? undefined : config.host,
    port: config.url ? undefined : config.port,
    password: config.authToken,
    tls: config.tls ? { servername: config.host } : undefined,
    enableOfflineQueue: false,
    commandTimeout: config.commandTimeoutMs,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
  };
}

/**
 * Two tiers: a small in-process LRU in front of Redis. Keys carry the generation; a write INCRs the
 * generation in Redis and publishes it, so every task drops its local tier and reads new keys. When
 * Redis is down or slow, lookups miss (the route reads the database) and writes remember to bump the
 * generation once Redis is back.
 */
export class RedisCache implements ResponseCache {
  private generation = 0;
  private missedInvalidation = false;
  /** The command connection's stream is corked until the end of this event-loop turn. */
  private corked = false;
  private readonly local: LruCache<Buffer>;
  private readonly prefix: string;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisCacheOptions,
  ) {
    this.local = new LruCache(options.localMaxEntries, options.localTtlMs);
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  private get generationKey(): string {
    return `${this.prefix}generation`;
  }

  /** The channel writers publish a new generation on. */
  private get channel(): string {
    return `${this.prefix}invalidated`;
  }

  static async connect(config: RedisConfig, options: RedisCacheOptions): Promise<RedisCache> {
    const settings = redisOptions(config);
    const redis = config.url ? new Redis(config.url, settings) : new Redis(settings);
    // The subscriber queues its SUBSCRIBE until connected and re-subscribes after every reconnect.
    const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
    const cache = new RedisCache(redis, subscriber, options);
    redis.on("error", (error) => options.onError(error, "redis"));
    subscriber.on("error", (error) => options.onError(error, "redis subscriber"));
    redis.on("ready", () => void cache.synchronize());
    // The subscriber's own reconnect can follow a missed invalidation; it synchronizes through the
    // command connection, which may not be ready yet (at start it connects after the subscriber):
    // then that connection's "ready" synchronizes instead of a GET failing with "Stream isn't writeable".
    subscriber.on("ready", () => {
      if (redis.status === "ready") void cache.synchronize();
    });
    subscriber.on("message", (_channel, message) => cache.adopt(Number(message)));
    void subscriber.subscribe(cache.channel).catch((error) => options.onError(error, "redis subscribe"));
    // Start serving even when Redis is down: the cache is an optimisation, never a dependency.
    await redis.connect().catch((error) => options.onError(error, "redis connect"));
    return cache;
  }

  private adopt(generation: number): void {
    if (!Number.isInteger(generation) || generation === this.generation) return;
    this.generation = generation;
    this.local.clear();
  }

  /** After (re)connecting: publish a write made while Redis was away, else learn the current generation. */
  private async synchronize(): Promise<void> {
    try {
      if (this.missedInvalidation) {
        this.missedInvalidation = false;
        await this.bump();
      } else {
        this.adopt(Number((await this.redis.get(this.generationKey)) ?? 0));
      }
    } catch (error) {
      this.options.onError(error as Error, "redis synchronize");
    }
  }

  /** Moves the generation on and publishes it: one command (BUMP_SCRIPT), one round trip per write. */
  private async bump(): Promise<void> {
    const generation = await this.redis.evalsha(BUMP_SCRIPT.sha, 1, this.generationKey, this.channel).catch((error: Error) =>
      // First use on this server (or after SCRIPT FLUSH / a failover): send the script itself, which Redis then keeps.
      /NOSCRIPT/.test(error.message) ? this.redis.eval(BUMP_SCRIPT.lua, 1, this.generationKey, this.channel) : Promise.reject(error),
    );
    this.adopt(Number(generation));
  }

  /**
   * The commands of one event-loop turn leave in one socket write: the first command corks the
   * stream, and it is uncorked once the turn's I/O callbacks have run (setImmediate). Under load a
   * turn handles several requests; a write each (a system call, and a wake-up of Redis) was most of
   * a cache lookup's cost. ioredis's auto-pipelining batches the same way but builds a Pipeline per
   * turn, which cost more than it saved.
   */
  private coalesceWrites(): void {
    const stream = this.redis.stream;
    if (this.corked || !stream?.writable) return;
    this.corked = true;
    stream.cork();
    setImmediate(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  private redisKey(generation: number, key: string): string {
    return `${this.prefix}${generation}:${key}`;
  }

  async lookup(key: string): Promise<CacheLookup> {
    const generation = this.generation;
    // The local tier holds the current generation only (adopt() clears it), so the URL is its key.
    const local = this.local.get(key);
    if (local !== undefined) return { value: local, generation };
    if (this.redis.status !== "ready") return { generation };
    try {
      this.coalesceWrites();
      const value = await this.redis.getBuffer(this.redisKey(generation, key));
      if (value === null) return { generation };
      if (generation === this.generation) this.local.set(key, value);
      return { value, generation };
    } catch (error) {
      this.options.onError(error as Error, "redis get");
      return { generation };
    }
  }

  set(key: string, generation: number, value: Buffer): void {
    if (generation !== this.generation) return;
    this.local.set(key, value);
    if (this.redis.status !== "ready") return;
    this.coalesceWrites();
    this.redis
      .set(this.redisKey(generation, key), value, "EX", this.options.ttlSeconds)
      .catch((error) => this.options.onError(error, "redis set"));
  }

  async invalidate(): Promise<void> {
    // Local first: this process never serves pre-write data, whatever Redis does.
    this.generation++;
    this.local.clear();
    if (this.redis.status !== "ready") {
      this.missedInvalidation = true;
      return;
    }
    try {
      await this.bump();
    } catch (error) {
      this.missedInvalidation = true;
      this.options.onError(error as Error, "redis invalidate");
    }
  }

  async health(): Promise<DependencyStatus> {
    if (this.redis.status !== "ready") return "down";
    try {
      await this.redis.ping();
      return "ok";
    } catch {
      return "down";
    }
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}
