import { priced, PriceTable } from "./price-table";
import { splitTasks } from "./capacity-split";
import { runningShare, SCHEDULE_RUNS_PER_MONTH } from "./database-schedule";
import { weeklyTasks } from "./scheduled-capacity";

/** The parts of a synthesized stack (cdk.tf.json) the estimate reads. */
export interface SynthesizedStack {
  readonly provider?: { readonly aws?: readonly { readonly region?: string; readonly alias?: string }[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, any>>>>;
}

export interface LineItem {
  readonly item: string;
  /** How the amount was computed: quantities, prices, assumptions. */
  readonly detail: string;
  readonly monthlyUsd: number;
}

export interface Estimate {
  readonly stack: string;
  readonly region: string;
  readonly items: LineItem[];
  readonly totalUsd: number;
}

/** Unit prices as the table has them (e.g. $0.03238), amounts to the cent. */
const money = (usd: number) => (usd < 1 ? `$${usd}` : `$${usd.toFixed(2)}`);

/** Region of the stack's default AWS provider, as synthesized. */
export const stackRegion = (stack: SynthesizedStack): string | undefined => stack.provider?.aws?.find((p) => !p.alias)?.region;

/** Itemized monthly estimate of one synthesized stack, from its resources and the price table. */
/** What each part of the estimate reads: the stack, prices and assumptions, and where items go. */
interface Pricing {
  readonly stackId: string;
  readonly stack: SynthesizedStack;
  readonly p: PriceTable["prices"];
  readonly a: PriceTable["assumptions"];
  /** Hours per month. */
  readonly H: number;
  readonly all: (type: string) => Record<string, any>[];
  readonly add: (item: string, detail: string, monthlyUsd: number) => void;
}

export function estimateStack(stackId: string, stack: SynthesizedStack, table: PriceTable): Estimate {
  const region = stackRegion(stack);
  if (!region) throw new Error(`${stackId}: no default aws provider region in the synthesized JSON`);
  if (region !== table.region) throw new Error(`${stackId} is in ${region}; the price table is for ${table.region}`);
  const items: LineItem[] = [];
  const pricing: Pricing = {
    stackId,
    stack,
    p: table.prices,
    a: table.assumptions,
    H: table.assumptions.hoursPerMonth,
    all: (type) => Object.values(stack.resource?.[type] ?? {}),
    add: (item, detail, monthlyUsd) => {
      if (monthlyUsd > 0) items.push({ item, detail, monthlyUsd: Math.round(monthlyUsd * 100) / 100 });
    },
  };
  const taskMonths = computeItems(pricing);
  networkItems(pricing);
  dataItems(pricing);
  monitoringItems(pricing, taskMonths);
  firewallItems(pricing);
  const totalUsd = Math.round(items.reduce((sum, i) => sum + i.monthlyUsd, 0) * 100) / 100;
  return { stack: stackId, region, items, totalUsd };
}

/** Fargate tasks (and their public addresses); returns the average tasks running, for log volume. */
function computeItems({ stackId, stack, p, H, all, add }: Pricing): number {
  // Compute: every service's task size × its tasks, following scheduled scale-downs.
  let taskMonths = 0;
  for (const service of all("aws_ecs_service")) {
    // The service runs the task definition it refers to ("${aws_ecs_task_definition.<name>.arn}").
    const definition = Object.entries(stack.resource?.aws_ecs_task_definition ?? {}).find(([name]) =>
      String(service.task_definition).includes(`aws_ecs_task_definition.${name}.`),
    )?.[1];
    if (!definition) throw new Error(`${stackId}: service ${service.name} refers to no task definition in the stack`);
    const vcpu = Number(definition.cpu) / 1024;
    const gb = Number(definition.memory) / 1024;
    const arch = definition.runtime_platform?.cpu_architecture ?? "X86_64";
    const rate = p.fargate[arch];
    if (!rate) throw new Error(`${stackId}: no Fargate price for ${arch}`);
    const schedules = all("aws_appautoscaling_scheduled_action").map((s) => ({
      schedule: s.schedule,
      minCapacity: Number(s.scalable_target_action.min_capacity),
      maxCapacity: Number(s.scalable_target_action.max_capacity),
    }));
    const hours = weeklyTasks(Number(service.desired_count), schedules);
    const tasks = hours.reduce((sum, n) => sum + n, 0) / hours.length;
    taskMonths += tasks;
    // Each hour's tasks split between FARGATE and FARGATE_SPOT as the service's strategy places them.
    const split = hours.map((n) => splitTasks(n, service.capacity_provider_strategy));
    const onDemand = split.reduce((sum, s) => sum + s.onDemand, 0) / hours.length;
    const spot = split.reduce((sum, s) => sum + s.spot, 0) / hours.length;
    const scheduled = schedules.length ? " (scheduled)" : "";
    add(
      `Fargate ${arch} tasks`,
      `${onDemand.toFixed(2)} tasks avg${scheduled} × (${vcpu} vCPU × ${money(rate.vcpuHour)} + ${gb} GB × ${money(rate.gbHour)}) × ${H} h`,
      onDemand * (vcpu * rate.vcpuHour + gb * rate.gbHour) * H,
    );
    if (spot > 0) {
      const spotRate = p.fargateSpot[arch];
      if (!spotRate) throw new Error(`${stackId}: no Fargate Spot price for ${arch}`);
      add(
        `Fargate Spot ${arch} tasks`,
        `${spot.toFixed(2)} tasks avg${scheduled} × (${vcpu} vCPU × ${money(spotRate.vcpuHour)} + ${gb} ` +
          `GB × ${money(spotRate.gbHour)}) × ${H} h`,
        spot * (vcpu * spotRate.vcpuHour + gb * spotRate.gbHour) * H,
      );
    }
    if (service.network_configuration?.assign_public_ip) {
      add("Public IPv4 (tasks)", `${tasks.toFixed(2)} tasks × ${money(p.publicIpv4Hour)} × ${H} h`, tasks * p.publicIpv4Hour * H);
    }
  }

  return taskMonths;
}

/** Load balancers, NAT gateways and their public addresses. */
function networkItems({ p, a, H, all, add }: Pricing): void {
  for (const lb of all("aws_lb")) {
    add(
      "Application Load Balancer",
      `${H} h × ${money(p.albHour)} + ${a.albAverageLcus} LCU (assumed) × ${money(p.albLcuHour)} × ${H} h`,
      H * (p.albHour + a.albAverageLcus * p.albLcuHour),
    );
    if (!lb.internal) {
      const ips = (lb.subnets as unknown[]).length;
      add("Public IPv4 (ALB)", `${ips} AZ addresses × ${money(p.publicIpv4Hour)} × ${H} h`, ips * p.publicIpv4Hour * H);
    }
  }

  const nats = all("aws_nat_gateway").length;
  add(
    "NAT gateways",
    `${nats} × (${H} h × ${money(p.natGatewayHour)} + ${a.natProcessedGbPerGatewayMonth} GB (assumed) × ${money(p.natGatewayGbProcessed)})`,
    nats * (H * p.natGatewayHour + a.natProcessedGbPerGatewayMonth * p.natGatewayGbProcessed),
  );
  add(
    "Public IPv4 (NAT)",
    `${all("aws_eip").length} Elastic IPs × ${money(p.publicIpv4Hour)} × ${H} h`,
    all("aws_eip").length * p.publicIpv4Hour * H,
  );
}

/** RDS instances and storage, ElastiCache nodes. */
function dataItems({ p, H, all, add }: Pricing): void {
  for (const db of all("aws_db_instance")) {
    const copies = db.multi_az ? 2 : 1;
    const hourly = priced(p.rdsPostgresHour, db.instance_class, "RDS PostgreSQL");
    // Instance hours are billed while it runs: scheduled stops and starts of this instance count.
    const running = runningShare(all("aws_scheduler_schedule"), db.identifier);
    const share = running < 1 ? ` × ${(running * 100).toFixed(1)}% running (scheduled stops)` : "";
    add(
      `RDS ${db.instance_class}${db.multi_az ? " multi-AZ" : ""}`,
      `${copies} × ${money(hourly)} × ${H} h${share}`,
      copies * hourly * H * running,
    );
    add(
      "RDS gp3 storage",
      `${db.allocated_storage} GB × ${copies} × ${money(p.rdsGp3GbMonth)}`,
      db.allocated_storage * copies * p.rdsGp3GbMonth,
    );
  }

  for (const group of all("aws_elasticache_replication_group")) {
    const nodes = Number(group.num_cache_clusters);
    const valkey = group.engine === "valkey";
    const hourly = valkey
      ? priced(p.elasticacheValkeyNodeHour, group.node_type, "ElastiCache for Valkey")
      : priced(p.elasticacheNodeHour, group.node_type, "ElastiCache");
    add(
      `ElastiCache ${valkey ? "Valkey " : ""}${group.node_type}`,
      `${nodes} node${nodes === 1 ? "" : "s"} × ${money(hourly)} × ${H} h`,
      nodes * hourly * H,
    );
  }
}

/** Schedules, keys, secrets, alarms, dashboards, metrics and log ingestion. */
function monitoringItems({ p, a, all, add }: Pricing, taskMonths: number): void {
  const schedules = all("aws_scheduler_schedule").length;
  add(
    "EventBridge Scheduler",
    `${schedules} schedules × ~${SCHEDULE_RUNS_PER_MONTH} runs × ${money(p.schedulerMillionInvocations)} per million`,
    (schedules * SCHEDULE_RUNS_PER_MONTH * p.schedulerMillionInvocations) / 1e6,
  );

  add("KMS keys", `${all("aws_kms_key").length} × ${money(p.kmsKeyMonth)}`, all("aws_kms_key").length * p.kmsKeyMonth);
  // RDS keeps the master password in a secret of its own when it manages it.
  const secrets = all("aws_secretsmanager_secret").length + all("aws_db_instance").filter((d) => d.manage_master_user_password).length;
  add("Secrets Manager", `${secrets} secrets × ${money(p.secretMonth)}`, secrets * p.secretMonth);

  // Alarms are billed per metric they read: a metric-math alarm counts each of its metrics.
  const alarmMetrics = all("aws_cloudwatch_metric_alarm").reduce(
    (n, alarm) => n + (alarm.metric_query ? alarm.metric_query.filter((q: any) => q.metric).length : 1),
    0,
  );
  const composites = all("aws_cloudwatch_composite_alarm").length;
  add(
    "CloudWatch alarms",
    `${all("aws_cloudwatch_metric_alarm").length} alarms on ${alarmMetrics} metrics × ` +
      `${money(p.alarmMetricMonth)} + ${composites} composite × ${money(p.compositeAlarmMonth)}`,
    alarmMetrics * p.alarmMetricMonth + composites * p.compositeAlarmMonth,
  );
  add(
    "CloudWatch dashboards",
    `${all("aws_cloudwatch_dashboard").length} × ${money(p.dashboardMonth)}`,
    all("aws_cloudwatch_dashboard").length * p.dashboardMonth,
  );
  add(
    "CloudWatch custom metrics",
    `${all("aws_cloudwatch_log_metric_filter").length} metric filters × ${money(p.customMetricMonth)}`,
    all("aws_cloudwatch_log_metric_filter").length * p.customMetricMonth,
  );
  const logGb = taskMonths * a.logIngestionGbPerTaskMonth + all("aws_flow_log").length * a.flowLogGbPerMonth;
  add(
    "CloudWatch Logs ingestion",
    `(${taskMonths.toFixed(2)} tasks × ${a.logIngestionGbPerTaskMonth} GB + ` +
      `${all("aws_flow_log").length} flow log × ${a.flowLogGbPerMonth} GB) (assumed) × ` +
      `${money(p.logIngestionGb)}`,
    logGb * p.logIngestionGb,
  );
}

/** WAF web ACLs, rules and requests. */
function firewallItems({ p, a, all, add }: Pricing): void {
  for (const acl of all("aws_wafv2_web_acl")) {
    const rules = (acl.rule as unknown[]).length;
    add(
      "WAF web ACL",
      `${money(p.wafWebAclMonth)} + ${rules} rules × ${money(p.wafRuleMonth)} + ` +
        `${a.wafMillionRequestsPerMonth} M requests (assumed) × ${money(p.wafMillionRequests)}`,
      p.wafWebAclMonth + rules * p.wafRuleMonth + a.wafMillionRequestsPerMonth * p.wafMillionRequests,
    );
  }
}
