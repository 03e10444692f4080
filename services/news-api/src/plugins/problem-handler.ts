import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ConflictError, DependencyUnavailableError, NotConfiguredError, UpstreamError } from "../errors";

/** A client error with a problem type of its own (bad cursor, inverted date range). */
export class BadRequestError extends Error {
  constructor(
    readonly detail: string,
    readonly field: { in: string; path: string },
  ) {
    super(detail);
    this.name = "BadRequestError";
  }
}

export class UnauthorizedError extends Error {
  constructor() {
    super("missing or invalid API key (x-api-key header)");
    this.name = "UnauthorizedError";
  }
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { in: string; path: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

/** The problem body for `status`: type about:blank and the status's title unless given. */
export function problemBody(problem: Omit<ProblemBody, "title" | "type"> & Partial<ProblemBody>): ProblemBody {
  return { type: "about:blank", title: TITLES[problem.status] ?? "Error", ...problem };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<ProblemBody, "title" | "type"> & Partial<ProblemBody>,
) {
  const body = problemBody({ instance: request.url.split("?")[0], ...problem });
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Maps a thrown error to its problem; anything unexpected is a 500 that reveals nothing. */
function problemFor(error: FastifyError & { validationContext?: string }): ProblemBody & { log: boolean } {
  if (error.validation) {
    const count = error.validation.length;
    return {
      type: "/problems/validation",
      title: "Request did not validate",
      status: 400,
      detail: `${count} problem${count === 1 ? "" : "s"} in the ${error.validationContext ?? "request"}`,
      errors: error.validation.map((v) => ({
        in: error.validationContext ?? "request",
        path:
          v.instancePath ||
          (v.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty ||
          (v.params as { additionalProperty?: string })?.additionalProperty ||
          "",
        message: v.message ?? "is invalid",
      })),
      log: false,
    };
  }
  if (error instanceof BadRequestError) {
    return {
      type: "/problems/validation",
      title: "Request did not validate",
      status: 400,
      detail: error.detail,
      errors: [{ ...error.field, message: error.detail }],
      log: false,
    };
  }
  if (error instanceof UnauthorizedError)
    return { type: "about:blank", title: TITLES[401], status: 401, detail: error.message, log: false };
  if (error instanceof ConflictError)
    return { type: "/problems/duplicate-url", title: "Article exists", status: 409, detail: error.message, log: false };
  if (error instanceof DependencyUnavailableError) {
    const detail =
      error.reason === "timeout"
        ? `${error.dependency} did not answer in time; retry shortly`
        : `${error.dependency} is unavailable; retry shortly`;
    return { type: "/problems/dependency-unavailable", title: TITLES[503], status: 503, detail, log: true };
  }
  if (error instanceof NotConfiguredError)
    return { type: "/problems/not-configured", title: TITLES[503], status: 503, detail: error.message, log: false };
  if (error instanceof UpstreamError)
    return { type: "/problems/upstream", title: TITLES[error.status], status: error.status, detail: error.message, log: true };
  // Fastify's own client errors (bad JSON, body too large, wrong content type) carry safe messages.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      type: "about:blank",
      title: TITLES[error.statusCode] ?? "Bad Request",
      status: error.statusCode,
      detail: error.message,
      log: false,
    };
  }
  return { type: "about:blank", title: TITLES[500], status: 500, detail: "An unexpected error occurred; it has been logged.", log: true };
}

/** One error handler for the whole app: RFC 9457 problem+json, context logged, internals never sent. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { log, ...problem } = problemFor(error);
    if (log) request.log.error({ err: error, status: problem.status, route: request.routeOptions.url }, "request failed");
    if (problem.status === 503) reply.header("retry-after", "5");
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { status: 404, detail: `no route for ${request.method} ${request.url.split("?")[0]}` }),
  );
}
