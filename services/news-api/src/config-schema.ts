import { Static, TSchema, Type } from "@sinclair/typebox";

/**
 * The environment variables the service reads, as one TypeBox schema checked by env-schema at start
 * (config-validation.ts). Each property carries what its error message needs: integers their range,
 * enums their values; `allowed` says in words what a pattern accepts; `secret` keeps a value out of
 * messages, with the reason. Rules across variables stay in config.ts. The names the ECS task
 * definition sets are the infrastructure's contract (modules/service/container-contract.ts).
 */

/** A whole number from `minimum` to `maximum`. */
const WholeNumber = (minimum: number, maximum: number, defaultValue: number) => Type.Integer({ minimum, maximum, default: defaultValue });

/** One of `values` (a plain JSON Schema enum: one error per bad value, not one per member). */
const OneOf = <T extends string>(values: readonly T[], defaultValue: T) =>
  Type.Unsafe<T>({ type: "string", enum: values, default: defaultValue });

const OptionalText = (options: Record<string, unknown> = {}) => Type.Optional(Type.String(options));

/** A URL with one of `schemes`; never echoed: URLs may carry a password. */
const SecretUrl = (...schemes: string[]) => OptionalText({ urlSchemes: schemes, secret: "it may hold a password" });

export const NODE_ENVS = ["development", "production", "test"] as const;
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const DATABASE_SSL_MODES = ["disable", "require", "verify-full"] as const;

export const EnvironmentVariables = Type.Object(
  {
    NODE_ENV: OneOf(NODE_ENVS, "development"),
    HOST: Type.String({ default: "0.0.0.0" }),
    PORT: WholeNumber(0, 65535, 8080),
    LOG_LEVEL: OneOf(LOG_LEVELS, "info"),
    DATABASE_URL: SecretUrl("postgres:", "postgresql:"),
    DATABASE_HOST: OptionalText(),
    DATABASE_PORT: WholeNumber(1, 65535, 5432),
    DATABASE_NAME: OptionalText(),
    DATABASE_USER: OptionalText(),
    DATABASE_PASSWORD: OptionalText(),
    DATABASE_SSL: OneOf(DATABASE_SSL_MODES, "disable"),
    DATABASE_SSL_CA_FILE: OptionalText(),
    DATABASE_IAM_USER: OptionalText({
      pattern: "^[a-z_][a-z0-9_]{0,62}$",
      allowed: "a PostgreSQL role name: lower-case letters, digits and _, at most 63",
    }),
    AWS_REGION: OptionalText({ pattern: "^[a-z]{2}(-[a-z]+)+-\\d+$", allowed: 'an AWS region such as "us-east-1"' }),
    DATABASE_POOL_MAX: WholeNumber(1, 200, 10),
    DATABASE_STATEMENT_TIMEOUT_MS: WholeNumber(100, 600_000, 5000),
    DATABASE_CONNECT_TIMEOUT_MS: WholeNumber(100, 60_000, 2000),
    REDIS_URL: SecretUrl("redis:", "rediss:"),
    REDIS_HOST: OptionalText(),
    REDIS_PORT: WholeNumber(1, 65535, 6379),
    REDIS_TLS: Type.Boolean({ default: false }),
    REDIS_AUTH_TOKEN: OptionalText(),
    REDIS_COMMAND_TIMEOUT_MS: WholeNumber(10, 10_000, 250),
    CACHE_TTL_SECONDS: WholeNumber(1, 86_400, 60),
    LOCAL_CACHE_TTL_MS: WholeNumber(0, 60_000, 1000),
    LOCAL_CACHE_MAX_ENTRIES: WholeNumber(0, 1_000_000, 20_000),
    API_KEY: OptionalText({ minLength: 16, secret: "it is a secret" }),
    NEWS_UPSTREAM_URL: SecretUrl("http:", "https:"),
    NEWS_UPSTREAM_API_KEY: OptionalText(),
    NEWS_UPSTREAM_TIMEOUT_MS: WholeNumber(100, 60_000, 5000),
    SHUTDOWN_TIMEOUT_MS: WholeNumber(0, 300_000, 10_000),
    SHUTDOWN_DRAIN_MS: WholeNumber(0, 300_000, 0),
    BODY_LIMIT_BYTES: WholeNumber(1024, 10 * 1024 * 1024, 256 * 1024),
    MIGRATE_ON_START: Type.Boolean({ default: true }),
  },
  // env-schema sets this anyway (unknown variables are dropped); said here so it does not change our object.
  { additionalProperties: false },
);

/** The variables after validation: defaults filled in, numbers and booleans typed. */
export type EnvironmentValues = Static<typeof EnvironmentVariables>;

export type VariableName = keyof EnvironmentValues;

/** Every variable the service reads; a test checks the task definition sets only these. */
export const KNOWN_VARIABLES = Object.keys(EnvironmentVariables.properties) as VariableName[];

/** The schema of one variable, with the annotations the messages use. */
export type VariableSchema = TSchema & {
  readonly allowed?: string;
  readonly secret?: string;
  readonly urlSchemes?: readonly string[];
};

export const variableSchema = (name: VariableName): VariableSchema => EnvironmentVariables.properties[name];
