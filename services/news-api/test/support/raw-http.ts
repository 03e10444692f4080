import { connect } from "node:net";
import type { ResponseLike } from "./problems";

/**
 * Sends `request` bytes as they are over a fresh TCP connection and parses the one response the
 * server writes before closing: for requests `app.inject` cannot make (Node's HTTP parser rejects
 * them before Fastify runs). Rejects after `timeoutMs` so a server that never answers fails the test.
 */
export function rawRequest(port: number, request: string, timeoutMs = 5000): Promise<ResponseLike> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => undefined); // the server may reset after answering; what was read counts
    socket.on("close", () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
    socket.write(request);
  });
}

/** One HTTP/1.1 response as read off a socket: status line, headers, the rest is the body. */
export function parseResponse(text: string): ResponseLike {
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, split).split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
  const body = text.slice(split + 4);
  return { statusCode: Number(statusLine.split(" ")[1]), headers, body, json: () => JSON.parse(body) };
}
