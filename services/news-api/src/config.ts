/**
 * Service configuration from environment variables, validated once at start. Every problem is
 * reported at once, naming the variable, its value and what is allowed. The names the ECS task
 * definition sets are the infrastructure's contract (modules/service/container-contract.ts).
 */

export type DatabaseSsl = "disable" | "require" | "verify-full";

export interface DatabaseConfig {
  /** `postgres://` URL, or undefined when built from DATABASE_HOST and friends. */
  readonly url?: string;
  readonly host?: string;
  readonly port: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly ssl: DatabaseSsl;
  /** CA bundle to verify the server with (RDS's global bundle in the image). */
  readonly sslCaFile?: string;
  /**
   * IAM database authentication for the app's pool: it connects as `iam.user` with tokens signed by
   * the task role; DATABASE_USER / DATABASE_PASSWORD (the master secret) then serve migrations only.
   */
  readonly iam?: DatabaseIamAuth;
  readonly poolMax: number;
  readonly statementTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface DatabaseIamAuth {
  /** The database role the app connects as (granted rds_iam by the migrations). */
  readonly user: string;
  /** Region the tokens are signed for: the instance's. */
  readonly region: string;
}

export interface RedisConfig {
  readonly url?: string;
  readonly host?: string;
  readonly port: number;
  readonly tls: boolean;
  readonly authToken?: string;
  /** Redis commands slower than this fail and the request goes to the database. */
  readonly commandTimeoutMs: number;
}

export interface UpstreamConfig {
  /** NewsAPI-compatible endpoint, e.g. https://newsapi.org/v2/top-headlines. */
  readonly url: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
}

export interface Config {
  readonly nodeEnv: "development" | "production" | "test";
  readonly host: string;
  readonly port: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Absent: embedded PGlite, seeded with sample articles. */
  readonly database?: DatabaseConfig;
  /** Absent: in-memory cache only. */
  readonly redis?: RedisConfig;
  readonly cacheTtlSeconds: number;
  /** In-process cache in front of Redis: entry lifetime and size (0 entries turns it off). */
  readonly localCacheTtlMs: number;
  readonly localCacheMaxEntries: number;
  /** Key for the write routes (x-api-key); absent: write routes answer 503. */
  readonly apiKey?: string;
  readonly upstream?: UpstreamConfig;
  /** Longest a graceful shutdown takes, from SIGTERM to exit (drain window included). */
  readonly shutdownTimeoutMs: number;
  /**
   * After SIGTERM: how long the service keeps serving (readiness failing, every response closing its
   * connection) before it stops accepting: the ALB's deregistration delay. 0: stop accepting at once.
   */
  readonly shutdownDrainMs: number;
  readonly bodyLimitBytes: number;
  readonly migrateOnStart: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Every variable the service reads; a test checks the task definition sets only these. */
export const KNOWN_VARIABLES = [
  "NODE_ENV",
  "HOST",
  "PORT",
  "LOG_LEVEL",
  "DATABASE_URL",
  "DATABASE_HOST",
  "DATABASE_PORT",
  "DATABASE_NAME",
  "DATABASE_USER",
  "DATABASE_PASSWORD",
  "DATABASE_SSL",
  "DATABASE_SSL_CA_FILE",
  "DATABASE_IAM_USER",
  "AWS_REGION",
  "DATABASE_POOL_MAX",
  "DATABASE_STATEMENT_TIMEOUT_MS",
  "DATABASE_CONNECT_TIMEOUT_MS",
  "REDIS_URL",
  "REDIS_HOST",
  "REDIS_PORT",
  "REDIS_TLS",
  "REDIS_AUTH_TOKEN",
  "REDIS_COMMAND_TIMEOUT_MS",
  "CACHE_TTL_SECONDS",
  "LOCAL_CACHE_TTL_MS",
  "LOCAL_CACHE_MAX_ENTRIES",
  "API_KEY",
  "NEWS_UPSTREAM_URL",
  "NEWS_UPSTREAM_API_KEY",
  "NEWS_UPSTREAM_TIMEOUT_MS",
  "SHUTDOWN_TIMEOUT_MS",
  "SHUTDOWN_DRAIN_MS",
  "BODY_LIMIT_BYTES",
  "MIGRATE_ON_START",
] as const;

type Env = Readonly<Record<string, string | undefined>>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  }

  string(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name}=${JSON.stringify(value)}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}=${JSON.stringify(value)}: must be one of ${allowed.join(", ")}`);
      return fallback;
    }
    return value as T;
  }

  bool(name: string, fallback: boolean): boolean {
    return this.oneOf(name, fallback ? "true" : "false", ["true", "false"]) === "true";
  }

  matching(name: string, pattern: RegExp, allowed: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !pattern.test(value)) {
      this.problems.push(`${name}=${JSON.stringify(value)}: must be ${allowed}`);
      return undefined;
    }
    return value;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      if (protocols.includes(new URL(value).protocol)) return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name}: must be a URL with scheme ${protocols.join(" or ")} (value not shown: it may hold a password)`);
    return undefined;
  }
}

/** DATABASE_IAM_USER turns IAM authentication on; tokens are signed for a host, a port and a region. */
function databaseIamAuth(read: Reader, host: string | undefined): DatabaseIamAuth | undefined {
  if (!read.string("DATABASE_IAM_USER")) return undefined;
  const user = read.matching(
    "DATABASE_IAM_USER",
    /^[a-z_][a-z0-9_]{0,62}$/,
    "a PostgreSQL role name: lower-case letters, digits and _, at most 63",
  );
  const region = read.matching("AWS_REGION", /^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as "us-east-1"');
  if (!read.string("AWS_REGION"))
    read.problems.push("AWS_REGION: required when DATABASE_IAM_USER is set (the region IAM tokens are signed for)");
  if (!host)
    read.problems.push("DATABASE_HOST: required when DATABASE_IAM_USER is set (tokens are signed for a host name, not a DATABASE_URL)");
  return user && region ? { user, region } : undefined;
}

export function loadConfig(env: Env = process.env): Config {
  const read = new Reader(env);
  const nodeEnv = read.oneOf("NODE_ENV", "development", ["development", "production", "test"]);

  const databaseUrl = read.url("DATABASE_URL", ["postgres:", "postgresql:"]);
  const databaseHost = read.string("DATABASE_HOST");
  let database: DatabaseConfig | undefined;
  if (databaseUrl || databaseHost) {
    database = {
      url: databaseUrl,
      host: databaseHost,
      port: read.int("DATABASE_PORT", 5432, 1, 65535),
      database: read.string("DATABASE_NAME"),
      user: read.string("DATABASE_USER"),
      password: read.string("DATABASE_PASSWORD"),
      ssl: read.oneOf<DatabaseSsl>("DATABASE_SSL", "disable", ["disable", "require", "verify-full"]),
      sslCaFile: read.string("DATABASE_SSL_CA_FILE"),
      iam: databaseIamAuth(read, databaseHost),
      poolMax: read.int("DATABASE_POOL_MAX", 10, 1, 200),
      statementTimeoutMs: read.int("DATABASE_STATEMENT_TIMEOUT_MS", 5000, 100, 600_000),
      connectTimeoutMs: read.int("DATABASE_CONNECT_TIMEOUT_MS", 2000, 100, 60_000),
    };
    if (!databaseUrl) {
      for (const name of ["DATABASE_NAME", "DATABASE_USER"]) {
        if (!read.string(name)) read.problems.push(`${name}: required when DATABASE_HOST is set`);
      }
    }
    if (read.string("DATABASE_IAM_USER") && database.ssl === "disable") {
      read.problems.push(
        'DATABASE_SSL="disable": must be require or verify-full when DATABASE_IAM_USER is set (RDS accepts IAM tokens over TLS only)',
      );
    }
    if (database.ssl === "verify-full" && !database.sslCaFile) {
      read.problems.push("DATABASE_SSL_CA_FILE: required when DATABASE_SSL=verify-full (the CA bundle that signed the server certificate)");
    }
  } else if (nodeEnv === "production") {
    read.problems.push("DATABASE_URL or DATABASE_HOST: required when NODE_ENV=production (the embedded database is for development)");
  }

  const redisUrl = read.url("REDIS_URL", ["redis:", "rediss:"]);
  const redisHost = read.string("REDIS_HOST");
  const redis: RedisConfig | undefined =
    redisUrl || redisHost
      ? {
          url: redisUrl,
          host: redisHost,
          port: read.int("REDIS_PORT", 6379, 1, 65535),
          tls: read.bool("REDIS_TLS", false),
          authToken: read.string("REDIS_AUTH_TOKEN"),
          commandTimeoutMs: read.int("REDIS_COMMAND_TIMEOUT_MS", 250, 10, 10_000),
        }
      : undefined;

  const upstreamUrl = read.url("NEWS_UPSTREAM_URL", ["http:", "https:"]);
  const config: Config = {
    nodeEnv,
    host: read.string("HOST") ?? "0.0.0.0",
    port: read.int("PORT", 8080, 0, 65535),
    logLevel: read.oneOf("LOG_LEVEL", "info", ["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    database,
    redis,
    cacheTtlSeconds: read.int("CACHE_TTL_SECONDS", 60, 1, 86_400),
    localCacheTtlMs: read.int("LOCAL_CACHE_TTL_MS", 1000, 0, 60_000),
    localCacheMaxEntries: read.int("LOCAL_CACHE_MAX_ENTRIES", 20_000, 0, 1_000_000),
    apiKey: read.string("API_KEY"),
    upstream: upstreamUrl
      ? {
          url: upstreamUrl,
          apiKey: read.string("NEWS_UPSTREAM_API_KEY"),
          timeoutMs: read.int("NEWS_UPSTREAM_TIMEOUT_MS", 5000, 100, 60_000),
        }
      : undefined,
    shutdownTimeoutMs: read.int("SHUTDOWN_TIMEOUT_MS", 10_000, 0, 300_000),
    shutdownDrainMs: read.int("SHUTDOWN_DRAIN_MS", 0, 0, 300_000),
    bodyLimitBytes: read.int("BODY_LIMIT_BYTES", 256 * 1024, 1024, 10 * 1024 * 1024),
    migrateOnStart: read.bool("MIGRATE_ON_START", true),
  };
  if (config.shutdownDrainMs > 0 && config.shutdownDrainMs >= config.shutdownTimeoutMs) {
    read.problems.push(
      `SHUTDOWN_DRAIN_MS=${config.shutdownDrainMs}: must be less than SHUTDOWN_TIMEOUT_MS ` +
        `(${config.shutdownTimeoutMs}), which bounds the whole shutdown`,
    );
  }
  if (config.apiKey !== undefined && config.apiKey.length < 16) read.problems.push("API_KEY: must be at least 16 characters");
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
