import {
  ENVIRONMENT_SOURCES,
  EnvironmentSource,
  loadEnvironments,
  selectEnvironments,
  validateEnvironment,
  validatePlatform,
} from "../environments";
import { dev } from "../environments/dev";
import { EnvironmentInput, ENVIRONMENT_NAME_MAX_LENGTH } from "../environments/schema";
import { ConfigError } from "../modules/errors";

/** dev's config with `change` applied to a deep copy. */
function devWith(change: (config: any) => void): EnvironmentSource {
  const config = structuredClone(dev) as any;
  change(config);
  return { file: "environments/dev.ts", input: config as EnvironmentInput };
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError, got none");
}

describe("the shipped environments", () => {
  test("all validate, in order dev, staging, prod", () => {
    expect(loadEnvironments().map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
  });

  test("the platform config validates", () => {
    expect(validatePlatform().project).toBe("news");
  });

  test("dev is cheap and single-AZ where safe, prod is highly available", () => {
    const [devConfig, , prodConfig] = loadEnvironments();
    expect(devConfig.network.natStrategy).toBe("none");
    expect(devConfig.database.multiAz).toBe(false);
    expect(prodConfig.network.natStrategy).toBe("per-az");
    expect(prodConfig.network.availabilityZones).toHaveLength(3);
    expect(prodConfig.database.multiAz).toBe(true);
    expect(prodConfig.database.deletionProtection).toBe(true);
    expect(prodConfig.cache.replicas).toBeGreaterThanOrEqual(1);
  });
});

describe("invalid config is rejected with file, field path, value and what is allowed", () => {
  const cases: [string, (c: any) => void, RegExp[]][] = [
    [
      "an AZ not of the form <region><letter>",
      (c) => (c.network.availabilityZones = ["us-east-1a", "use1-az2"]),
      [/environments\/dev\.ts/, /network\.availabilityZones\.1 = "use1-az2"/, /"us-east-1" followed by one letter/],
    ],
    [
      "an AZ of another region",
      (c) => (c.network.availabilityZones = ["us-east-1a", "eu-west-1b"]),
      [/network\.availabilityZones\.1 = "eu-west-1b"/, /must be an AZ of region us-east-1/],
    ],
    ["a repeated AZ", (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1a"]), [/network\.availabilityZones/, /twice/]],
    ["a single AZ", (c) => (c.network.availabilityZones = ["us-east-1a"]), [/network\.availabilityZones = \["us-east-1a"\]/, /at least 2/]],
    ["four AZs", (c) => (c.network.availabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]), [/at most 3/]],
    ["a CIDR with host bits", (c) => (c.network.vpcCidr = "10.10.0.1/16"), [/network\.vpcCidr = "10\.10\.0\.1\/16"/, /no host bits/]],
    [
      "a VPC too small for the subnet plan",
      (c) => (c.network.vpcCidr = "10.10.0.0/24"),
      [/network\.vpcCidr = "10\.10\.0\.0\/24"/, /\/16 to \/22/],
    ],
    [
      "an unknown NAT strategy",
      (c) => (c.network.natStrategy = "shared"),
      [/network\.natStrategy = "shared"/, /'none' \| 'single' \| 'per-az'/],
    ],
    [
      "a cpu/memory pair Fargate does not offer",
      (c) => (c.service.memory = 4096),
      [/service\.memory = 4096/, /not a Fargate size with cpu 256/, /512, 1024, 2048/],
    ],
    ["a cpu Fargate does not offer", (c) => (c.service.cpu = 300), [/service\.cpu = 300/, /256, 512, 1024, 2048, 4096, 8192, 16384/]],
    [
      "min tasks above max",
      (c) => ((c.service.minTasks = 4), (c.service.maxTasks = 2)),
      [/service\.minTasks = 4/, /must not exceed service\.maxTasks \(2\)/],
    ],
    ["a log retention CloudWatch does not accept", (c) => (c.logRetentionDays = 10), [/logRetentionDays = 10/, /1, 3, 5, 7, 14, 30/]],
    ["a region that does not exist", (c) => (c.region = "us-north-9"), [/region = "us-north-9"/, /'us-east-1'/]],
    ["an account id that is not 12 digits", (c) => (c.allowedAccountIds = ["1234"]), [/allowedAccountIds\.0 = "1234"/, /12-digit/]],
    ["storage cap below the initial storage", (c) => (c.database.maxAllocatedStorageGb = 10), [/database\.maxAllocatedStorageGb = 10/]],
    ["an unknown key (a typo)", (c) => (c.network.natStratgy = "none"), [/network = /, /Unrecognized key\(s\) in object: 'natStratgy'/]],
    ["a missing field", (c) => delete c.budget, [/budget = missing/, /Required/]],
    ["an uppercase name", (c) => (c.name = "Dev"), [/name = "Dev"/, /lowercase letters and digits/]],
    ["a name over the length limit", (c) => (c.name = "a".repeat(ENVIRONMENT_NAME_MAX_LENGTH + 1)), [/name = "a+"/, /at most 10/]],
    [
      "a scheduled action above the service maximum",
      (c) => (c.service.autoscaling.schedules = [{ name: "peak", schedule: "cron(0 8 * * ? *)", minTasks: 1, maxTasks: 9 }]),
      [/service\.autoscaling\.schedules\.0\.maxTasks = 9/, /must not exceed service\.maxTasks \(2\)/],
    ],
    [
      "a schedule expression Application Auto Scaling does not accept",
      (c) => (c.service.autoscaling.schedules = [{ name: "peak", schedule: "0 8 * * *", minTasks: 1, maxTasks: 2 }]),
      [/service\.autoscaling\.schedules\.0\.schedule = "0 8 \* \* \*"/, /cron\(\.\.\.\), rate\(N unit\) or at/],
    ],
    [
      "a health-check timeout not below the interval",
      (c) => (c.loadBalancer.healthCheck = { intervalSeconds: 10, timeoutSeconds: 10 }),
      [/loadBalancer\.healthCheck\.timeoutSeconds = 10/, /less than loadBalancer\.healthCheck\.intervalSeconds \(10\)/],
    ],
    [
      "a certificate that is not an ACM ARN",
      (c) => (c.loadBalancer.domain = { name: "api.example.com", certificateArn: "my-cert" }),
      [/loadBalancer\.domain\.certificateArn = "my-cert"/, /ACM certificate ARN/],
    ],
    [
      "a deregistration delay the service cannot drain within its stop timeout",
      (c) => ((c.service.stopTimeoutSeconds = 40), (c.loadBalancer.deregistrationDelaySeconds = 30)),
      [/loadBalancer\.deregistrationDelaySeconds = 30/, /at most service\.stopTimeoutSeconds - 15 \(25\)/],
    ],
    [
      "a stop timeout over Fargate's 120 s",
      (c) => (c.service.stopTimeoutSeconds = 300),
      [/service\.stopTimeoutSeconds = 300/, /less than or equal to 120/],
    ],
    [
      "Spot and on-demand both with a base (ECS allows one)",
      (c) => (c.service.capacity = { spot: { base: 1, weight: 1 }, onDemand: { base: 1, weight: 1 } }),
      [/service\.capacity\.onDemand\.base = 1/, /only one capacity provider may have a base/],
    ],
    [
      "a capacity split with no weight",
      (c) => (c.service.capacity = { spot: { base: 2, weight: 0 } }),
      [/service\.capacity = /, /weight above 0/],
    ],
    [
      "a database stop schedule in the production tier",
      (c) => (
        (c.tier = "production"),
        (c.database.stopSchedule = { stopAt: "cron(0 20 ? * MON-FRI *)", startAt: "cron(0 7 ? * MON-FRI *)" })
      ),
      [/database\.stopSchedule = /, /production tier: a stopped database is an outage/],
    ],
    ["an unsupported PostgreSQL major", (c) => (c.database.engineVersion = "13"), [/database\.engineVersion = "13"/, /'16'/]],
    [
      "a cache engine version of the other engine",
      (c) => (c.cache = { ...c.cache, engine: "valkey", engineVersion: "7.1" }),
      [/cache\.engineVersion = "7\.1"/, /allowed for engine "valkey": 7\.2, 8\.0/],
    ],
    [
      "the dashboard turned off in the production tier",
      (c) => ((c.tier = "production"), (c.dashboard = { enabled: false })),
      [/dashboard\.enabled = false/, /must be true in the production tier/],
    ],
    ["an invalid alarm email", (c) => (c.alarms.emails = ["oncall"]), [/alarms\.emails\.0 = "oncall"/, /email address/]],
    [
      "an RDS class whose max_connections the alarms cannot derive",
      (c) => (c.database.instanceClass = "db.x9.huge"),
      [/database\.instanceClass = "db\.x9\.huge"/, /db\.t4g\.micro, db\.t4g\.small/],
    ],
    ["an alarm threshold over 100%", (c) => (c.alarms.ecsCpuPercent = 150), [/alarms\.ecsCpuPercent = 150/, /less than or equal to 100/]],
    [
      "a WAF rate limit below WAF's minimum",
      (c) => (c.waf = { enabled: true, rateLimitPer5Minutes: 5 }),
      [/waf\.rateLimitPer5Minutes = 5/, /greater than or equal to 10/],
    ],
  ];

  test.each(cases)("%s", (_title, change, expected) => {
    const message = errorOf(() => validateEnvironment(devWith(change)));
    for (const pattern of expected) expect(message).toMatch(pattern);
  });

  test("the cache engine version defaults to the newest of the chosen engine", () => {
    const versionOf = (engine: "redis" | "valkey") =>
      validateEnvironment(devWith((c) => (c.cache = { ...c.cache, engine, engineVersion: undefined }))).cache.engineVersion;
    expect([versionOf("redis"), versionOf("valkey")]).toEqual(["7.1", "8.0"]);
  });

  test("every problem in every file is reported at once", () => {
    const message = errorOf(() =>
      loadEnvironments([
        devWith((c) => ((c.service.memory = 4096), (c.logRetentionDays = 10))),
        { ...ENVIRONMENT_SOURCES[2], file: "environments/prod.ts" },
        { file: "environments/qa.ts", input: { ...structuredClone(dev), name: "qa", natStrategy: 1 } as any },
      ]),
    );
    expect(message).toMatch(/^Invalid configuration \(3 problems\):/);
    expect(message).toMatch(/environments\/dev\.ts: service\.memory/);
    expect(message).toMatch(/environments\/dev\.ts: logRetentionDays/);
    expect(message).toMatch(/environments\/qa\.ts: \(top level\)/);
  });

  test("overlapping VPC ranges between environments", () => {
    const message = errorOf(() =>
      loadEnvironments([
        devWith(() => undefined),
        {
          file: "environments/qa.ts",
          input: { ...structuredClone(dev), name: "qa", network: { ...dev.network, vpcCidr: "10.10.128.0/17" } },
        },
      ]),
    );
    expect(message).toMatch(
      /environments\/qa\.ts: network\.vpcCidr = "10\.10\.128\.0\/17": must not overlap environments\/dev\.ts's 10\.10\.0\.0\/16/,
    );
  });

  test("two environments with one name", () => {
    const message = errorOf(() =>
      loadEnvironments([
        devWith(() => undefined),
        { ...devWith((c) => (c.network.vpcCidr = "10.99.0.0/16")), file: "environments/dev2.ts" },
      ]),
    );
    expect(message).toMatch(/environments\/dev2\.ts: name = "dev": must be unique; environments\/dev\.ts uses it too/);
  });
});

describe("selecting environments to synthesize", () => {
  const all = loadEnvironments();

  test("empty or unset selects all", () => {
    expect(selectEnvironments(all, undefined)).toHaveLength(3);
    expect(selectEnvironments(all, " ")).toHaveLength(3);
  });

  test("a list selects those, in config order", () => {
    expect(selectEnvironments(all, "prod, dev").map((e) => e.name)).toEqual(["dev", "prod"]);
  });

  test("an unknown name names the known ones", () => {
    expect(errorOf(() => selectEnvironments(all, "dev,qa"))).toBe(
      'Unknown environment "qa" in NEWSSTACK_ENVIRONMENTS; known: dev, staging, prod',
    );
  });
});
