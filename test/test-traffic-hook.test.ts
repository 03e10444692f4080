import { createServer, IncomingMessage, Server } from "node:http";
import { AddressInfo } from "node:net";

// The hook's own code, as Lambda runs it (plain CommonJS, no dependencies).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hook = require("../modules/service/test-traffic-hook/index.js");
const { handler, smokeTest } = hook;

const header = { name: "x-newsstack-test-traffic", value: "next" };
const quick = { attempts: 2, delayMs: 10, timeoutMs: 1000 };

/** A stand-in for the ALB: 200 on the smoke paths for requests carrying the test header (the new revision), `status` otherwise. */
function alb(newRevisionStatus: number): Promise<{ url: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    seen.push(`${req.url} ${req.headers[header.name] ?? "-"}`);
    res.statusCode = req.headers[header.name] === header.value ? newRevisionStatus : 200;
    res.end("{}");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen })),
  );
}

describe("the test-traffic smoke hook", () => {
  test("a healthy new revision passes: both paths answered through the test header", async () => {
    const { url, server, seen } = await alb(200);
    try {
      expect(await smokeTest(url, header, quick)).toEqual([]);
      expect(seen).toEqual(["/health next", "/api/articles?limit=1 next"]);
    } finally {
      server.close();
    }
  });

  test("a failing new revision fails the hook (ECS then rolls back), after retrying", async () => {
    const { url, server, seen } = await alb(503);
    try {
      expect(await smokeTest(url, header, quick)).toEqual(["/health: HTTP 503", "/api/articles?limit=1: HTTP 503"]);
      expect(seen).toHaveLength(4);
    } finally {
      server.close();
    }
  });

  test("the handler answers ECS with SUCCEEDED or FAILED from its environment", async () => {
    const [healthy, failing] = [await alb(200), await alb(500)];
    const retry = hook.retry;
    hook.retry = quick; // the production retries only add waiting here
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const run = (url: string) => {
      Object.assign(process.env, { SERVICE_URL: url, TEST_HEADER_NAME: header.name, TEST_HEADER_VALUE: header.value });
      return handler({ executionId: "e1", lifecycleStage: "POST_TEST_TRAFFIC_SHIFT" });
    };
    try {
      expect(await run(healthy.url)).toEqual({ hookStatus: "SUCCEEDED" });
      expect(await run(failing.url)).toEqual({ hookStatus: "FAILED" });
    } finally {
      hook.retry = retry;
      healthy.server.close();
      failing.server.close();
      log.mockRestore();
    }
  });
});
