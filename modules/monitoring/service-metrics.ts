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
  const ecs = (namespace: "AWS/ECS" | "ECS/ContainerInsights", name: string, statistic: Metric["statistic"], label?: string) =>
    metricsOf(namespace, { ClusterName: r.clusterName, ServiceName: r.serviceName })(name, statistic, label);
  const rds = metricsOf("AWS/RDS", { DBInstanceIdentifier: r.databaseIdentifier });
  const redis = (name: string, statistic: Metric["statistic"]): Metric[] =>
    r.cacheNodeIds.map((node) => ({ namespace: "AWS/ElastiCache", name, dimensions: { CacheClusterId: node }, statistic, label: `${name} ${node}` }));

  return {
    latency: (statistic: Metric["statistic"]) => target("TargetResponseTime", statistic, `latency ${statistic}`),
    requests: target("RequestCount", "Sum", "requests"),
    target5xx: target("HTTPCode_Target_5XX_Count", "Sum", "target 5XX"),
    target4xx: target("HTTPCode_Target_4XX_Count", "Sum", "target 4XX"),
    elb5xx: alb("HTTPCode_ELB_5XX_Count", "Sum", "ALB 5XX"),
    unhealthyHosts: target("UnHealthyHostCount", "Maximum", "unhealthy targets"),
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
