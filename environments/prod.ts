import type { EnvironmentInput } from "./schema";

/** prod: three AZs, a NAT gateway per AZ, multi-AZ database and cache, long backups, deletion protection. */
export const prod: EnvironmentInput = {
  name: "prod",
  tier: "production",
  region: "us-east-1",
  // The example keeps prod in the platform's account (one emulated account for the rehearsal). We
  // recommend prod's own account: list it here and set platform.ts state.keyArn; news-account-<id>
  // then holds prod's CI roles (README, "One AWS account per environment").
  allowedAccountIds: ["123456789012"],
  costCenter: "news-prod",
  logRetentionDays: 90,
  network: {
    vpcCidr: "10.30.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    natStrategy: "per-az",
  },
  // The runbook's shape: 2 tasks of 0.25 vCPU / 512 MiB, scaling to 10.
  service: {
    cpu: 256,
    memory: 512,
    minTasks: 2,
    maxTasks: 10,
    containerPort: 8080,
    healthCheckGracePeriodSeconds: 60,
    autoscaling: { cpuTargetPercent: 70, memoryTargetPercent: 75, requestsPerTarget: 1000 },
    // 10% of traffic for 10 minutes, then all; the old revision stays 15 minutes for instant rollback.
    deployment: { strategy: "canary", canaryPercent: 10, canaryBakeMinutes: 10, bakeMinutes: 15 },
  },
  loadBalancer: {
    // The stack issues the certificate (DNS-validated) and the alias record in this Route 53 zone.
    // Example zone id, like the account id: replace with your public hosted zone holding the name.
    domain: { name: "api.news.example.com", hostedZoneId: "Z0EXAMPLE4NEWSSTACK00" },
    deletionProtection: true,
    accessLogRetentionDays: 365,
  },
  database: {
    instanceClass: "db.t4g.medium",
    allocatedStorageGb: 50,
    maxAllocatedStorageGb: 500,
    multiAz: true,
    backupRetentionDays: 14,
    deletionProtection: true,
  },
  cache: { nodeType: "cache.t4g.small", replicas: 2, snapshotRetentionDays: 7 },
  alarms: { emails: ["news-oncall@example.com"] },
  budget: { monthlyUsd: 600 }, // estimate ~$357 before autoscaling above 2 tasks
  // Rollback targets: prod waits for approval while dev and staging move on.
  images: { keepPrevious: 10 },
  waf: { enabled: true, rateLimitPer5Minutes: 2000 },
};
