import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ProblemError } from "../problem";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * onRequest hook for write routes (runs before the body is read or validated): the x-api-key header must
 * equal API_KEY (compared in constant time).
 */
export function requireApiKey(apiKey: string | undefined) {
  const expected = apiKey === undefined ? undefined : digest(apiKey);
  return async (request: FastifyRequest) => {
    if (expected === undefined) throw ProblemError.notConfigured("write routes are disabled: API_KEY is not set");
    const given = request.headers["x-api-key"];
    if (typeof given !== "string" || !timingSafeEqual(digest(given), expected)) throw ProblemError.unauthorized();
  };
}
