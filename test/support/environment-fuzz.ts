import { DEPLOYMENT_STRATEGIES, DeploymentStrategy, DeploymentStrategyName } from "../../modules/service/deployment-strategy";
import fc from "fast-check";
import { validateEnvironment, validatePlatform } from "../../environments";
import type { EnvironmentInput } from "../../environments/schema";
import { formatReport } from "../../modules/guardrails/guardrails";
import { FARGATE_MEMORY_BY_CPU, LOG_RETENTION_DAYS, RDS_INSTANCE_MEMORY_GIB } from "../../modules/aws-limits";
import { allStacks, applyGuardrails, defineStacks } from "../../stacks";
import { testingApp } from "./testing-app";

/**
 * The environment space for the property-based tests (environment-fuzz*.test.ts): configs the validator
 * must accept, and the synthesis check each one must pass.
 */
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ca-west-1"] as const;
const CACHE_NODES = ["cache.t4g.micro", "cache.t4g.small", "cache.t4g.medium", "cache.m7g.large"];

const fargateSize = fc.constantFrom(
  ...Object.entries(FARGATE_MEMORY_BY_CPU).flatMap(([cpu, memories]) => memories.map((memory) => ({ cpu: Number(cpu), memory }))),
);

/** A VPC range the subnet plan accepts: 10.x.0.0/16 … /22, aligned. */
const vpcCidr = fc
  .record({ second: fc.integer({ min: 0, max: 255 }), prefix: fc.integer({ min: 16, max: 22 }), block: fc.nat() })
  .map(({ second, prefix, block }) => {
    const third = prefix === 16 ? 0 : (block % 2 ** (prefix - 16)) * 2 ** (24 - prefix);
    return `10.${second}.${third}.0/${prefix}`;
  });

/** A valid service.deployment of `strategy`, with only the fields that strategy takes. */
const deploymentOf = (strategy: DeploymentStrategyName, bakeMinutes: number, percent: number): DeploymentStrategy =>
  strategy === "rolling"
    ? { strategy }
    : strategy === "canary"
      ? { strategy, bakeMinutes, canaryPercent: percent }
      : strategy === "linear"
        ? { strategy, bakeMinutes, linearStepPercent: percent }
        : { strategy, bakeMinutes };

export const validEnvironment: fc.Arbitrary<EnvironmentInput> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/),
    production: fc.boolean(),
    region: fc.constantFrom(...REGIONS),
    azCount: fc.integer({ min: 2, max: 3 }),
    vpcCidr,
    natStrategy: fc.constantFrom("none", "single", "per-az" as const),
    size: fargateSize,
    minTasks: fc.integer({ min: 1, max: 4 }),
    extraTasks: fc.integer({ min: 0, max: 20 }),
    enableExec: fc.boolean(),
    https: fc.constantFrom("none", "zone", "certificate" as const),
    instanceClass: fc.constantFrom(...Object.keys(RDS_INSTANCE_MEMORY_GIB)),
    storage: fc.integer({ min: 20, max: 500 }),
    multiAz: fc.boolean(),
    backups: fc.integer({ min: 1, max: 35 }),
    protect: fc.boolean(),
    nodeType: fc.constantFrom(...CACHE_NODES),
    replicas: fc.integer({ min: 0, max: 5 }),
    waf: fc.boolean(),
    rateLimit: fc.integer({ min: 100, max: 100_000 }),
    retention: fc.constantFrom(...LOG_RETENTION_DAYS),
    // At least one: no subscriber is the OPS-001 warning / OPS-002 error (guardrails.test.ts).
    emails: fc.array(fc.constantFrom("oncall@example.com", "team@example.org"), { minLength: 1, maxLength: 2 }),
    budget: fc.integer({ min: 10, max: 10_000 }),
    strategy: fc.constantFrom(...DEPLOYMENT_STRATEGIES),
    bakeMinutes: fc.integer({ min: 1, max: 60 }),
    trafficPercent: fc.integer({ min: 30, max: 1000 }).map((tenths) => tenths / 10),
  })
  .map((g) => {
    // The production tier's rules are requirements on the config: a generated production env meets them.
    const p = g.production;
    return {
      name: g.name,
      tier: p ? "production" : "development",
      region: g.region,
      allowedAccountIds: ["123456789012"],
      costCenter: `cc-${g.name}`,
      logRetentionDays: g.retention,
      network: {
        vpcCidr: g.vpcCidr,
        availabilityZones: ["a", "b", "c"].slice(0, g.azCount).map((l) => `${g.region}${l}`),
        natStrategy: g.natStrategy,
      },
      service: {
        cpu: g.size.cpu,
        memory: g.size.memory,
        minTasks: g.minTasks,
        maxTasks: g.minTasks + g.extraTasks,
        containerPort: 8080,
        enableExec: g.enableExec,
        // Production deploys progressively with a bake time (DEP-001).
        deployment: deploymentOf(p && g.strategy === "rolling" ? "blue-green" : g.strategy, g.bakeMinutes, g.trafficPercent),
      },
      loadBalancer: {
        deletionProtection: p || g.protect,
        domain: {
          none: undefined,
          zone: { name: `api.${g.name}.example.com`, hostedZoneId: "Z0123456789ABCDEFGHIJ" },
          certificate: {
            name: `api.${g.name}.example.com`,
            certificateArn: `arn:aws:acm:${g.region}:123456789012:certificate/1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9`,
          },
        }[g.https],
      },
      database: {
        instanceClass: g.instanceClass,
        allocatedStorageGb: g.storage,
        maxAllocatedStorageGb: g.storage * 2,
        multiAz: p || g.multiAz,
        backupRetentionDays: p ? Math.max(7, g.backups) : g.backups,
        deletionProtection: p || g.protect,
      },
      cache: { nodeType: g.nodeType, replicas: p ? Math.max(1, g.replicas) : g.replicas, snapshotRetentionDays: 1 },
      alarms: { emails: g.emails },
      budget: { monthlyUsd: g.budget },
      waf: { enabled: p || g.waf, rateLimitPer5Minutes: g.rateLimit },
    } satisfies EnvironmentInput;
  });

/** The runs' seed: FUZZ_SEED replays a failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261125);

/**
 * Every valid environment synthesizes with zero guardrail errors or warnings: `numRuns` generated ones
 * from `seed`. The synthesis runs split over files so that jest's workers share them.
 */
export function assertEnvironmentsSynthesizeCleanly(numRuns: number, seed: number): void {
  const platform = validatePlatform();
  fc.assert(
    fc.property(validEnvironment, (input) => {
      const environment = validateEnvironment({ file: "fuzz.ts", input });
      const stacks = defineStacks(testingApp(), platform, [environment]);
      const report = applyGuardrails(stacks).checkAll(allStacks(stacks));
      if (report.errors.length + report.warnings.length > 0) throw new Error(`${JSON.stringify(input)}\n${formatReport(report)}`);
    }),
    { numRuns, seed },
  );
}
