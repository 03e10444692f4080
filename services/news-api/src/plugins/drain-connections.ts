import type { FastifyInstance } from "fastify";

/**
 * During shutdown, answers in-flight requests with `Connection: close`, so keep-alive clients (the
 * ALB among them) let go of the socket and the server can finish closing instead of waiting out
 * the shutdown bound on connections that would otherwise stay open.
 */
export function registerConnectionDraining(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
}
