import type { FastifyReply, FastifyRequest } from "fastify";
import { SingleFlight } from "../cache/single-flight";
import type { ResponseCache } from "../cache/response-cache";
import { jsonTextOf } from "../preserialized";

const JSON_TYPE = "application/json; charset=utf-8";

/** Misses being computed, per cache (one per app): an expiry under load reads the database once per key. */
const flightsByCache = new WeakMap<ResponseCache, SingleFlight<Buffer>>();

function flightsOf(cache: ResponseCache): SingleFlight<Buffer> {
  let flights = flightsByCache.get(cache);
  if (!flights) flightsByCache.set(cache, (flights = new SingleFlight()));
  return flights;
}

/**
 * Cache-aside for GET routes: serves the stored bytes on a hit; on a miss computes the result,
 * serializes it with the route's response schema (or takes the JSON text the result carries, see
 * preserialized.ts), stores the bytes and sends them. Keyed by the request URL, which holds
 * everything the response depends on. Concurrent misses for one URL (and cache generation) share
 * one computation, so a cold or expired key costs one database query.
 */
export async function serveCached(cache: ResponseCache, request: FastifyRequest, reply: FastifyReply, compute: () => Promise<unknown>) {
  const { value, generation } = await cache.lookup(request.url);
  if (value !== undefined) return reply.header("x-cache", "hit").type(JSON_TYPE).send(value);
  const body = await flightsOf(cache).run(`${generation}:${request.url}`, async () => {
    const result = await compute();
    const computed = Buffer.from(jsonTextOf(result) ?? (reply.serialize(result) as string));
    cache.set(request.url, generation, computed);
    return computed;
  });
  return reply.header("x-cache", "miss").type(JSON_TYPE).send(body);
}

/** Sends `value` as JSON: the text it carries (preserialized.ts) as it is, else through the route's serializer. */
export function sendJson(reply: FastifyReply, value: unknown) {
  const text = jsonTextOf(value);
  return text === undefined ? reply.send(value) : reply.type(JSON_TYPE).send(text);
}
