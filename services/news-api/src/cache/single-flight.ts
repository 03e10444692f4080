/**
 * Concurrent calls for one key share one run of the work: the first caller starts it, the others
 * wait for the same promise, and the key is free again once it settles (success or failure).
 */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  run(key: string, work: () => Promise<V>): Promise<V> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Keys whose work is running now. */
  get size(): number {
    return this.inFlight.size;
  }
}
