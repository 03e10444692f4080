import { Metric } from "./metric";

/**
 * The metrics of one environment's runtime: ALB, ECS service, RDS instance and Redis nodes. Built
 * from the resources' identifiers; the dashboard and the alarms read them from here.
 */
export interface MonitoredResources {
  /** `arn_suffix` of the ALB (the `LoadBalancer` dimension). */
  readonly loadBalancerArnSuffix: string;
  /** `arn_suffix` of the target group (the `TargetGroup` dimension). */
  readonly targetGroupArnSuffix: string;
  /**
   * `arn_suffix` of the alternate target group ECS shifts production traffic to (blue-green, canary,
   * linear). Traffic then alternates between the two, so request metrics are read ALB-wide.
   * @default - one target group
   */
  readonly alternateTargetGroupArnSuffix?: string;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly databaseIdentifier: string;
  /** Cache cluster ids of every Redis node (`<replication group>-001`, …). */
  readonly cacheNodeIds: readonly string[];
}

export function serviceMetrics(r: MonitoredResources) {
  const metricsOf =
    (namespace: string, dimensions: Record<string, string>) =>
    (name: string, statistic: Metric["statistic"], label?: string): Metric => ({ namespace, name, dimensions, statistic, label });
  const alb = metricsOf("AWS/ApplicationELB", { LoadBalancer: r.loadBalancerArnSuffix });
  const target = metricsOf("AWS/ApplicationELB", { LoadBalancer: r.loadBalancerArnSuffix, TargetGroup: r.targetGroupArnSuffix });
  // Whichever target group serves production after a traffic shift: the ALB-wide figures cover both.
  const served = r.alternateTargetGroupArnSuffix === undefined ? target : alb;
  const targetGroups = [
    r.targetGroupArnSuffix,
    ...(r.alternateTargetGroupArnSuffix === undefined ? [] : [r.alternateTargetGroupArnSuffix]),
  ];
  const ecs = (namespace: "AWS/ECS" | "ECS/ContainerInsights", name: string, statistic: Metric["statistic"], label?: string) =>
    metricsOf(namespace, { ClusterName: r.clusterName, ServiceName: r.serviceName })(name, statistic, label);
  const rds = metricsOf("AWS/RDS", { DBInstanceIdentifier: r.databaseIdentifier });
  const redis = (name: string, statistic: Metric["statistic"]): Metric[] =>
    r.cacheNodeIds.map((node) => ({
      namespace: "AWS/ElastiCache",
      name,
      dimensions: { CacheClusterId: node },
      statistic,
      label: `${name} ${node}`,
    }));

  return {
    latency: (statistic: Metric["statistic"]) => served("TargetResponseTime", statistic, `latency ${statistic}`),
    requests: served("RequestCount", "Sum", "requests"),
    target5xx: served("HTTPCode_Target_5XX_Count", "Sum", "target 5XX"),
    target4xx: served("HTTPCode_Target_4XX_Count", "Sum", "target 4XX"),
    elb5xx: alb("HTTPCode_ELB_5XX_Count", "Sum", "ALB 5XX"),
    unhealthyHosts: target("UnHealthyHostCount", "Maximum", "unhealthy targets"),
    /** One per target group (two while ECS shifts traffic between them). */
    unhealthyHostsPerTargetGroup: targetGroups.map((tg): Metric => ({
      namespace: "AWS/ApplicationELB",
      name: "UnHealthyHostCount",
      dimensions: { LoadBalancer: r.loadBalancerArnSuffix, TargetGroup: tg },
      statistic: "Maximum",
      label: `unhealthy targets ${tg}`,
    })),
    healthyHosts: target("HealthyHostCount", "Minimum", "healthy targets"),
    ecsCpu: ecs("AWS/ECS", "CPUUtilization", "Average", "CPU %"),
    ecsMemory: ecs("AWS/ECS", "MemoryUtilization", "Average", "memory %"),
    runningTasks: ecs("ECS/ContainerInsights", "RunningTaskCount", "Minimum", "running tasks"),
    desiredTasks: ecs("ECS/ContainerInsights", "DesiredTaskCount", "Maximum", "desired tasks"),
    rdsCpu: rds("CPUUtilization", "Average", "CPU %"),
    rdsConnections: rds("DatabaseConnections", "Maximum", "connections"),
    rdsFreeStorage: rds("FreeStorageSpace", "Minimum", "free storage (bytes)"),
    rdsReadLatency: rds("ReadLatency", "Average", "read latency (s)"),
    rdsWriteLatency: rds("WriteLatency", "Average", "write latency (s)"),
    redisCpu: redis("EngineCPUUtilization", "Average"),
    redisMemory: redis("DatabaseMemoryUsagePercentage", "Average"),
    redisEvictions: redis("Evictions", "Sum"),
    redisHitRate: redis("CacheHitRate", "Average"),
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
