import { LruCache } from "./lru";
import type { CacheLookup, DependencyStatus, ResponseCache } from "./response-cache";

/** In-process cache for the embedded default (one process, nothing to share). */
export class MemoryCache implements ResponseCache {
  private generation = 0;
  private readonly lru: LruCache<Buffer>;

  constructor(ttlMs: number, maxEntries: number) {
    this.lru = new LruCache(maxEntries, ttlMs);
  }

  async lookup(key: string): Promise<CacheLookup> {
    return { value: this.lru.get(key), generation: this.generation };
  }

  set(key: string, generation: number, value: Buffer): void {
    if (generation === this.generation) this.lru.set(key, value);
  }

  async invalidate(): Promise<void> {
    this.generation++;
    this.lru.clear();
  }

  async health(): Promise<DependencyStatus> {
    return "ok";
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
