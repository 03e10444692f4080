import { DATABASE_SSL_MODES, EnvironmentValues, LOG_LEVELS, NODE_ENVS } from "./config-schema";
import { Env, validateEnvironment, ValidatedEnvironment } from "./config-validation";

/**
 * Service configuration: the shape the rest of the service uses, built from the environment
 * variables config-schema.ts declares, plus the rules that span several variables.
 */

export type DatabaseSsl = (typeof DATABASE_SSL_MODES)[number];

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
  readonly nodeEnv: (typeof NODE_ENVS)[number];
  readonly host: string;
  readonly port: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
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

export { KNOWN_VARIABLES } from "./config-schema";

/** Rules across variables, checked after the schema (an invalid variable counts at its default). */
function crossVariableProblems({ values: v, given }: ValidatedEnvironment): string[] {
  const problems: string[] = [];
  const iamRequested = given.has("DATABASE_IAM_USER");
  if (v.DATABASE_URL || v.DATABASE_HOST) {
    if (!v.DATABASE_URL) {
      for (const name of ["DATABASE_NAME", "DATABASE_USER"] as const) {
        if (!v[name]) problems.push(`${name}: required when DATABASE_HOST is set`);
      }
    }
    // IAM tokens are signed for a host, a port and a region.
    if (iamRequested && !given.has("AWS_REGION"))
      problems.push("AWS_REGION: required when DATABASE_IAM_USER is set (the region IAM tokens are signed for)");
    if (iamRequested && !v.DATABASE_HOST)
      problems.push("DATABASE_HOST: required when DATABASE_IAM_USER is set (tokens are signed for a host name, not a DATABASE_URL)");
    if (iamRequested && v.DATABASE_SSL === "disable") {
      problems.push(
        'DATABASE_SSL="disable": must be require or verify-full when DATABASE_IAM_USER is set (RDS accepts IAM tokens over TLS only)',
      );
    }
    if (v.DATABASE_SSL === "verify-full" && !v.DATABASE_SSL_CA_FILE) {
      problems.push("DATABASE_SSL_CA_FILE: required when DATABASE_SSL=verify-full (the CA bundle that signed the server certificate)");
    }
  } else if (v.NODE_ENV === "production") {
    problems.push("DATABASE_URL or DATABASE_HOST: required when NODE_ENV=production (the embedded database is for development)");
  }
  if (v.SHUTDOWN_DRAIN_MS > 0 && v.SHUTDOWN_DRAIN_MS >= v.SHUTDOWN_TIMEOUT_MS) {
    problems.push(
      `SHUTDOWN_DRAIN_MS=${v.SHUTDOWN_DRAIN_MS}: must be less than SHUTDOWN_TIMEOUT_MS (${v.SHUTDOWN_TIMEOUT_MS}), ` +
        "which bounds the whole shutdown",
    );
  }
  return problems;
}

function databaseConfig(v: EnvironmentValues): DatabaseConfig | undefined {
  if (!v.DATABASE_URL && !v.DATABASE_HOST) return undefined;
  return {
    url: v.DATABASE_URL,
    host: v.DATABASE_HOST,
    port: v.DATABASE_PORT,
    database: v.DATABASE_NAME,
    user: v.DATABASE_USER,
    password: v.DATABASE_PASSWORD,
    ssl: v.DATABASE_SSL,
    sslCaFile: v.DATABASE_SSL_CA_FILE,
    iam: v.DATABASE_IAM_USER && v.AWS_REGION ? { user: v.DATABASE_IAM_USER, region: v.AWS_REGION } : undefined,
    poolMax: v.DATABASE_POOL_MAX,
    statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: v.DATABASE_CONNECT_TIMEOUT_MS,
  };
}

function redisConfig(v: EnvironmentValues): RedisConfig | undefined {
  if (!v.REDIS_URL && !v.REDIS_HOST) return undefined;
  return {
    url: v.REDIS_URL,
    host: v.REDIS_HOST,
    port: v.REDIS_PORT,
    tls: v.REDIS_TLS,
    authToken: v.REDIS_AUTH_TOKEN,
    commandTimeoutMs: v.REDIS_COMMAND_TIMEOUT_MS,
  };
}

const upstreamConfig = (v: EnvironmentValues): UpstreamConfig | undefined =>
  v.NEWS_UPSTREAM_URL ? { url: v.NEWS_UPSTREAM_URL, apiKey: v.NEWS_UPSTREAM_API_KEY, timeoutMs: v.NEWS_UPSTREAM_TIMEOUT_MS } : undefined;

/**
 * The configuration from environment variables (config-schema.ts), validated once at start. Every
 * problem is reported at once, naming the variable, its value and what is allowed.
 */
export function loadConfig(env: Env = process.env): Config {
  const environment = validateEnvironment(env);
  const problems = [...environment.problems, ...crossVariableProblems(environment)];
  if (problems.length > 0) throw new ConfigError(problems);
  const v = environment.values;
  return {
    nodeEnv: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
    database: databaseConfig(v),
    redis: redisConfig(v),
    cacheTtlSeconds: v.CACHE_TTL_SECONDS,
    localCacheTtlMs: v.LOCAL_CACHE_TTL_MS,
    localCacheMaxEntries: v.LOCAL_CACHE_MAX_ENTRIES,
    apiKey: v.API_KEY,
    upstream: upstreamConfig(v),
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: v.SHUTDOWN_DRAIN_MS,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    migrateOnStart: v.MIGRATE_ON_START,
  };
}
