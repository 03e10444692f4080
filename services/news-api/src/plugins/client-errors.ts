import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { PROBLEM_CONTENT_TYPE, ProblemError } from "../problem";
import { sendProblem } from "./problem-handler";

/** What Node's HTTP parser rejected, as a problem that reveals nothing of the request. */
function problemForParserError(code: string): ProblemError {
  if (code === "HPE_HEADER_OVERFLOW") return new ProblemError(431, "the request line and headers together exceed the server's size limit");
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return new ProblemError(408, "the request was not received in time");
  return new ProblemError(400, "the request is not valid HTTP");
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP server rejects before Fastify sees them (an
 * oversized request line or headers, malformed HTTP, a header timeout) get the same problem+json as
 * every other error instead of Fastify's own JSON shape. Written straight to the socket, as Node
 * does, then the connection closes: the parser cannot go on reading it.
 */
export function sendClientErrorProblem(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return; // the client is gone: nobody to answer
  const problem = problemForParserError(error.code ?? "");
  const { status } = problem;
  this.log.debug({ err: error, status }, "client error before routing");
  if (socket.writable) {
    const body = JSON.stringify(problem.body());
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const ROUTER_REJECTIONS: Record<string, string> = {
  FST_ERR_BAD_URL: "the URL is not validly percent-encoded",
  FST_ERR_MAX_PARAM_LENGTH: "a path parameter is longer than the router accepts",
};

/**
 * Fastify's `frameworkErrors`: URLs its router refuses before any route runs (bad percent-encoding,
 * an over-long path parameter) answer problem+json too, with Fastify's status for them.
 */
export function sendRouterRejectionProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail = ROUTER_REJECTIONS[error.code] ?? "the request could not be routed";
  void sendProblem(reply, request, new ProblemError(error.statusCode ?? 400, detail));
}
