/**
 * What the news-api container expects from its task definition: the port variable, the plain
 * environment and the secrets it reads, and its health path. The service's own config schema
 * (services/news-api/src/config.ts) reads the same names; a test keeps the two in step.
 */
/** Ports the container may listen on: its user (uid 1000, not root) cannot bind below 1024. */
export const CONTAINER_PORT_RANGE = { min: 1024, max: 65535 } as const;

export const NEWS_API_CONTAINER = {
  name: "news-api",
  healthPath: "/health",
  /** Non-root uid:gid of the image's runtime user. */
  user: "1000:1000",
  /** The only writable path when the root filesystem is read-only. */
  scratchPath: "/tmp",
  environment: [
    "NODE_ENV",
    "PORT",
    "LOG_LEVEL",
    "DATABASE_HOST",
    "DATABASE_PORT",
    "DATABASE_NAME",
    "DATABASE_SSL",
    "DATABASE_SSL_CA_FILE",
    "DATABASE_IAM_USER",
    "AWS_REGION",
    "REDIS_HOST",
    "REDIS_PORT",
    "REDIS_TLS",
    "CACHE_TTL_SECONDS",
    "SHUTDOWN_TIMEOUT_MS",
    "SHUTDOWN_DRAIN_MS",
  ],
  /** Master credentials from the RDS-managed secret: read at start, for migrations only. */
  secrets: ["DATABASE_USER", "DATABASE_PASSWORD", "REDIS_AUTH_TOKEN", "API_KEY"],
  /**
   * The database role the app connects as with IAM authentication tokens (DATABASE_IAM_USER); the
   * service's migration 002_application_role.sql creates it and grants it rds_iam.
   */
  databaseRole: "news_api",
} as const;

export type ContainerEnvironmentName = (typeof NEWS_API_CONTAINER.environment)[number];
export type ContainerSecretName = (typeof NEWS_API_CONTAINER.secrets)[number];
