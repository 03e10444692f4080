import type { FastifyReply, FastifyRequest } from "fastify";
import type { ResponseCache } from "../cache/response-cache";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Cache-aside for GET routes: serves the stored bytes on a hit; on a miss computes the result,
 * serializes it with the route's response schema, stores the bytes and sends them. Keyed by the
 * request URL, which holds everything the response depends on.
 */
export async function serveCached(cache: ResponseCache, request: FastifyRequest, reply: FastifyReply, compute: () => Promise<unknown>) {
  const { value, generation } = await cache.lookup(request.url);
  if (value !== undefined) return reply.header("x-cache", "hit").type(JSON_TYPE).send(value);
  const body = Buffer.from(reply.serialize(await compute()) as string);
  cache.set(request.url, generation, body);
  return reply.header("x-cache", "miss").type(JSON_TYPE).send(body);
}
