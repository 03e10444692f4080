import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PROBLEM_CONTENT_TYPE, ProblemError } from "../problem";

/** Sends `problem` as problem+json for `request`; a 503 tells the client when to retry. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError) {
  if (problem.status === 503) reply.header("retry-after", "5");
  const body = problem.body(request.url.split("?")[0]);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** The schema's validation errors as one 400 problem naming each field. */
function validationProblem(error: FastifyError & { validationContext?: string }): ProblemError {
  const where = error.validationContext ?? "request";
  const count = error.validation!.length;
  return ProblemError.invalid(
    `${count} problem${count === 1 ? "" : "s"} in the ${where}`,
    error.validation!.map((v) => {
      const params = v.params as { missingProperty?: string; additionalProperty?: string } | undefined;
      return {
        in: where,
        path: v.instancePath || params?.missingProperty || params?.additionalProperty || "",
        message: v.message ?? "is invalid",
      };
    }),
  );
}

/** Any thrown error as a problem; anything unexpected is a 500 that reveals nothing. */
function problemFor(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error.validation) return validationProblem(error);
  // Fastify's own client errors (bad JSON, body too large, wrong content type) carry safe messages.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new ProblemError(error.statusCode, error.message);
  return ProblemError.internal(error);
}

/**
 * One error handler for the whole app: RFC 9457 problem+json, context logged, internals never sent.
 * Unknown routes answer the same way: a 404 problem like any other.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFor(error);
    if (problem.log) request.log.error({ err: error, status: problem.status, route: request.routeOptions.url }, "request failed");
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, ProblemError.notFound(`no route for ${request.method} ${request.url.split("?")[0]}`)),
  );
}
