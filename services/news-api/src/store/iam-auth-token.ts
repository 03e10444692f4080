import { Signer, SignerConfig } from "@aws-sdk/rds-signer";
import type { DatabaseCredentials } from "./credentials";

/** RDS accepts a token for 15 minutes; one is reused for at most this long, then a new one is signed. */
export const DEFAULT_TOKEN_MAX_AGE_MS = 5 * 60_000;
const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface IamAuthTokenOptions {
  /** The instance's host name, as the client connects to it (the token is bound to host and port). */
  readonly host: string;
  readonly port: number;
  /** The database role, granted `rds_iam`, that the task role may `rds-db:connect` as. */
  readonly user: string;
  readonly region: string;
  /** @default - the SDK's default chain: in ECS, the task role's credentials */
  readonly credentials?: SignerConfig["credentials"];
  /** @default DEFAULT_TOKEN_MAX_AGE_MS (5 minutes) */
  readonly maxAgeMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * IAM database authentication: each new connection's password is a token signed locally with the
 * task role's credentials (`@aws-sdk/rds-signer`, no network call). Nothing to rotate: tokens are
 * short-lived by design, and one is cached for a few minutes only to spare the signing per connection.
 */
export class IamAuthTokenCredentials implements DatabaseCredentials {
  readonly user: string;
  private readonly signer: Signer;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private cached?: { token: Promise<string>; signedAt: number };

  constructor(options: IamAuthTokenOptions) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_TOKEN_MAX_AGE_MS;
    if (!(this.maxAgeMs >= 0 && this.maxAgeMs < TOKEN_LIFETIME_MS)) {
      throw new RangeError(`maxAgeMs must be from 0 to below the token lifetime (${TOKEN_LIFETIME_MS} ms), got ${this.maxAgeMs}`);
    }
    this.user = options.user;
    this.now = options.now ?? Date.now;
    this.signer = new Signer({
      hostname: options.host,
      port: options.port,
      username: options.user,
      region: options.region,
      credentials: options.credentials,
    });
  }

  password(): Promise<string> {
    const now = this.now();
    if (!this.cached || now - this.cached.signedAt >= this.maxAgeMs) {
      const token = this.signer.getAuthToken();
      const entry = { token, signedAt: now };
      this.cached = entry;
      // A failed signing (no credentials yet) is not cached: the next connection tries again.
      token.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.token;
  }

  refused(): void {
    this.cached = undefined;
  }
}
