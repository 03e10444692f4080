import type { LightMyRequestResponse } from "fastify";

/** A response from `app.inject` or read off a raw socket (support/raw-http.ts). */
export type ResponseLike = Pick<LightMyRequestResponse, "statusCode" | "headers" | "body" | "json">;

/** Asserts an RFC 9457 problem response with the given status, and that no internals leak. */
export function expectProblem(response: ResponseLike, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(response.body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|stack/i);
  return body as { type: string; title: string; status: number; detail?: string; errors?: { in: string; path: string; message: string }[] };
}
