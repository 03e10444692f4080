import type { FastifyInstance } from "fastify";
import type { Lifecycle } from "../lifecycle";
import { ProblemError } from "../problem";

/**
 * From the start of the drain window (and during close), answers every request with
 * `Connection: close`: a keep-alive client (the ALB among them) then opens a new connection for its
 * next request instead of reusing one the server is about to close, so no request meets a closing
 * socket. By the end of the window no busy connection is left idle for the server to cut. A request
 * that still arrives once the close has begun (its headers were on the way) gets a 503 problem: what
 * Fastify's return503OnClosing does, but in the one error style instead of Fastify's own JSON.
 */
export function registerConnectionDraining(app: FastifyInstance, lifecycle: Lifecycle): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", (_request, _reply, done) =>
    done(closing ? new ProblemError(503, "the service is shutting down; retry the request") : undefined),
  );
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing || lifecycle.draining) reply.header("connection", "close");
    done(null, payload);
  });
}
