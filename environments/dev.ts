import type { EnvironmentInput } from "./schema";

/** dev: cheapest shape that still runs the whole chain; single-AZ where losing an AZ only costs time. */
export const dev: EnvironmentInput = {
  name: "dev",
  tier: "development",
  region: "us-east-1",
  allowedAccountIds: ["123456789012"],
  costCenter: "news-dev",
  logRetentionDays: 7,
  network: {
    vpcCidr: "10.10.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    natStrategy: "none", // tasks in public subnets, ingress only from the ALB: saves a NAT gateway (~$33/month)
  },
  service: {
    cpu: 256,
    memory: 512,
    minTasks: 1,
    maxTasks: 2,
    containerPort: 8080,
    enableExec: true,
    logLevel: "debug",
    // Every task on Fargate Spot: an interruption costs dev a restart, not an outage anyone pays for.
    capacity: { spot: { base: 0, weight: 1 } },
    autoscaling: {
      // Nobody uses dev at night or at weekends: no tasks then.
      schedules: [
        { name: "evening", schedule: "cron(0 20 ? * MON-FRI *)", timezone: "Europe/London", minTasks: 0, maxTasks: 0 },
        { name: "morning", schedule: "cron(0 7 ? * MON-FRI *)", timezone: "Europe/London", minTasks: 1, maxTasks: 2 },
      ],
    },
  },
  loadBalancer: { deletionProtection: false, accessLogRetentionDays: 14 },
  database: {
    instanceClass: "db.t4g.micro",
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 50,
    multiAz: false,
    backupRetentionDays: 1,
    deletionProtection: false,
    // Stopped while the service has no tasks (evening → morning, weekends); started 30 minutes before them.
    stopSchedule: { stopAt: "cron(15 20 ? * MON-FRI *)", startAt: "cron(30 6 ? * MON-FRI *)", timezone: "Europe/London" },
  },
  // Valkey: the smallest node at 20% less than Redis OSS, same protocol, AUTH token and TLS for the service.
  cache: { nodeType: "cache.t4g.micro", engine: "valkey", replicas: 0, snapshotRetentionDays: 0 },
  alarms: { emails: ["platform-alerts@example.com"] }, // without a subscriber synth warns (OPS-001): alarms would reach nobody
  budget: { monthlyUsd: 100 }, // estimate ~$54 (npm run cost): the 80% alert stays quiet in a normal month
  waf: { enabled: false }, // saves ~$10/month of rules and requests; staging runs the prod rules
  // Saves $3/month: dev is read through its alarms, Logs Insights queries and the ECS/RDS consoles; staging and prod keep it.
  dashboard: { enabled: false },
};
