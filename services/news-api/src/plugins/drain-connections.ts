import type { FastifyInstance } from "fastify";
import type { Lifecycle } from "../lifecycle";

/**
 * From the start of the drain window (and during close), answers every request with
 * `Connection: close`: a keep-alive client (the ALB among them) then opens a new connection for its
 * next request instead of reusing one the server is about to close, so no request meets a closing
 * socket. By the end of the window no busy connection is left idle for the server to cut.
 */
export function registerConnectionDraining(app: FastifyInstance, lifecycle: Lifecycle): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing || lifecycle.draining) reply.header("connection", "close");
    done(null, payload);
  });
}
