import { STATUS_CODES } from "node:http";

/** One field that did not validate: where, which (JSON pointer or name), and what is wrong. */
export interface FieldProblem {
  readonly in: string;
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem details body: the one shape of every error response (schemas.ts `Problem`). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

/** RFC 9110's reason phrase, except 413's newer name. */
const titleOf = (status: number) => (status === 413 ? "Content Too Large" : (STATUS_CODES[status] ?? "Error"));

export interface ProblemOptions {
  /** A problem type URI such as `/problems/validation`. @default "about:blank" */
  readonly type?: string;
  /** @default the status's reason phrase */
  readonly title?: string;
  readonly errors?: FieldProblem[];
  readonly cause?: unknown;
  /** A failure of ours or of a dependency, worth an error log line (client mistakes are not). @default false */
  readonly log?: boolean;
}

/**
 * The one error the service throws for anything a client gets told: routes, hooks and the store throw
 * it (through the named constructors below), the error handler turns any other error into one, and
 * the not-found, router and parser handlers send one. Its detail is always safe to show a client.
 */
const DEPENDENCY_UNAVAILABLE_TYPE = "/problems/dependency-unavailable";

export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  readonly errors?: FieldProblem[];
  readonly log: boolean;

  constructor(
    readonly status: number,
    readonly detail: string,
    { type = "about:blank", title = titleOf(status), errors, cause, log = false }: ProblemOptions = {},
  ) {
    super(detail, { cause });
    this.name = "ProblemError";
    this.type = type;
    this.title = title;
    this.errors = errors;
    this.log = log;
  }

  /** The response body; `instance` is the request path when there is a request. */
  body(instance?: string): ProblemDetails {
    const { type, title, status, detail, errors } = this;
    return { type, title, status, detail, ...(instance === undefined ? {} : { instance }), ...(errors ? { errors } : {}) };
  }

  /** Request fields that did not validate (the schema's, or a rule a route checks itself). */
  static invalid(detail: string, errors: FieldProblem[]): ProblemError {
    return new ProblemError(400, detail, { type: "/problems/validation", title: "Request did not validate", errors });
  }

  static unauthorized(): ProblemError {
    return new ProblemError(401, "missing or invalid API key (x-api-key header)");
  }

  static notFound(detail: string): ProblemError {
    return new ProblemError(404, detail);
  }

  /** The request conflicts with stored state (a duplicate URL). */
  static conflict(detail: string): ProblemError {
    return new ProblemError(409, detail, { type: "/problems/duplicate-url", title: "Article exists" });
  }

  /** A dependency cannot serve the request now (down, or `timeout`: too slow); the client may retry. */
  static dependencyUnavailable(dependency: string, cause: unknown, reason: "unreachable" | "timeout" = "unreachable"): ProblemError {
    const detail =
      reason === "timeout" ? `${dependency} did not answer in time; retry shortly` : `${dependency} is unavailable; retry shortly`;
    return new ProblemError(503, detail, { type: DEPENDENCY_UNAVAILABLE_TYPE, cause, log: true });
  }

  /** True for a dependencyUnavailable() problem: the database or cache, not the request, was at fault. */
  static isDependencyUnavailable(error: unknown): boolean {
    return error instanceof ProblemError && error.type === DEPENDENCY_UNAVAILABLE_TYPE;
  }

  /** A feature is switched off by configuration (no API key, no upstream). */
  static notConfigured(detail: string): ProblemError {
    return new ProblemError(503, detail, { type: "/problems/not-configured" });
  }

  /** The upstream news source failed (502) or timed out (504) during ingest. */
  static upstream(detail: string, status: 502 | 504): ProblemError {
    return new ProblemError(status, detail, { type: "/problems/upstream", log: true });
  }

  /** Anything unexpected: logged with its cause, told to the client as nothing more than a 500. */
  static internal(cause: unknown): ProblemError {
    return new ProblemError(500, "An unexpected error occurred; it has been logged.", { cause, log: true });
  }
}
