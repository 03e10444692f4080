import type { FastifyInstance } from "fastify";
import { Server } from "node:net";
import type { Lifecycle } from "./lifecycle";

/**
 * After the listener closes, how long connections accepted just before keep their chance to deliver
 * a request before idle ones are closed: a socket whose request is still unread would otherwise be
 * destroyed with data in its buffer, which the kernel answers with a reset.
 */
export const ACCEPT_LINGER_MS = 250;

export interface ShutdownSteps {
  readonly drainMs: number;
  readonly lingerMs?: number;
  readonly log: (message: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Zero-loss shutdown: readiness fails and every response closes its connection for `drainMs` while
 * the service keeps serving; then the listener closes (open connections untouched: Node's http close
 * would destroy idle ones at once), and after a short linger Fastify closes, answering what is in
 * flight and closing what is idle.
 */
export async function drainAndClose(
  app: FastifyInstance,
  lifecycle: Lifecycle,
  { drainMs, lingerMs = ACCEPT_LINGER_MS, log }: ShutdownSteps,
): Promise<void> {
  lifecycle.beginDrain();
  if (drainMs > 0) {
    log("draining: readiness fails, connections close after their response");
    await sleep(drainMs);
  }
  Server.prototype.close.call(app.server);
  log("listener closed: finishing in-flight requests");
  await sleep(lingerMs);
  await app.close();
}
