import type { Metric } from "./metric";
import type { AlarmSpec } from "./metric-alarm";
import type { ServiceAlarmsProps } from "./service-alarms";

const FIVE_MINUTES = 300;
const GIB = 1024 ** 3;

/** MAX or SUM over one metric per Redis node, as a single alarm. */
function acrossNodes(fn: "MAX" | "SUM", label: string, nodes: readonly Metric[]) {
  const metrics = Object.fromEntries(nodes.map((m, i) => [`n${i + 1}`, m]));
  return { expression: `${fn}([${Object.keys(metrics).join(", ")}])`, label, metrics };
}

/** What the alarm table is computed from: the metrics, the thresholds and the sizes they are shares of. */
export type ServiceAlarmInputs = Pick<
  ServiceAlarmsProps,
  "metrics" | "thresholds" | "minimumRunningTasks" | "databaseMaxConnections" | "databaseStorageGb" | "databaseStopsOnSchedule"
>;

/**
 * The golden-signal alarms of one environment as a table, keyed by construct id: pure, so tests pin
 * thresholds and periods for a fixed input without synthesizing (ServiceAlarms creates one alarm per row).
 */
export function serviceAlarmSpecs(props: ServiceAlarmInputs): Record<string, AlarmSpec> {
  const { metrics: m, thresholds: t } = props;
  const redisNodes = m.redisCpu.length;
  // A database stopped on schedule reports nothing: expected, not an outage.
  const databaseSilence = props.databaseStopsOnSchedule ? "notBreaching" : "breaching";

  return {
    target5xx: {
      name: "target-5xx",
      summary: `More than ${t.target5xxPer5Minutes} 5XX responses from the service in 5 minutes.`,
      runbook: "target-5xx",
      metric: m.target5xx,
      comparison: "GreaterThanThreshold",
      threshold: t.target5xxPer5Minutes,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching", // no data = no 5XX
    },
    latencyP99: {
      name: "latency-p99",
      summary: `p99 response time above ${t.p99LatencySeconds} s for 10 minutes.`,
      runbook: "high-latency",
      metric: m.latency("p99"),
      comparison: "GreaterThanThreshold",
      threshold: t.p99LatencySeconds,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 2,
      treatMissingData: "notBreaching", // no requests, no latency
    },
    unhealthyTargets: {
      name: "unhealthy-targets",
      summary: "At least one task failed its ALB health checks for 3 minutes.",
      runbook: "unhealthy-targets",
      // The revision being deployed registers in the other target group: watch both.
      metric:
        m.unhealthyHostsPerTargetGroup.length > 1
          ? acrossNodes("MAX", "unhealthy targets", m.unhealthyHostsPerTargetGroup)
          : m.unhealthyHosts,
      comparison: "GreaterThanThreshold",
      threshold: 0,
      periodSeconds: 60,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    },
    runningTasksLow:
      props.minimumRunningTasks > 0
        ? {
            name: "running-tasks-low",
            summary: `Fewer than ${props.minimumRunningTasks} tasks running for 5 minutes.`,
            runbook: "running-tasks-low",
            metric: m.runningTasks,
            comparison: "LessThanThreshold",
            threshold: props.minimumRunningTasks,
            periodSeconds: 60,
            evaluationPeriods: 5,
            treatMissingData: "breaching", // no data = no task reporting
          }
        : {
            name: "running-tasks-low",
            summary: "Fewer tasks running than desired for 15 minutes (tasks fail to start or keep crashing).",
            runbook: "running-tasks-low",
            metric: {
              expression: "desired - running",
              label: "tasks missing",
              metrics: { desired: m.desiredTasks, running: m.runningTasks },
            },
            comparison: "GreaterThanThreshold",
            threshold: 0,
            periodSeconds: 60,
            evaluationPeriods: 15,
            treatMissingData: "notBreaching", // scaled to zero on schedule: no data is expected
          },
    ecsCpu: {
      name: "ecs-cpu",
      summary: `Service CPU above ${t.ecsCpuPercent}% for 10 minutes (autoscaling at its maximum or not keeping up).`,
      runbook: "ecs-cpu",
      metric: m.ecsCpu,
      comparison: "GreaterThanThreshold",
      threshold: t.ecsCpuPercent,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 2,
      treatMissingData: "notBreaching",
    },
    ecsMemory: {
      name: "ecs-memory",
      summary: `Service memory above ${t.ecsMemoryPercent}% for 10 minutes (out-of-memory kills follow).`,
      runbook: "ecs-memory",
      metric: m.ecsMemory,
      comparison: "GreaterThanThreshold",
      threshold: t.ecsMemoryPercent,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 2,
      treatMissingData: "notBreaching",
    },
    rdsCpu: {
      name: "rds-cpu",
      summary: `Database CPU above ${t.rdsCpuPercent}% for 15 minutes.`,
      runbook: "rds-cpu",
      metric: m.rdsCpu,
      comparison: "GreaterThanThreshold",
      threshold: t.rdsCpuPercent,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 3,
      treatMissingData: databaseSilence, // the instance always reports while up; silence means it is down
    },
    rdsFreeStorage: {
      name: "rds-free-storage",
      summary: `Database free storage below ${t.rdsFreeStoragePercent}% of the ${props.databaseStorageGb} GiB allocated.`,
      runbook: "rds-free-storage",
      metric: m.rdsFreeStorage,
      comparison: "LessThanThreshold",
      threshold: Math.round((props.databaseStorageGb * GIB * t.rdsFreeStoragePercent) / 100),
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      treatMissingData: databaseSilence,
    },
    rdsConnections: {
      name: "rds-connections",
      summary:
        `Database connections above ${t.rdsConnectionsPercentOfMax}% of max_connections ` +
        `(${props.databaseMaxConnections}) for 10 minutes.`,
      runbook: "rds-connections",
      metric: m.rdsConnections,
      comparison: "GreaterThanThreshold",
      threshold: Math.floor((props.databaseMaxConnections * t.rdsConnectionsPercentOfMax) / 100),
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 2,
      treatMissingData: databaseSilence,
    },
    redisCpu: {
      name: "redis-cpu",
      summary: `Redis engine CPU above ${t.redisCpuPercent}% on a node for 15 minutes.`,
      runbook: "redis-cpu",
      metric: acrossNodes("MAX", "busiest node engine CPU %", m.redisCpu),
      comparison: "GreaterThanThreshold",
      threshold: t.redisCpuPercent,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching", // the service runs without Redis; the ready check reports it
    },
    redisMemory: {
      name: "redis-memory",
      summary: `Redis memory above ${t.redisMemoryPercent}% on a node for 15 minutes.`,
      runbook: "redis-memory",
      metric: acrossNodes("MAX", "fullest node memory %", m.redisMemory),
      comparison: "GreaterThanThreshold",
      threshold: t.redisMemoryPercent,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    },
    redisEvictions: {
      name: "redis-evictions",
      summary: `Redis evicted keys (across ${redisNodes} node${redisNodes === 1 ? "" : "s"}): the cache is too small for its working set.`,
      runbook: "redis-evictions",
      metric: acrossNodes("SUM", "evictions", m.redisEvictions),
      comparison: "GreaterThanThreshold",
      threshold: 0,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
    },
  };
}
