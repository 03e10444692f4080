import { createServer, IncomingMessage, Server } from "node:http";
import { runAutocannon } from "../bench/load-drivers";

/**
 * The autocannon driver `npm run bench:api` falls back to where wrk is missing: a short bounded run
 * against a local server, for a fixed request and for one built per request (the case that crashed
 * when `setupRequest` was passed as undefined).
 */
describe("bench/load-drivers: the autocannon fallback", () => {
  let server: Server;
  let baseUrl: string;
  const seen: { method: string; url: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        seen.push({ method: request.method!, url: request.url!, body });
        response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => void (seen.length = 0));

  const settings = { connections: 2, durationSeconds: 1, threads: 1 };

  test("a fixed request: every response counted, no errors, latency percentiles read", async () => {
    const result = await runAutocannon(baseUrl, { name: "fixed", method: "GET", path: "/api/articles" }, settings);
    expect(result.total).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(seen.filter((r) => r.url !== "/api/articles")).toEqual([]);
  });

  test("a request built per call: each one has its own path and body, with the case's method and headers", async () => {
    const result = await runAutocannon(
      baseUrl,
      {
        name: "varying",
        method: "POST",
        path: "/api/articles",
        headers: { "content-type": "application/json" },
        next: (n) => ({ path: `/api/articles?n=${n}`, body: JSON.stringify({ n }) }),
      },
      settings,
    );
    expect(result.errors).toBe(0);
    expect(result.total).toBeGreaterThan(1);
    // A GET still in flight from the previous run may land here too: only this case's POSTs count.
    const posted = seen.filter((r) => r.method === "POST");
    expect(posted.length).toBeGreaterThanOrEqual(result.total);
    expect(posted.filter((r) => r.url !== `/api/articles?n=${JSON.parse(r.body).n}`)).toEqual([]);
    expect(new Set(posted.map((r) => r.url)).size).toBe(posted.length);
  });

  test("non-2xx responses are counted as errors, never as throughput", async () => {
    const result = await runAutocannon(baseUrl, { name: "missing", method: "GET", path: "/missing" }, settings);
    expect(result.total).toBeGreaterThan(0);
    expect(result.errors).toBeGreaterThanOrEqual(result.total);
  });
});
