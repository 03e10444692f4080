import type { EnvironmentConfig } from "../environments/schema";
import { replaceBlock } from "./readme-block";

/**
 * The README's dev/staging/prod table, rendered from the validated config so it cannot go stale:
 * `npm run docs` rewrites it, a test fails when the README differs.
 */
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

const ROWS: [string, (e: EnvironmentConfig) => string][] = [
  ["Availability zones", (e) => String(e.network.availabilityZones.length)],
  [
    "NAT gateways",
    (e) =>
      ({ none: "none (tasks in public subnets, ingress only from the ALB)", single: "1 shared", "per-az": "1 per AZ" })[
        e.network.natStrategy
      ],
  ],
  ["Tasks (min–max)", (e) => `${e.service.minTasks}–${e.service.maxTasks}`],
  ["Task size", (e) => `${e.service.cpu / 1024} vCPU / ${e.service.memory} MiB`],
  [
    "Scaling on",
    (e) =>
      [`CPU ${e.service.autoscaling.cpuTargetPercent} %`]
        .concat(e.service.autoscaling.memoryTargetPercent !== undefined ? [`memory ${e.service.autoscaling.memoryTargetPercent} %`] : [])
        .concat(e.service.autoscaling.requestsPerTarget !== undefined ? [`${e.service.autoscaling.requestsPerTarget} req/target`] : [])
        .join(", "),
  ],
  ["Scheduled scaling", (e) => e.service.autoscaling.schedules.map((s) => `${s.name}: ${s.minTasks}–${s.maxTasks}`).join(", ") || "—"],
  [
    "Fargate capacity",
    (e) => {
      const c = e.service.capacity;
      if (!c) return "on-demand (FARGATE launch type)";
      const share = (label: string, x?: { base: number; weight: number }) => (x ? [`${label} base ${x.base}, weight ${x.weight}`] : []);
      return [...share("on-demand", c.onDemand), ...share("Spot", c.spot)].join("; ");
    },
  ],
  ["ECS Exec", (e) => (e.service.enableExec ? "on (root filesystem writable)" : "off (read-only root filesystem)")],
  ["Listener", (e) => (e.loadBalancer.domain ? "HTTPS (TLS 1.3), HTTP redirects" : "HTTP")],
  [
    "API domain",
    (e) => {
      const domain = e.loadBalancer.domain;
      if (!domain) return "— (the ALB's DNS name)";
      return (
        `${domain.name} ` +
        `(${domain.hostedZoneId ? "Route 53: certificate and alias record created" : "own certificate, DNS outside the stack"})`
      );
    },
  ],
  ["ALB deletion protection", (e) => (e.loadBalancer.deletionProtection ? "on" : "off")],
  ["PostgreSQL", (e) => `${e.database.instanceClass}, ${e.database.allocatedStorageGb}–${e.database.maxAllocatedStorageGb} GiB gp3`],
  [
    "PostgreSQL stopped",
    (e) =>
      e.database.stopSchedule
        ? `${e.database.stopSchedule.stopAt} → ${e.database.stopSchedule.startAt} (${e.database.stopSchedule.timezone})`
        : "never",
  ],
  ["PostgreSQL multi-AZ", (e) => (e.database.multiAz ? "yes" : "no")],
  ["Backups", (e) => days(e.database.backupRetentionDays)],
  ["Deletion protection + final snapshot", (e) => (e.database.deletionProtection ? "yes" : "no")],
  [
    "Redis",
    (e) =>
      `${e.cache.engine === "valkey" ? "Valkey" : "Redis OSS"} ${e.cache.engineVersion}, ${e.cache.nodeType} × ${1 + e.cache.replicas}`,
  ],
  ["Redis failover / multi-AZ", (e) => (e.cache.replicas >= 1 ? "yes" : "no")],
  ["Redis snapshots", (e) => (e.cache.snapshotRetentionDays > 0 ? days(e.cache.snapshotRetentionDays) : "none")],
  ["Golden-signals dashboard", (e) => (e.dashboard.enabled ? "yes" : "no (alarms and Logs Insights queries only)")],
  ["Log retention", (e) => days(e.logRetentionDays)],
  ["Monthly budget", (e) => `$${e.budget.monthlyUsd}`],
];

export const TABLE_START = "<!-- environment-table:start (npm run docs) -->";
export const TABLE_END = "<!-- environment-table:end -->";

export function renderEnvironmentTable(environments: readonly EnvironmentConfig[]): string {
  const header = `| | ${environments.map((e) => e.name).join(" | ")} |`;
  const rule = `| --- | ${environments.map(() => "---").join(" | ")} |`;
  const rows = ROWS.map(([label, cell]) => `| ${label} | ${environments.map(cell).join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}

/** The README with its table block replaced by a fresh rendering. */
export const withFreshTable = (readme: string, table: string) => replaceBlock(readme, TABLE_START, TABLE_END, table);
