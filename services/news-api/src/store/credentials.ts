/**
 * Where a PostgreSQL pool gets the user and password of each new connection. The pool asks again for
 * every connection it opens, so a source whose answer changes (an IAM token signed for the moment, a
 * rotated password) is picked up without a restart.
 */
export interface DatabaseCredentials {
  readonly user: string;
  /** The password for a connection about to authenticate (for IAM authentication, a token). */
  password(): Promise<string>;
  /** The server refused a connection's credentials: forget anything cached so the next one is fresh. */
  refused?(): void;
}

/** SQLSTATE class 28, invalid authorization: wrong password, expired token, role not allowed to log in. */
export function isAuthenticationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && code.startsWith("28");
}
