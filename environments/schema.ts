import { z } from "zod";
import { AWS_REGIONS, FARGATE_MEMORY_BY_CPU, isFargateSize, LOG_RETENTION_DAYS, RDS_INSTANCE_MEMORY_GIB } from "../modules/aws-limits";
import { GITHUB_OIDC_HOST, githubOidcProviderArn } from "../modules/ci/github-oidc-issuer";
import { isPlaceholderCertificate, parseCertificateArn } from "../modules/dns/certificate-arn";
import { DOMAIN_NAME_HINT, DOMAIN_NAME_PATTERN, HOSTED_ZONE_ID_HINT, HOSTED_ZONE_ID_PATTERN } from "../modules/dns/dns-names";
import { parseCidr } from "../modules/network/cidr";
import { NAT_STRATEGIES } from "../modules/network/nat-strategy";
import { CONTAINER_PORT_RANGE } from "../modules/service/container-contract";
import {
  DEPLOYMENT_LIMITS,
  DEPLOYMENT_STRATEGIES,
  isTenthPercent,
  misplacedDeploymentFields,
} from "../modules/service/deployment-strategy";
import { MAX_AZS, VPC_PREFIX_RANGE } from "../modules/network/subnet-plan";
import { ACCOUNT_WIDE_STACKS } from "../modules/naming";
import { SHUTDOWN_SPARE_SECONDS } from "../modules/service/shutdown-timing";

/**
 * The schema every environment file must satisfy. `EnvironmentConfig` (what stacks read) is inferred
 * from it, so the type and the validation cannot drift apart. Objects are strict: a misspelt key is
 * an error, not a silently ignored setting.
 */

/** Longest environment name accepted; every physical name is tested against a name of this length. */
export const ENVIRONMENT_NAME_MAX_LENGTH = 10;

/**
 * Names the account-wide stacks use in `<project>-<name>-…` (news-state, news-shared, news-account-<id>):
 * an environment of that name would share their stack ids and its deploy role could change their roles.
 */
export const RESERVED_ENVIRONMENT_NAMES = Object.values(ACCOUNT_WIDE_STACKS);

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id, e.g. "123456789012"');

const cidr = z.string().refine((v) => parseCidr(v) !== undefined, {
  message: 'must be an IPv4 network in CIDR form with no host bits set, e.g. "10.20.0.0/16"',
});

const logRetentionDays = z.number().refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
  message: `must be one of CloudWatch Logs' retention values: ${LOG_RETENTION_DAYS.join(", ")}`,
});

const int = (min: number, max: number) => z.number().int("must be a whole number").min(min).max(max);

/** Cron expression accepted by Application Auto Scaling and EventBridge Scheduler alike. */
const SCHEDULE_PATTERN = /^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/;
const SCHEDULE_HINT = "must be cron(...), rate(N unit) or at(yyyy-mm-ddThh:mm:ss)";

const networkSchema = z
  .object({
    /** VPC range; cut into 16 blocks, one per tier and AZ (see modules/network/subnet-plan.ts). */
    vpcCidr: cidr.refine(
      (v) => {
        const p = parseCidr(v)?.prefixLength ?? 0;
        return p >= VPC_PREFIX_RANGE.min && p <= VPC_PREFIX_RANGE.max;
      },
      { message: `prefix length must be /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}` },
    ),
    /** Explicit AZ names in the environment's region, e.g. ["eu-west-1a", "eu-west-1b"]. */
    availabilityZones: z
      .array(z.string())
      .min(2, "needs at least 2 availability zones (an ALB requires 2)")
      .max(MAX_AZS, `at most ${MAX_AZS} availability zones`),
    /** `none`: tasks in public subnets with public IPs (ingress still only from the ALB); `single`: one NAT; `per-az`: one per AZ. */
    natStrategy: z.enum(NAT_STRATEGIES),
  })
  .strict();

const scheduleSchema = z
  .object({
    /** Lowercase name of the scheduled action, e.g. "night". */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and hyphens (max 40), starting with a letter"),
    /** Application Auto Scaling schedule, e.g. "cron(0 20 ? * MON-FRI *)". */
    schedule: z.string().regex(SCHEDULE_PATTERN, SCHEDULE_HINT),
    /** IANA time zone the schedule is read in. */
    timezone: z.string().min(1).default("UTC"),
    minTasks: int(0, 100),
    maxTasks: int(0, 100),
  })
  .strict();

const autoscalingSchema = z
  .object({
    /** Target average CPU of the service (%). */
    cpuTargetPercent: int(10, 95).default(70),
    /** Target average memory (%); omit to scale on CPU only. */
    memoryTargetPercent: int(10, 95).optional(),
    /** Target ALB requests per task per minute; omit to not scale on request count. */
    requestsPerTarget: int(1, 1_000_000).optional(),
    scaleOutCooldownSeconds: int(0, 3600).default(60),
    scaleInCooldownSeconds: int(0, 3600).default(300),
    /** Scheduled capacity changes, e.g. dev scaled to zero out of hours. */
    schedules: z.array(scheduleSchema).default([]),
  })
  .strict();

/** One Fargate capacity provider's share of the tasks: `base` tasks first, the rest split by `weight`. */
const capacityShareSchema = z
  .object({
    /** Tasks placed on this provider before weights apply; at most one provider may have a base above 0 (ECS rule). */
    base: int(0, 100_000).default(0),
    /** Relative share of the tasks above the bases. */
    weight: int(0, 1000),
  })
  .strict();

/**
 * FARGATE (on-demand) / FARGATE_SPOT capacity of the service. Omit to run every task on-demand with
 * the FARGATE launch type. Spot tasks get a 2-minute notice (SIGTERM) before they are reclaimed.
 */
const capacitySchema = z
  .object({
    spot: capacityShareSchema.optional(),
    onDemand: capacityShareSchema.optional(),
  })
  .strict();
const bakeMinutes = int(DEPLOYMENT_LIMITS.bakeMinutes.min, DEPLOYMENT_LIMITS.bakeMinutes.max);
const tenthPercent = ({ min, max }: { min: number; max: number }) =>
  z.number().refine((v) => isTenthPercent(v, min, max), { message: `must be a multiple of 0.1 from ${min} to ${max}` });

/**
 * How ECS replaces the running revision. `rolling` swaps tasks in place; `blue-green`, `canary` and
 * `linear` start the new revision beside the old one behind a second target group, send it test
 * traffic (the deploy's smoke test), shift production traffic and keep the old revision for
 * `bakeMinutes`, during which a deployment alarm rolls back at once.
 */
const deploymentSchema = z
  .object({
    strategy: z.enum(DEPLOYMENT_STRATEGIES).default("rolling"),
    /** Minutes the old revision stays up after the shift (not with rolling). */
    bakeMinutes: bakeMinutes.optional(),
    /** canary: share of production traffic the canary takes first. */
    canaryPercent: tenthPercent(DEPLOYMENT_LIMITS.canaryPercent).optional(),
    /** canary: minutes at the canary share. */
    canaryBakeMinutes: bakeMinutes.optional(),
    /** linear: share of production traffic moved per step. */
    linearStepPercent: tenthPercent(DEPLOYMENT_LIMITS.linearStepPercent).optional(),
    /** linear: minutes between steps. */
    linearStepBakeMinutes: bakeMinutes.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const { field, message } of misplacedDeploymentFields(d)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
  });

const serviceSchema = z
  .object({
    /** Fargate CPU units (256 = 0.25 vCPU). */
    cpu: z.number(),
    /** Fargate memory in MiB; must be a valid pair with `cpu`. */
    memory: z.number(),
    /** Tasks always running; also the service's initial desired count. */
    minTasks: int(1, 100),
    /** Ceiling for autoscaling. */
    maxTasks: int(1, 100),
    /** Port the container listens on. */
    containerPort: int(CONTAINER_PORT_RANGE.min, CONTAINER_PORT_RANGE.max),
    /** Seconds ECS ignores failing ALB health checks after a task starts. */
    healthCheckGracePeriodSeconds: int(0, 7200).default(60),
    /** Seconds between SIGTERM and SIGKILL (Fargate allows up to 120); the service drains within it. */
    stopTimeoutSeconds: int(10, 120).default(45),
    /** ECS Exec (interactive shell through SSM) for debugging. */
    enableExec: z.boolean().default(false),
    /** pino log level of the service. */
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
    /** Seconds the service caches reads in Redis. */
    cacheTtlSeconds: int(1, 86_400).default(60),
    autoscaling: autoscalingSchema.default({}),
    /** Fargate / Fargate Spot split of the tasks; omitted: on-demand only. */
    capacity: capacitySchema.optional(),
    deployment: deploymentSchema.default({}),
  })
  .strict();

/**
 * The API's public name. HTTPS needs one: no certificate can cover the load balancer's own DNS name.
 * With `hostedZoneId` the stack creates a DNS-validated certificate and an alias record; without it,
 * bring a certificate (`certificateArn`) and point the name at the `alb_dns_name` output yourself.
 */
const domainSchema = z
  .object({
    /** e.g. "api.example.com"; `service_url` is `https://<name>`. */
    name: z.string().regex(DOMAIN_NAME_PATTERN, DOMAIN_NAME_HINT),
    /** Route 53 public hosted zone holding `name`: certificate, validation and alias record are created in it. */
    hostedZoneId: z.string().regex(HOSTED_ZONE_ID_PATTERN, HOSTED_ZONE_ID_HINT).optional(),
    /** An issued ACM certificate covering `name`, in the environment's region and account (only without `hostedZoneId`). */
    certificateArn: z
      .string()
      .refine((v) => parseCertificateArn(v) !== undefined, {
        message: 'must be an ACM certificate ARN, e.g. "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"',
      })
      .optional(),
  })
  .strict();

const loadBalancerSchema = z
  .object({
    /** The API's domain: HTTPS with TLS 1.3 and HTTP→HTTPS redirect on it. Omit to serve plain HTTP on the ALB's name (dev). */
    domain: domainSchema.optional(),
    deletionProtection: z.boolean(),
    /** Seconds an idle connection stays open. */
    idleTimeoutSeconds: int(1, 4000).default(60),
    /**
     * Seconds a deregistering task keeps getting its in-flight requests answered; the service also
     * keeps serving this long after SIGTERM (its drain window), so it must fit in service.stopTimeoutSeconds.
     */
    deregistrationDelaySeconds: int(0, 3600).default(30),
    /** Days access logs are kept in their bucket. */
    accessLogRetentionDays: int(1, 3650).default(90),
    healthCheck: z
      .object({
        intervalSeconds: int(5, 300).default(15),
        timeoutSeconds: int(2, 120).default(5),
        healthyThreshold: int(2, 10).default(2),
        unhealthyThreshold: int(2, 10).default(3),
      })
      .strict()
      .default({}),
  })
  .strict();

/** Out-of-hours stop of the database (EventBridge Scheduler): storage is billed while stopped, instance hours are not. */
const databaseStopScheduleSchema = z
  .object({
    /** When the instance stops, e.g. "cron(0 20 ? * MON-FRI *)". */
    stopAt: z.string().regex(SCHEDULE_PATTERN, SCHEDULE_HINT),
    /** When it starts again; before the service's tasks come back (a start takes a few minutes). */
    startAt: z.string().regex(SCHEDULE_PATTERN, SCHEDULE_HINT),
    /** IANA time zone of both. */
    timezone: z.string().min(1).default("UTC"),
  })
  .strict();

const databaseSchema = z
  .object({
    /** An RDS instance class the project knows the memory of (alarms derive max_connections from it). */
    instanceClass: z.string().refine((v) => v in RDS_INSTANCE_MEMORY_GIB, {
      message: `must be one of the RDS instance classes in modules/aws-limits.ts: ${Object.keys(RDS_INSTANCE_MEMORY_GIB).join(", ")}`,
    }),
    /** Initial gp3 storage (GiB); RDS gp3 needs at least 20. */
    allocatedStorageGb: int(20, 65536),
    /** Storage autoscaling cap (GiB). */
    maxAllocatedStorageGb: int(20, 65536),
    multiAz: z.boolean(),
    /** Automated backup retention; RDS allows 0–35, this project requires at least 1. */
    backupRetentionDays: int(1, 35),
    /** Deletion protection, plus a final snapshot on destroy. */
    deletionProtection: z.boolean(),
    /** PostgreSQL major version; minor versions upgrade automatically in the maintenance window. */
    engineVersion: z.enum(["16"]).default("16"),
    /** Daily backup window (UTC), e.g. "03:00-04:00"; must not overlap the maintenance window. */
    backupWindow: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "must be hh:mm-hh:mm (UTC)")
      .default("03:00-04:00"),
    /** Weekly maintenance window (UTC), e.g. "sun:04:30-sun:05:30". */
    maintenanceWindow: z
      .string()
      .regex(/^(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}-(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}$/, "must be ddd:hh:mm-ddd:hh:mm (UTC)")
      .default("sun:04:30-sun:05:30"),
    /** Stop the instance out of hours (development only: production refuses it). */
    stopSchedule: databaseStopScheduleSchema.optional(),
  })
  .strict();

/** Engine versions ElastiCache offers per engine; the last one is the default. */
export const CACHE_ENGINE_VERSIONS = { redis: ["7.0", "7.1"], valkey: ["7.2", "8.0"] } as const;

const cacheSchema = z
  .object({
    nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ElastiCache node type, e.g. "cache.t4g.micro"'),
    /** Read replicas besides the primary (0–5); ≥ 1 enables automatic failover and multi-AZ. */
    replicas: int(0, 5),
    /** Redis OSS or Valkey (same protocol, AUTH and TLS; Valkey nodes cost 20% less). Default "redis". */
    engine: z.enum(["redis", "valkey"]).default("redis"),
    /** Engine version: redis 7.0 / 7.1 (default 7.1), valkey 7.2 / 8.0 (default 8.0). */
    engineVersion: z.enum(["7.0", "7.1", "7.2", "8.0"]).optional(),
    /** Days of daily snapshots kept (0 = none). */
    snapshotRetentionDays: int(0, 35),
  })
  .strict()
  .superRefine((cache, ctx) => {
    const allowed: readonly string[] = CACHE_ENGINE_VERSIONS[cache.engine];
    if (cache.engineVersion !== undefined && !allowed.includes(cache.engineVersion)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["engineVersion"],
        message: `not a ${cache.engine} version; allowed for engine "${cache.engine}": ${allowed.join(", ")}`,
      });
    }
  })
  .transform(({ engineVersion, ...cache }) => ({ ...cache, engineVersion: engineVersion ?? CACHE_ENGINE_VERSIONS[cache.engine].at(-1)! }));

const percent = int(1, 100);

/** Where alarms go and when they fire; every threshold has a default, environments override what differs. */
const alarmsSchema = z
  .object({
    /** Subscribed by email to the environment's alert topic (each confirms once). */
    emails: z.array(z.string().email("must be an email address")),
    /** Target 5XX responses in 5 minutes above which the error alarm fires. */
    target5xxPer5Minutes: int(1, 1_000_000).default(10),
    /** p99 ALB target response time (seconds) sustained for 10 minutes. */
    p99LatencySeconds: z.number().positive().max(60).default(1),
    ecsCpuPercent: percent.default(85),
    ecsMemoryPercent: percent.default(85),
    rdsCpuPercent: percent.default(80),
    /** Free storage as a share of allocated storage below which the alarm fires. */
    rdsFreeStoragePercent: int(1, 99).default(10),
    /** Connections as a share of the class's max_connections. */
    rdsConnectionsPercentOfMax: percent.default(80),
    redisCpuPercent: percent.default(80),
    redisMemoryPercent: percent.default(80),
    /** Error lines in the service's logs in 5 minutes. */
    applicationErrorsPer5Minutes: int(1, 1_000_000).default(5),
  })
  .strict();

/** Images the registry keeps for the environment besides the one it runs (news-shared's lifecycle policy). */
const imagesSchema = z
  .object({
    /**
     * Previously deployed images kept for rollback. Must not decrease along the promotion order
     * (dev → staging → prod): an image promoted to a later environment is kept by that one's rule first.
     */
    keepPrevious: int(1, 100).default(5),
  })
  .strict()
  .default({});

/** WAFv2 web ACL on the ALB (managed rule sets + per-IP rate limit). */
const wafSchema = z
  .object({
    enabled: z.boolean(),
    /** Requests one IP may make in any 5 minutes before WAF blocks it. */
    rateLimitPer5Minutes: int(10, 2_000_000_000).default(2000),
  })
  .strict()
  .default({ enabled: false });

export const environmentSchema = z
  .object({
    /** Short lowercase name; becomes the `news-<name>` stack id and every resource's name prefix. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/, "must be lowercase letters and digits, starting with a letter")
      .min(2)
      .max(ENVIRONMENT_NAME_MAX_LENGTH),
    /** `production`: guardrails also require deletion protection, multi-AZ data, 7-day backups and a WAF. */
    tier: z.enum(["development", "production"]),
    region: z.enum(AWS_REGIONS),
    /** The provider refuses to run against any other account: no accidental deploy of dev into prod. */
    allowedAccountIds: z.array(accountId).min(1, "needs at least one account id"),
    /**
     * The account the environment is deployed into, where its CI deploy and plan roles live. When it is
     * not the platform's account, a per-account stack `<project>-account-<id>` creates those roles there
     * and the state bucket, its key and the registry grant them cross-account (README, "Working in a team").
     * @default the first of `allowedAccountIds`
     */
    accountId: accountId.optional(),
    /** Cost allocation tag `CostCenter` on every resource. */
    costCenter: z.string().min(1).max(256),
    /** Retention of every log group of the environment (application, flow logs, database, cache). */
    logRetentionDays,
    network: networkSchema,
    service: serviceSchema,
    loadBalancer: loadBalancerSchema,
    database: databaseSchema,
    cache: cacheSchema,
    alarms: alarmsSchema,
    /** AWS Budgets monthly cost budget of the environment's resources (tag Environment=<name>). */
    budget: z.object({ monthlyUsd: z.number().positive() }).strict(),
    waf: wafSchema,
    /**
     * The golden-signals CloudWatch dashboard ($3 a month). Off is for development only: the alarms,
     * Logs Insights queries and metrics stay; production refuses it.
     */
    dashboard: z.object({ enabled: z.boolean() }).strict().default({ enabled: true }),
    images: imagesSchema,
  })
  .strict()
  .superRefine((env, ctx) => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    checkAccount(env, issue);
    checkAvailabilityZones(env, issue);
    checkFargateShape(env, issue);
    checkTaskCounts(env, issue);
    checkLoadBalancerTiming(env, issue);
    checkDomain(env, issue);
    checkProductionAndStorage(env, issue);
  });

/** Reports one problem of a cross-field check at a field path. */
type Issue = (path: (string | number)[], message: string) => void;

/** The account it deploys into is an allowed one; its name is not an account-wide stack's. */
function checkAccount(env: EnvironmentConfig, issue: Issue): void {
  if (env.accountId !== undefined && !env.allowedAccountIds.includes(env.accountId)) {
    issue(
      ["accountId"],
      `must be one of allowedAccountIds (${env.allowedAccountIds.join(", ")}): the provider refuses every other account`,
    );
  }
  if ((RESERVED_ENVIRONMENT_NAMES as readonly string[]).includes(env.name)) {
    issue(["name"], `is reserved for an account-wide stack's names (${RESERVED_ENVIRONMENT_NAMES.join(", ")}); choose another`);
  }
}

/** Zones of the environment's region, each once. */
function checkAvailabilityZones(env: EnvironmentConfig, issue: Issue): void {
  env.network.availabilityZones.forEach((az, i) => {
    if (!new RegExp(`^${env.region}[a-z]$`).test(az)) {
      issue(
        ["network", "availabilityZones", i],
        `must be an AZ of region ${env.region}: "${env.region}" followed by one letter, e.g. "${env.region}a"`,
      );
    }
  });
  if (new Set(env.network.availabilityZones).size !== env.network.availabilityZones.length) {
    issue(["network", "availabilityZones"], "must not list an availability zone twice");
  }
}

/** A Fargate task size, and a capacity split ECS accepts. */
function checkFargateShape(env: EnvironmentConfig, issue: Issue): void {
  const { cpu, memory } = env.service;
  if (!FARGATE_MEMORY_BY_CPU[cpu]) {
    issue(["service", "cpu"], `must be a Fargate CPU value: ${Object.keys(FARGATE_MEMORY_BY_CPU).join(", ")}`);
  } else if (!isFargateSize(cpu, memory)) {
    issue(["service", "memory"], `is not a Fargate size with cpu ${cpu}; allowed memory (MiB): ${FARGATE_MEMORY_BY_CPU[cpu].join(", ")}`);
  }
  const capacity = env.service.capacity;
  if (capacity) {
    const shares = [capacity.spot, capacity.onDemand].filter((share) => share !== undefined);
    if (shares.length === 0 || shares.every((share) => share.weight === 0)) {
      issue(["service", "capacity"], "needs spot or onDemand with a weight above 0 (tasks above the base go nowhere otherwise)");
    }
    if (shares.filter((share) => share.base > 0).length > 1) {
      issue(
        ["service", "capacity", "onDemand", "base"],
        "only one capacity provider may have a base above 0 (ECS rule): set spot.base or onDemand.base to 0",
      );
    }
  }
}

/** Task counts: min within max, each schedule's within the service's, schedule names unique. */
function checkTaskCounts(env: EnvironmentConfig, issue: Issue): void {
  if (env.service.minTasks > env.service.maxTasks) {
    issue(["service", "minTasks"], `must not exceed service.maxTasks (${env.service.maxTasks})`);
  }
  env.service.autoscaling.schedules.forEach((schedule, i) => {
    if (schedule.minTasks > schedule.maxTasks) {
      issue(["service", "autoscaling", "schedules", i, "minTasks"], `must not exceed the schedule's maxTasks (${schedule.maxTasks})`);
    }
    if (schedule.maxTasks > env.service.maxTasks) {
      issue(["service", "autoscaling", "schedules", i, "maxTasks"], `must not exceed service.maxTasks (${env.service.maxTasks})`);
    }
  });
  if (env.service.autoscaling.schedules.length !== new Set(env.service.autoscaling.schedules.map((s) => s.name)).size) {
    issue(["service", "autoscaling", "schedules"], "names must be unique");
  }
}

/** Draining fits in the task's stop timeout; a health check answers before the next one starts. */
function checkLoadBalancerTiming(env: EnvironmentConfig, issue: Issue): void {
  if (env.loadBalancer.deregistrationDelaySeconds > env.service.stopTimeoutSeconds - SHUTDOWN_SPARE_SECONDS) {
    issue(
      ["loadBalancer", "deregistrationDelaySeconds"],
      `must be at most service.stopTimeoutSeconds - ${SHUTDOWN_SPARE_SECONDS} ` +
        `(${env.service.stopTimeoutSeconds - SHUTDOWN_SPARE_SECONDS}): the service drains this long ` +
        `after SIGTERM, then needs ${SHUTDOWN_SPARE_SECONDS} s to finish requests and close before SIGKILL`,
    );
  }
  if (env.loadBalancer.healthCheck.timeoutSeconds >= env.loadBalancer.healthCheck.intervalSeconds) {
    issue(
      ["loadBalancer", "healthCheck", "timeoutSeconds"],
      `must be less than loadBalancer.healthCheck.intervalSeconds (${env.loadBalancer.healthCheck.intervalSeconds})`,
    );
  }
}

/** The API domain's certificate: given or created, of the region and an allowed account, not the placeholder in production. */
function checkDomain(env: EnvironmentConfig, issue: Issue): void {
  const domain = env.loadBalancer.domain;
  if (domain) {
    const certificate = domain.certificateArn === undefined ? undefined : parseCertificateArn(domain.certificateArn);
    const at = ["loadBalancer", "domain", "certificateArn"];
    if (domain.hostedZoneId !== undefined && domain.certificateArn !== undefined) {
      issue(at, "must be omitted with loadBalancer.domain.hostedZoneId: the stack then creates and validates the certificate itself");
    } else if (domain.hostedZoneId === undefined && domain.certificateArn === undefined) {
      issue(
        at,
        "is needed without loadBalancer.domain.hostedZoneId: HTTPS on the domain needs a certificate (or " +
          "give the hosted zone and the stack creates one)",
      );
    }
    if (certificate && certificate.region !== env.region) {
      issue(at, `must be a certificate of region ${env.region}: a load balancer only uses certificates of its own region`);
    }
    if (certificate && !env.allowedAccountIds.includes(certificate.accountId)) {
      issue(at, `must belong to an account in allowedAccountIds (${env.allowedAccountIds.join(", ")})`);
    }
    if (certificate && env.tier === "production" && isPlaceholderCertificate(certificate)) {
      issue(
        at,
        "is the examples' placeholder (00000000-0000-…): a production environment needs an issued " +
          "certificate, or loadBalancer.domain.hostedZoneId so the stack creates one",
      );
    }
  }
}

/** What the production tier refuses (no dashboard, a stopped database); storage may only grow. */
function checkProductionAndStorage(env: EnvironmentConfig, issue: Issue): void {
  if (!env.dashboard.enabled && env.tier === "production") {
    issue(["dashboard", "enabled"], "must be true in the production tier: the on-call reads the golden signals there");
  }
  if (env.database.stopSchedule && env.tier === "production") {
    issue(["database", "stopSchedule"], "must be omitted in the production tier: a stopped database is an outage");
  }
  if (env.database.maxAllocatedStorageGb < env.database.allocatedStorageGb) {
    issue(["database", "maxAllocatedStorageGb"], `must be at least database.allocatedStorageGb (${env.database.allocatedStorageGb})`);
  }
}

/** How pull-request previews are run (environments/previews.ts); each is built from dev's shape. */
export const previewSettingsSchema = z
  .object({
    /** Previews that may exist at once; one more is refused at synth. */
    maxConcurrent: int(1, 20),
    /** Days after its last deploy a preview expires (tag `Expires`); the scheduled job destroys it then. */
    lifetimeDays: int(1, 30),
    /** VPC range of every preview (they are never peered with each other). */
    vpcCidr: cidr,
  })
  .strict();
export type PreviewSettingsInput = z.input<typeof previewSettingsSchema>;
export type PreviewSettings = z.output<typeof previewSettingsSchema>;

/** What an environment file writes (before defaults). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment, as stacks receive it. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** The account an environment is deployed into: `accountId`, else the first of `allowedAccountIds`. */
export const deployAccountId = (env: Pick<EnvironmentConfig, "accountId" | "allowedAccountIds">): string =>
  env.accountId ?? env.allowedAccountIds[0];

/** Account-wide settings shared by every environment: state backend, project identity, repository. */
export const platformSchema = z
  .object({
    /** Short lowercase project name: the first part of every physical name and the `Project` tag. */
    project: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, "must be 2–10 lowercase letters and digits, starting with a letter"),
    /** `<owner>/<repo>` of this repository: the `Repository` tag and (later) the OIDC trust. */
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be "<owner>/<repo>"'),
    /** Cost center of account-wide resources (state, registry, CI identity). */
    costCenter: z.string().min(1).max(256),
    /** Account and region of the shared stacks and of the Terraform state bucket. */
    accountId,
    region: z.enum(AWS_REGIONS),
    /** Account-wide billing alarm (news-shared, us-east-1): month-to-date estimated charges. */
    billing: z
      .object({
        alarmThresholdUsd: z.number().positive(),
        emails: z.array(z.string().email("must be an email address")),
      })
      .strict(),
    registry: z
      .object({
        /** Tagged images the registry keeps (older ones expire; untagged ones after a day). */
        keepTaggedImages: int(1, 1000).default(10),
      })
      .strict()
      .default({}),
    ci: z
      .object({
        /**
         * ARN of the account's existing IAM OIDC provider for GitHub Actions, when one exists already
         * (an account has at most one per URL): the CI roles trust it instead of news-shared creating one.
         */
        existingGithubOidcProviderArn: z.string().optional(),
      })
      .strict()
      .default({}),
    state: z
      .object({
        /**
         * Where news-state keeps its own state: `local` for the one-time bootstrap, then `s3` once the
         * bucket exists (`cdktf deploy news-state --migrate-state`).
         */
        stateStackBackend: z.enum(["local", "s3"]),
        /**
         * ARN of the state key (news-state's `state_key_arn` output), set after the bootstrap. Needed once an
         * environment is deployed into another account: KMS resolves a key alias in the caller's account, so a
         * backend used from another account must name the key by ARN.
         * @default - backends name the key by its alias (same-account use only)
         */
        keyArn: z
          .string()
          .regex(
            /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/,
            'must be a KMS key ARN, e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
          )
          .optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((platform, ctx) => {
    const keyArn = platform.state.keyArn;
    const keyPrefix = `arn:aws:kms:${platform.region}:${platform.accountId}:key/`;
    if (keyArn !== undefined && /^arn:aws:kms:/.test(keyArn) && !keyArn.startsWith(keyPrefix)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["state", "keyArn"],
        message: `must be a key in the platform's account and region ("${keyPrefix}…"): the state bucket's key`,
      });
    }
    const arn = platform.ci.existingGithubOidcProviderArn;
    const expected = githubOidcProviderArn(platform.accountId);
    if (arn !== undefined && arn !== expected) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["ci", "existingGithubOidcProviderArn"],
        message: `must be the IAM OIDC provider for ${GITHUB_OIDC_HOST} in the platform account (accountId), i.e. "${expected}"`,
      });
    }
  });

export type PlatformInput = z.input<typeof platformSchema>;
export type PlatformConfig = z.output<typeof platformSchema>;
