/**
 * Whether the process is draining: set once on SIGTERM by server.ts, read by readiness (which then
 * fails) and by the connection-draining hook (which then closes every connection after its response).
 */
export class Lifecycle {
  private drainingSince?: number;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDrain(now: number = Date.now()): void {
    this.drainingSince ??= now;
  }
}
