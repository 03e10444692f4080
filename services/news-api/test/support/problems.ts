import type { LightMyRequestResponse } from "fastify";

/** Asserts an RFC 9457 problem response with the given status, and that no internals leak. */
export function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(response.body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|stack/i);
  return body as { type: string; title: string; status: number; detail?: string; errors?: { in: string; path: string; message: string }[] };
}
