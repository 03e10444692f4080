import { isDeepStrictEqual } from "node:util";
import { ConfigError, KNOWN_VARIABLES, loadConfig } from "../src/config";

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("configuration from environment variables", () => {
  test("nothing set: the embedded default on port 8080 with a 60 s cache", () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      database: undefined,
      redis: undefined,
      cacheTtlSeconds: 60,
      migrateOnStart: true,
    });
  });

  test("the variables the ECS task sets build TLS PostgreSQL and Redis settings", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "8080",
      DATABASE_HOST: "db.internal",
      DATABASE_PORT: "5432",
      DATABASE_NAME: "news",
      DATABASE_USER: "news_admin",
      DATABASE_PASSWORD: "pw",
      DATABASE_SSL: "verify-full",
      DATABASE_SSL_CA_FILE: "/app/certs/rds-global-bundle.pem",
      REDIS_HOST: "cache.internal",
      REDIS_PORT: "6379",
      REDIS_TLS: "true",
      REDIS_AUTH_TOKEN: "token",
      CACHE_TTL_SECONDS: "30",
      API_KEY: "k".repeat(32),
    });
    expect(config.database).toMatchObject({
      host: "db.internal",
      port: 5432,
      database: "news",
      user: "news_admin",
      ssl: "verify-full",
      sslCaFile: "/app/certs/rds-global-bundle.pem",
    });
    expect(config.redis).toMatchObject({ host: "cache.internal", port: 6379, tls: true, authToken: "token" });
    expect(config.cacheTtlSeconds).toBe(30);
  });

  test("every problem is reported at once, naming the variable, the value and what is allowed", () => {
    expect(problemsOf({ PORT: "http", LOG_LEVEL: "loud", REDIS_HOST: "r", REDIS_TLS: "yes", CACHE_TTL_SECONDS: "0" })).toEqual([
      'PORT="http": must be a whole number from 0 to 65535',
      'LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent',
      'REDIS_TLS="yes": must be one of true, false',
      'CACHE_TTL_SECONDS="0": must be a whole number from 1 to 86400',
    ]);
  });

  test("the drain window must end before the shutdown bound", () => {
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: "30000", SHUTDOWN_TIMEOUT_MS: "35000" })).toMatchObject({
      shutdownDrainMs: 30_000,
      shutdownTimeoutMs: 35_000,
    });
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(problemsOf({ SHUTDOWN_DRAIN_MS: "30000", SHUTDOWN_TIMEOUT_MS: "30000" })).toEqual([
      "SHUTDOWN_DRAIN_MS=30000: must be less than SHUTDOWN_TIMEOUT_MS (30000), which bounds the whole shutdown",
    ]);
  });

  test("production refuses the embedded database", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^DATABASE_URL or DATABASE_HOST: required when NODE_ENV=production/),
    ]);
  });

  test("DATABASE_HOST needs a name and user; verify-full needs a CA file", () => {
    expect(problemsOf({ DATABASE_HOST: "db", DATABASE_SSL: "verify-full" })).toEqual([
      "DATABASE_NAME: required when DATABASE_HOST is set",
      "DATABASE_USER: required when DATABASE_HOST is set",
      expect.stringMatching(/^DATABASE_SSL_CA_FILE: required when DATABASE_SSL=verify-full/),
    ]);
  });

  test("DATABASE_IAM_USER: the app pool uses IAM tokens for that role in AWS_REGION; the master credentials stay for migrations", () => {
    const config = loadConfig({
      DATABASE_HOST: "db.internal",
      DATABASE_NAME: "news",
      DATABASE_USER: "news_admin",
      DATABASE_PASSWORD: "pw",
      DATABASE_SSL: "require",
      DATABASE_IAM_USER: "news_api",
      AWS_REGION: "eu-west-1",
    });
    expect(config.database).toMatchObject({ user: "news_admin", password: "pw", iam: { user: "news_api", region: "eu-west-1" } });
    expect(
      loadConfig({ DATABASE_HOST: "db", DATABASE_NAME: "n", DATABASE_USER: "u", AWS_REGION: "eu-west-1" }).database?.iam,
    ).toBeUndefined();
  });

  test("IAM authentication needs a role name, a region, a host to sign for and TLS", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://u@db/news", DATABASE_IAM_USER: "News-API" })).toEqual([
      'DATABASE_IAM_USER="News-API": must be a PostgreSQL role name: lower-case letters, digits and _, at most 63',
      expect.stringMatching(/^AWS_REGION: required when DATABASE_IAM_USER is set/),
      expect.stringMatching(/^DATABASE_HOST: required when DATABASE_IAM_USER is set/),
      expect.stringMatching(/^DATABASE_SSL="disable": must be require or verify-full when DATABASE_IAM_USER is set/),
    ]);
    expect(problemsOf({ DATABASE_URL: "postgres://u@db/news", DATABASE_IAM_USER: "news_api", AWS_REGION: "Ireland" })).toEqual([
      'AWS_REGION="Ireland": must be an AWS region such as "us-east-1"',
      expect.stringMatching(/^DATABASE_HOST: required when DATABASE_IAM_USER is set/),
      expect.stringMatching(/^DATABASE_SSL="disable": must be require or verify-full when DATABASE_IAM_USER is set/),
    ]);
    expect(
      problemsOf({ DATABASE_HOST: "db", DATABASE_NAME: "n", DATABASE_USER: "u", DATABASE_SSL: "require", DATABASE_IAM_USER: "news_api" }),
    ).toEqual([expect.stringMatching(/^AWS_REGION: required when DATABASE_IAM_USER is set/)]);
  });

  test("a malformed URL is named without echoing it (it may carry a password)", () => {
    const [problem] = problemsOf({ DATABASE_URL: "mysql://user:s3cret@host/db" });
    expect(problem).toMatch(/^DATABASE_URL: must be a URL with scheme postgres: or postgresql:/);
    expect(problem).not.toContain("s3cret");
  });

  test("a short API key is refused", () => {
    const problems = problemsOf({ API_KEY: "short" });
    expect(problems).toEqual(["API_KEY: must be at least 16 characters (value not shown: it is a secret)"]);
  });

  test("whole numbers are decimal digits only: no hex, exponent, fraction or empty value", () => {
    for (const value of ["0x1F90", "8e3", "8080.0", "8080.5", "-"]) {
      expect(problemsOf({ PORT: value })).toEqual([`PORT=${JSON.stringify(value)}: must be a whole number from 0 to 65535`]);
    }
    expect(problemsOf({ MIGRATE_ON_START: "1" })).toEqual(['MIGRATE_ON_START="1": must be one of true, false']);
  });

  test("values are trimmed, and a blank value counts as unset", () => {
    expect(loadConfig({ PORT: " 9090 ", REDIS_TLS: " true", REDIS_HOST: "r ", CACHE_TTL_SECONDS: "  " })).toMatchObject({
      port: 9090,
      redis: { host: "r", tls: true },
      cacheTtlSeconds: 60,
    });
  });

  test("a variable is checked even when the feature it tunes is off (a typo shows before the feature is switched on)", () => {
    expect(problemsOf({ DATABASE_PORT: "five", REDIS_COMMAND_TIMEOUT_MS: "5", AWS_REGION: "Ireland" })).toEqual([
      'DATABASE_PORT="five": must be a whole number from 1 to 65535',
      'AWS_REGION="Ireland": must be an AWS region such as "us-east-1"',
      'REDIS_COMMAND_TIMEOUT_MS="5": must be a whole number from 10 to 10000',
    ]);
  });

  test("every URL variable names its schemes and never echoes the value", () => {
    expect(problemsOf({ REDIS_URL: "http://:pw@cache", NEWS_UPSTREAM_URL: "not a url" })).toEqual([
      "REDIS_URL: must be a URL with scheme redis: or rediss: (value not shown: it may hold a password)",
      "NEWS_UPSTREAM_URL: must be a URL with scheme http: or https: (value not shown: it may hold a password)",
    ]);
  });

  test("variables the service does not know are ignored", () => {
    expect(loadConfig({ PATH: "/usr/bin", DATABASE_PORTS: "x" })).toEqual(loadConfig({}));
  });

  test("every known variable reaches the configuration", () => {
    const base = {
      DATABASE_HOST: "h",
      DATABASE_NAME: "n",
      DATABASE_USER: "u",
      DATABASE_SSL: "require",
      DATABASE_SSL_CA_FILE: "/ca.pem",
      DATABASE_IAM_USER: "news_api",
      AWS_REGION: "us-east-1",
      REDIS_HOST: "r",
      NEWS_UPSTREAM_URL: "https://u.example",
    };
    // A valid value other than what `base` gives (or the default) for each variable.
    const other: Record<string, string> = {
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "9090",
      LOG_LEVEL: "debug",
      DATABASE_URL: "postgres://u@db/news",
      DATABASE_HOST: "h2",
      DATABASE_PORT: "6432",
      DATABASE_NAME: "n2",
      DATABASE_USER: "u2",
      DATABASE_PASSWORD: "pw",
      DATABASE_SSL: "verify-full",
      DATABASE_SSL_CA_FILE: "/ca2.pem",
      DATABASE_IAM_USER: "news_reader",
      AWS_REGION: "eu-west-1",
      DATABASE_POOL_MAX: "20",
      DATABASE_STATEMENT_TIMEOUT_MS: "6000",
      DATABASE_CONNECT_TIMEOUT_MS: "3000",
      REDIS_URL: "redis://cache:6379",
      REDIS_HOST: "r2",
      REDIS_PORT: "6380",
      REDIS_TLS: "true",
      REDIS_AUTH_TOKEN: "token",
      REDIS_COMMAND_TIMEOUT_MS: "300",
      CACHE_TTL_SECONDS: "30",
      LOCAL_CACHE_TTL_MS: "2000",
      LOCAL_CACHE_MAX_ENTRIES: "10",
      API_KEY: "k".repeat(16),
      NEWS_UPSTREAM_URL: "https://v.example",
      NEWS_UPSTREAM_API_KEY: "upstream-key",
      NEWS_UPSTREAM_TIMEOUT_MS: "7000",
      SHUTDOWN_TIMEOUT_MS: "20000",
      SHUTDOWN_DRAIN_MS: "1000",
      BODY_LIMIT_BYTES: "2048",
      MIGRATE_ON_START: "false",
    };
    expect(Object.keys(other).sort()).toEqual([...KNOWN_VARIABLES].sort());
    const baseline = loadConfig(base);
    const ignored = KNOWN_VARIABLES.filter((name) => isDeepStrictEqual(loadConfig({ ...base, [name]: other[name] }), baseline));
    expect(ignored).toEqual([]);
  });

  test("KNOWN_VARIABLES lists every variable the loader reads", () => {
    const read = new Set<string>();
    const spy = new Proxy({} as Record<string, string>, { get: (_t, name: string) => (read.add(name), undefined) });
    loadConfig(spy);
    const full = {
      DATABASE_HOST: "h",
      DATABASE_NAME: "n",
      DATABASE_USER: "u",
      DATABASE_SSL: "require",
      DATABASE_IAM_USER: "news_api",
      AWS_REGION: "us-east-1",
      REDIS_HOST: "r",
      NEWS_UPSTREAM_URL: "https://u.example",
    };
    loadConfig(
      new Proxy(full as Record<string, string>, {
        get: (t, name: string) => (read.add(name), t[name]),
      }),
    );
    expect([...read].sort()).toEqual([...KNOWN_VARIABLES].sort());
  });
});
