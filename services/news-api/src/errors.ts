/** Errors the routes turn into RFC 9457 problem responses (see plugins/problem-handler.ts). */

/** A dependency (the database) cannot serve the request now; the client may retry. */
export class DependencyUnavailableError extends Error {
  /** `timeout`: it answered too slowly (a held lock, an overload) rather than not at all. */
  constructor(
    readonly dependency: string,
    cause?: unknown,
    readonly reason: "unreachable" | "timeout" = "unreachable",
  ) {
    super(reason === "timeout" ? `${dependency} timed out` : `${dependency} unavailable`, { cause });
    this.name = "DependencyUnavailableError";
  }
}

/** The request conflicts with stored state (a duplicate URL). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Upstream news source failed or timed out during ingest. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status: 502 | 504,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

/** A feature is switched off by configuration (no API key, no upstream). */
export class NotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotConfiguredError";
  }
}
