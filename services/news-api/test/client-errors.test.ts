import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/app";
import { MemoryCache } from "../src/cache/memory-cache";
import type { ArticleStore } from "../src/store/article-store";
import { expectProblem } from "./support/problems";
import { rawRequest } from "./support/raw-http";

/**
 * Requests refused before any route runs answer with the same problem+json as every other error:
 * by Node's HTTP parser (over a raw socket; its default limit on the request line plus headers is
 * 16 KiB) or by Fastify's router (through app.inject).
 */
describe("errors raised before routing", () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    // No route here reaches the store: these requests never get past the HTTP parser.
    const store = new Proxy({} as ArticleStore, { get: () => () => Promise.reject(new Error("not used")) });
    app = await buildApp({ config: { bodyLimitBytes: 1024 }, store, cache: new MemoryCache(1000, 10) });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
  });

  test("an oversized request line is a 431 problem", async () => {
    const response = await rawRequest(port, `GET /api/articles?q=${"a".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    const problem = expectProblem(response, 431);
    expect(problem).toEqual({
      type: "about:blank",
      title: "Request Header Fields Too Large",
      status: 431,
      detail: expect.stringMatching(/size limit/),
    });
    expect(response.body).not.toContain("aaaa"); // the request is never echoed
    expect(response.headers.connection).toBe("close");
  });

  test("oversized headers are a 431 problem", async () => {
    const response = await rawRequest(port, `GET /api/articles HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${"b".repeat(20_000)}\r\n\r\n`);
    expect(expectProblem(response, 431).title).toBe("Request Header Fields Too Large");
  });

  test("malformed HTTP is a 400 problem", async () => {
    const response = await rawRequest(port, "NOT HTTP AT ALL\r\n\r\n");
    expect(expectProblem(response, 400).detail).toBe("the request is not valid HTTP");
  });

  test("URLs the router refuses are problems too: bad percent-encoding 400, an over-long parameter 414", async () => {
    const badEncoding = await app.inject("/api/articles/%zz");
    expect(expectProblem(badEncoding, 400)).toMatchObject({
      detail: "the URL is not validly percent-encoded",
      instance: "/api/articles/%zz",
    });
    const longParameter = await app.inject(`/api/articles/${"1".repeat(200)}`);
    expect(expectProblem(longParameter, 414).title).toBe("URI Too Long");
  });

  test("the server keeps serving normal requests on new connections", async () => {
    const response = await rawRequest(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(response.statusCode).toBe(200);
  });
});
