import type { FastifyInstance } from "fastify";

/**
 * One JSON line per request with the fields the Logs Insights queries read: request_id (bound by
 * Fastify), method, route, url, status, latency_ms, client_ip. Replaces Fastify's two default lines.
 * Callback-style hooks: on the hot path they cost less than async ones (no promise per request).
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    done(null, payload);
  });
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(unmatched)",
        url: request.url,
        status: reply.statusCode,
        latency_ms: Math.round(reply.elapsedTime * 100) / 100,
        client_ip: request.ip,
        cache: reply.getHeader("x-cache"),
      },
      "request",
    );
    done();
  });
}
