import { Construct } from "constructs";
import type { EnvironmentConfig, PlatformConfig } from "../environments/schema";
import { Cache } from "../modules/cache/cache";
import { MonthlyBudget } from "../modules/cost/monthly-budget";
import { Database } from "../modules/database/database";
import { LoadBalancer } from "../modules/load-balancer/load-balancer";
import { AlertTopic } from "../modules/monitoring/alert-topic";
import { GoldenSignalsDashboard } from "../modules/monitoring/golden-signals-dashboard";
import { LogInsights } from "../modules/monitoring/log-insights";
import { ServiceAlarms } from "../modules/monitoring/service-alarms";
import { serviceMetrics } from "../modules/monitoring/service-metrics";
import { Naming } from "../modules/naming";
import { FargateService } from "../modules/service/fargate-service";
import { WebAcl } from "../modules/waf/web-acl";

export interface EnvironmentObservabilityProps {
  readonly platform: PlatformConfig;
  readonly environment: EnvironmentConfig;
  readonly naming: Naming;
  readonly accountId: string;
  readonly kmsKeyArn: string;
  readonly loadBalancer: LoadBalancer;
  readonly service: FargateService;
  readonly database: Database;
  readonly cache: Cache;
}

/**
 * Operations of one environment: alert topic, golden-signals alarms and dashboard, Logs Insights
 * queries, the monthly budget and (where configured) the WAF. Maps config onto those modules.
 */
export class EnvironmentObservability extends Construct {
  public readonly topic: AlertTopic;
  public readonly alarms: ServiceAlarms;
  /** The golden-signals dashboard, unless the environment turns it off (`dashboard.enabled`). */
  public readonly dashboard?: GoldenSignalsDashboard;
  public readonly logInsights: LogInsights;
  public readonly budget: MonthlyBudget;
  public readonly webAcl?: WebAcl;

  constructor(scope: Construct, id: string, props: EnvironmentObservabilityProps) {
    super(scope, id);
    const { environment: env, naming, platform } = props;
    const alarmsConfig = env.alarms;

    this.topic = new AlertTopic(this, "alerts", {
      naming,
      component: "alerts",
      kmsKeyArn: props.kmsKeyArn,
      accountId: props.accountId,
      emails: alarmsConfig.emails,
    });
    const target = { naming, topicArn: this.topic.topicArn, repository: platform.repository };
    const metrics = serviceMetrics({
      loadBalancerArnSuffix: props.loadBalancer.alb.arnSuffix,
      targetGroupArnSuffix: props.loadBalancer.targetGroup.arnSuffix,
      alternateTargetGroupArnSuffix: props.loadBalancer.trafficShifting?.alternateTargetGroup.arnSuffix,
      clusterName: props.service.cluster.name,
      serviceName: props.service.service.name,
      databaseIdentifier: props.database.identifier,
      cacheNodeIds: props.cache.nodeIds,
    });

    this.alarms = new ServiceAlarms(this, "alarms", {
      ...target,
      metrics,
      thresholds: alarmsConfig,
      // A schedule may legitimately take the service below its minimum (dev at night).
      minimumRunningTasks: Math.min(env.service.minTasks, ...env.service.autoscaling.schedules.map((s) => s.minTasks)),
      databaseMaxConnections: props.database.maxConnections,
      databaseStorageGb: env.database.allocatedStorageGb,
      databaseStopsOnSchedule: env.database.stopSchedule !== undefined,
    });
    props.service.rollBackOnAlarms(this.alarms.deploymentAlarmNames);

    const queryFolder = naming.prefix;
    this.logInsights = new LogInsights(this, "logs", {
      ...target,
      logGroupName: props.service.logGroupName,
      queryFolder,
      metricNamespace: `${naming.prefix}/news-api`,
      errorsPer5Minutes: alarmsConfig.applicationErrorsPer5Minutes,
    });
    if (env.dashboard.enabled)
      this.dashboard = new GoldenSignalsDashboard(this, "dashboard", {
        naming,
        region: env.region,
        metrics,
        thresholds: alarmsConfig,
        repository: platform.repository,
        queryFolder,
      });

    this.budget = new MonthlyBudget(this, "budget", {
      naming,
      limitUsd: env.budget.monthlyUsd,
      costAllocationTag: { key: "Environment", value: env.name },
      topicArn: this.topic.topicArn,
    });

    if (env.waf.enabled) {
      this.webAcl = new WebAcl(this, "waf", {
        naming,
        loadBalancerArn: props.loadBalancer.alb.arn,
        rateLimitPer5Minutes: env.waf.rateLimitPer5Minutes,
        logRetentionDays: env.logRetentionDays,
        logsKmsKeyArn: props.kmsKeyArn,
        redactedHeaders: ["authorization", "x-api-key"],
      });
    }
  }
}
