import type { EnvironmentInput } from "./schema";

/** staging: prod's shape (private tasks, replicas, backups) at smaller sizes, one NAT gateway. */
export const staging: EnvironmentInput = {
  name: "staging",
  tier: "development",
  region: "us-east-1",
  allowedAccountIds: ["123456789012"],
  costCenter: "news-staging",
  logRetentionDays: 30,
  network: {
    vpcCidr: "10.20.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natStrategy: "single",
  },
  service: {
    cpu: 256,
    memory: 512,
    minTasks: 2,
    maxTasks: 4,
    containerPort: 8080,
    autoscaling: { memoryTargetPercent: 75 },
    // One task always on-demand (a Spot reclaim never empties staging), the rest on Spot.
    capacity: { onDemand: { base: 1, weight: 0 }, spot: { base: 0, weight: 1 } },
    // prod's path without the wait: test traffic and smoke test, then all traffic; 5 minutes to roll back.
    deployment: { strategy: "blue-green", bakeMinutes: 5 },
  },
  loadBalancer: {
    // DNS managed elsewhere: bring a certificate for the name and point the name at the alb_dns_name output.
    // Example ARN, like the account id: replace with your ACM certificate (a placeholder is refused in production).
    domain: {
      name: "api.staging.news.example.com",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000002",
    },
    deletionProtection: false,
    accessLogRetentionDays: 30,
  },
  database: {
    instanceClass: "db.t4g.small",
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 100,
    multiAz: false,
    backupRetentionDays: 7,
    deletionProtection: false,
  },
  cache: { nodeType: "cache.t4g.micro", replicas: 1, snapshotRetentionDays: 1 },
  alarms: { emails: ["platform-alerts@example.com"] },
  budget: { monthlyUsd: 250 }, // estimate ~$152
  waf: { enabled: true }, // same rules as prod, so a false positive shows up here first
};
