import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { requireIntInRange } from "../validate";
import { AlarmTarget, metricAlarm } from "./metric-alarm";
import { runbookUrl } from "./runbooks";
import { serviceAlarmSpecs } from "./service-alarm-specs";
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
    const specs = serviceAlarmSpecs(props);
    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const [key, spec] of Object.entries(specs)) alarms[key] = metricAlarm(this, key, props, spec);
    this.alarms = alarms;

    const userFacing = [alarms.target5xx, alarms.latencyP99, alarms.unhealthyTargets, alarms.runningTasksLow];
    this.serviceUnhealthy = new CloudwatchCompositeAlarm(this, "service-unhealthy", {
      alarmName: props.naming.name("service-unhealthy", { maxLength: NAME_LIMITS.alarm }),
      alarmDescription:
        "Users are affected: errors, latency, failing health checks or missing tasks. Runbook: " +
        `${runbookUrl(props.repository, "service-unhealthy")}`,
      alarmRule: userFacing.map((a) => `ALARM("${a.alarmName}")`).join(" OR "),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    this.deploymentAlarmNames = [alarms.target5xx.alarmName, alarms.latencyP99.alarmName, alarms.unhealthyTargets.alarmName];
  }
}
