import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { requireIntInRange } from "../validate";
import { Metric } from "./metric";
import { AlarmSpec, AlarmTarget, metricAlarm } from "./metric-alarm";
import { runbookUrl } from "./runbooks";
import { ServiceMetrics } from "./service-metrics";

/** Alarm thresholds; environments/ sets them per environment. */
export interface AlarmThresholds {
  readonly target5xxPer5Minutes: number;
  readonly p99LatencySeconds: number;
  readonly ecsCpuPercent: number;
  readonly ecsMemoryPercent: number;
  readonly rdsCpuPercent: number;
  readonly rdsFreeStoragePercent: number;
  readonly rdsConnectionsPercentOfMax: number;
  readonly redisCpuPercent: number;
  readonly redisMemoryPercent: number;
}

export interface ServiceAlarmsProps extends AlarmTarget {
  readonly metrics: ServiceMetrics;
  readonly thresholds: AlarmThresholds;
  /**
   * Fewest tasks the service may legitimately run (its minimum, or a scheduled minimum below it).
   * 0 (scaled to zero on a schedule): the alarm watches running < desired instead.
   */
  readonly minimumRunningTasks: number;
  /** PostgreSQL's max_connections for the instance class. */
  readonly databaseMaxConnections: number;
  /** Allocated database storage in GiB (the free-storage threshold is a share of it). */
  readonly databaseStorageGb: number;
  /**
   * The database is stopped on a schedule: its metrics go silent then, which must not alarm.
   * @default false - silence from the database is treated as breaching (it always reports while up)
   */
  readonly databaseStopsOnSchedule?: boolean;
}

const FIVE_MINUTES = 300;
const GIB = 1024 ** 3;

/** MAX or SUM over one metric per Redis node, as a single alarm. */
function acrossNodes(fn: "MAX" | "SUM", label: string, nodes: readonly Metric[]) {
  const metrics = Object.fromEntries(nodes.map((m, i) => [`n${i + 1}`, m]));
  return { expression: `${fn}([${Object.keys(metrics).join(", ")}])`, label, metrics };
}

/**
 * The golden-signal alarms of one environment (errors, latency, saturation of every tier), each
 * notifying the topic on ALARM and OK and linking its runbook, plus a composite "service unhealthy"
 * alarm and the set of alarms that roll a bad ECS deployment back.
 */
export class ServiceAlarms extends Construct {
  public readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  public readonly serviceUnhealthy: CloudwatchCompositeAlarm;
  /** Alarms an ECS deployment watches (5XX, p99 latency, unhealthy targets): any firing during a rollout or its bake time rolls it back. */
  public readonly deploymentAlarmNames: string[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    requireIntInRange("ServiceAlarms", "minimumRunningTasks", props.minimumRunningTasks, 0, 1000);
    requireIntInRange("ServiceAlarms", "databaseMaxConnections", props.databaseMaxConnections, 1, 100_000);
    const { metrics: m, thresholds: t } = props;
    const redisNodes = m.redisCpu.length;
    // A database stopped on schedule reports nothing: expected, not an outage.
    const databaseSilence = props.databaseStopsOnSchedule ? "notBreaching" : "breaching";

    const specs: Record<string, AlarmSpec> = {
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
        metric: m.unhealthyHostsPerTargetGroup.length > 1 ? acrossNodes("MAX", "unhealthy targets", m.unhealthyHostsPerTargetGroup) : m.unhealthyHosts,
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
              metric: { expression: "desired - running", label: "tasks missing", metrics: { desired: m.desiredTasks, running: m.runningTasks } },
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
        summary: `Database connections above ${t.rdsConnectionsPercentOfMax}% of max_connections (${props.databaseMaxConnections}) for 10 minutes.`,
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
    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const [key, spec] of Object.entries(specs)) alarms[key] = metricAlarm(this, key, props, spec);
    this.alarms = alarms;

    const userFacing = [alarms.target5xx, alarms.latencyP99, alarms.unhealthyTargets, alarms.runningTasksLow];
    this.serviceUnhealthy = new CloudwatchCompositeAlarm(this, "service-unhealthy", {
      alarmName: props.naming.name("service-unhealthy", { maxLength: NAME_LIMITS.alarm }),
      alarmDescription: `Users are affected: errors, latency, failing health checks or missing tasks. Runbook: ${runbookUrl(props.repository, "service-unhealthy")}`,
      alarmRule: userFacing.map((a) => `ALARM("${a.alarmName}")`).join(" OR "),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    this.deploymentAlarmNames = [alarms.target5xx.alarmName, alarms.latencyP99.alarmName, alarms.unhealthyTargets.alarmName];
  }
}
