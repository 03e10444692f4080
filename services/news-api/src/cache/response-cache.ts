/**
 * Cache of serialized responses (the exact bytes sent), keyed by request URL. Writes invalidate
 * everything by moving to a new generation: a value computed from data read before a write is
 * stored under the old generation and can never be served after it.
 */
export interface CacheLookup {
  /** The cached bytes, when present. */
  readonly value?: Buffer;
  /** Generation current at lookup time; pass it back to `set`. */
  readonly generation: number;
}

export type DependencyStatus = "ok" | "down";

export interface ResponseCache {
  lookup(key: string): Promise<CacheLookup>;
  /** Stores `value` unless a write moved the generation on since the lookup. Never throws. */
  set(key: string, generation: number, value: Buffer): void;
  /** Called after every write, before the response: no reader sees the old data afterwards. */
  invalidate(): Promise<void>;
  health(): Promise<DependencyStatus>;
  close(): Promise<void>;
}
