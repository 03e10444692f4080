import { ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { typescriptChildArgs } from "../../../test/support/typescript-child";
import { API_KEY } from "./support/backends";
import { eventually } from "./support/eventually";
import { freePort } from "./support/servers";
import { sharedSlot, SharedSlot } from "./support/shared-servers";
import { FakeUpstream, upstreamArticle } from "./support/upstream";

/**
 * src/server.ts as its own process (signals and exit codes are the point), on a database of its own on
 * the run's PostgreSQL and on the run's Redis (the server's default key prefix, which no other file uses):
 * the embedded PGlite default costs a WebAssembly initdb per start, which took over the 40 s start bound
 * on a loaded machine. openRuntime's embedded path is tested in process (runtime.test.ts).
 */
const serviceDir = join(__dirname, "..");

interface RunningServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exit: Promise<number | null>;
  output(): string;
}

/** Every server process a test started: each must have exited by the end of its test (afterEach below). */
const started = new Set<ChildProcess>();
const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Kills `child` unless it has exited, and waits for its exit. */
async function killAndWait(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** src/server.ts as its own process, with only PATH and `env` set. */
const spawnServer = (env: Record<string, string>) => {
  const child = spawn(process.execPath, typescriptChildArgs("src/server.ts"), {
    cwd: serviceDir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  return child;
};

let slot: SharedSlot;
beforeAll(async () => {
  slot = await sharedSlot();
});
afterAll(() => slot?.drop());

// A test that fails or times out before its server exits would leave the process running (a timed-out
// test's own cleanup never runs): kill what is left, and fail the test that left it.
afterEach(async () => {
  const leftovers = [...started].filter(isRunning);
  started.clear();
  await Promise.all(leftovers.map(killAndWait));
  expect(leftovers.map((child) => `server process ${child.pid} still running after its test`)).toEqual([]);
});

/** The run's database and Redis, for a server process. */
const backing = () => ({ DATABASE_URL: slot.databaseUrl, REDIS_URL: `redis://127.0.0.1:${slot.redisPort}` });

/** Starts the server and waits until /health answers; a server that never answers is killed, not left behind. */
async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnServer({ PORT: String(port), HOST: "127.0.0.1", API_KEY, ...backing(), ...env });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 40_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) {
      await killAndWait(child);
      throw new Error(`server did not answer /health within 40 s:\n${output}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, port, exit, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });

const ingest = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/ingest`, {
    method: "POST",
    headers: { "x-api-key": API_KEY, "content-type": "application/json" },
    body: "{}",
  });

/** What a keep-alive load saw: requests fully written vs answered, and every failure by its code. */
interface KeepAliveTally {
  sent: number;
  answered: number;
  /** Answers that told the client to close the connection (the drain at work). */
  closing: number;
  /** Connections refused: the listener had closed, so no request was sent. */
  refused: number;
  /** Requests written that got no answer: resets, hang-ups. */
  lost: string[];
  statuses: number[];
  /** Answers each client got over a reused (keep-alive) connection. */
  reusedAnswers: number[];
}

/**
 * `connections` clients sending GETs back to back, each over its own keep-alive connection, the way
 * the ALB does: after deregister() (ECS deregisters the task as it signals it) a client opens no new
 * connection but keeps using the one it has until the server answers `Connection: close`.
 */
function keepAliveLoad(port: number, connections: number) {
  const tally: KeepAliveTally = {
    sent: 0,
    answered: 0,
    closing: 0,
    refused: 0,
    lost: [],
    statuses: [],
    reusedAnswers: Array(connections).fill(0),
  };
  let deregistered = false;
  let stopped = false;
  const once = (agent: Agent, client: number) =>
    new Promise<"open" | "closed" | "refused">((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/articles?limit=5", agent }, (response) => {
        response.resume();
        response.on("end", () => {
          tally.answered++;
          if (req.reusedSocket) tally.reusedAnswers[client]++;
          tally.statuses.push(response.statusCode!);
          const closed = response.headers.connection === "close";
          if (closed) tally.closing++;
          resolve(closed ? "closed" : "open");
        });
      });
      req.on("finish", () => tally.sent++);
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED") tally.refused++;
        else tally.lost.push(error.code ?? error.message);
        resolve(error.code === "ECONNREFUSED" ? "refused" : "closed");
      });
      req.end();
    });
  const workers = Array.from({ length: connections }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let outcome = "open"; !stopped && outcome !== "refused" && !(deregistered && outcome === "closed");)
      outcome = await once(agent, client);
    agent.destroy();
  });
  return {
    tally,
    deregister: () => (deregistered = true),
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return tally;
    },
  };
}

describe("zero-loss shutdown under keep-alive load (real PostgreSQL + Redis)", () => {
  test("SIGTERM: readiness fails at once, keep-alive connections served until closed after a response, all answered, exit 0", async () => {
    const server = await startServer({
      SHUTDOWN_DRAIN_MS: "1500",
      SHUTDOWN_TIMEOUT_MS: "10000",
    });
    const load = keepAliveLoad(server.port, 20);
    try {
      // SIGTERM once every client has been answered over its reused keep-alive connection, however loaded the machine.
      await eventually(async () => expect(Math.min(...load.tally.reusedAnswers)).toBeGreaterThanOrEqual(1), 20_000);
      const answeredBefore = load.tally.answered;
      load.deregister();
      server.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      const ready = await fetch(`http://127.0.0.1:${server.port}/health/ready`).then(
        async (r) => ({ status: r.status, body: await r.json() }),
        (e) => e.message,
      );
      const exitCode = await server.exit;
      const tally = await load.stop();
      console.log(
        `shutdown under keep-alive load: ${tally.sent} sent, ${tally.answered} answered ` +
          `(${tally.answered - answeredBefore} after SIGTERM, ${tally.closing} with Connection: close), ` +
          `${tally.lost.length} lost, ${tally.refused} connections refused after the listener closed`,
      );
      expect(tally.lost).toEqual([]);
      expect(ready).toMatchObject({ status: 503, body: { status: "draining" } });
      expect(exitCode).toBe(0);
      expect(tally.answered).toBe(tally.sent);
      expect(new Set(tally.statuses)).toEqual(new Set([200]));
      expect(tally.answered - answeredBefore).toBeGreaterThanOrEqual(20); // every connection was served after SIGTERM
      expect(tally.closing).toBe(20); // and let go of by the server after a response
      expect(server.output()).toContain("listener closed");
    } finally {
      await load.stop();
    }
  });
});

describe("graceful shutdown of the server process", () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream?.close());

  test("SIGTERM with requests in flight: no new connections, the in-flight ones complete, exit 0", async () => {
    const server = await startServer({ NEWS_UPSTREAM_URL: upstream.url, SHUTDOWN_TIMEOUT_MS: "10000" });
    upstream.respondWith([upstreamArticle(1), upstreamArticle(2)], 1500);
    const before = upstream.requests.length;
    const inFlight = [ingest(server.port), ingest(server.port)];
    while (upstream.requests.length < before + 2) await new Promise((r) => setTimeout(r, 20));

    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(await refusesConnections(server.port)).toBe(true);

    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const counts = await Promise.all(responses.map((r) => r.json()));
    expect(counts.map((c) => c.inserted + c.updated)).toEqual([2, 2]);
    expect(await server.exit).toBe(0);

    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(["news-api ready", "shutting down: draining in-flight requests", "shutdown complete"]));
    // The request log line carries the fields the Logs Insights queries read.
    const requestLine = lines.find((l) => l.msg === "request" && l.route === "/api/ingest");
    expect(requestLine).toMatchObject({
      level: "info",
      service: "news-api",
      method: "POST",
      status: 200,
      request_id: expect.any(String),
      latency_ms: expect.any(Number),
    });
    expect(requestLine.latency_ms).toBeGreaterThanOrEqual(1500);
    expect(JSON.stringify(lines)).not.toContain(API_KEY);
  });

  test("requests that outlast SHUTDOWN_TIMEOUT_MS do not hold the task: exit 1 at the bound", async () => {
    const server = await startServer({ NEWS_UPSTREAM_URL: upstream.url, SHUTDOWN_TIMEOUT_MS: "500" });
    upstream.respondWith([upstreamArticle(3)], 5000);
    const before = upstream.requests.length;
    const stuck = ingest(server.port).catch(() => "connection closed");
    while (upstream.requests.length < before + 1) await new Promise((r) => setTimeout(r, 20));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(3000);
    expect(server.output()).toContain("shutdown timed out");
    await stuck;
  });

  test("invalid configuration: exit 1 with the variable named, before listening", async () => {
    const child = spawnServer({ PORT: "eighty", CACHE_TTL_SECONDS: "-1" });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT="eighty": must be a whole number from 0 to 65535');
    expect(stderr).toContain('CACHE_TTL_SECONDS="-1"');
  });
});
