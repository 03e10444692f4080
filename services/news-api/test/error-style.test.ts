import type { FastifyInstance } from "fastify";
import { once } from "node:events";
import { connect, Socket } from "node:net";
import { appOn, postgresRedisBackend, type Backend } from "./support/backends";
import { eventually } from "./support/eventually";
import { expectProblem } from "./support/problems";
import { parseResponse } from "./support/raw-http";

/** Everything the server writes on `socket` until it closes. */
function text(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  return once(socket, "close").then(() => Buffer.concat(chunks).toString("utf8"));
}

const connections = (app: FastifyInstance) =>
  new Promise<number>((resolve, reject) => app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

/** On the shared PostgreSQL + Redis: error bodies do not depend on the database engine. */
describe("one problem+json style for every error", () => {
  let backend: Backend;
  let app: FastifyInstance;
  beforeAll(async () => {
    backend = await postgresRedisBackend();
  });
  beforeEach(async () => {
    app = await appOn(backend);
  });
  afterEach(() => app.close());
  afterAll(() => backend?.close());

  test("an unknown route answers the same problem shape as a missing article", async () => {
    const missingArticle = expectProblem(await app.inject("/api/articles/999999"), 404);
    const unknownRoute = expectProblem(await app.inject("/api/nothing-here?x=1"), 404);
    expect(unknownRoute).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "no route for GET /api/nothing-here",
      instance: "/api/nothing-here",
    });
    expect(Object.keys(unknownRoute).sort()).toEqual(Object.keys(missingArticle).sort());
  });

  test("a request that reaches the service while it closes gets a 503 problem, not Fastify's own JSON", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const socket = connect((app.server.address() as { port: number }).port, "127.0.0.1");
    await once(socket, "connect");
    const received = text(socket);
    // Headers still arriving when the close starts: the connection is not idle, so the close waits for it.
    socket.write("GET /health HTTP/1.1\r\nHost: t\r\n");
    await eventually(async () => expect(await connections(app)).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server parses what arrived
    const closed = app.close();
    socket.write("\r\n");
    const response = parseResponse(await received);
    await closed;
    expect(expectProblem(response, 503)).toMatchObject({ title: "Service Unavailable", detail: expect.stringMatching(/shutting down/) });
    expect(response.headers).toMatchObject({ "retry-after": "5", connection: "close" });
  });
});
