import { existsSync } from "node:fs";
import { join } from "node:path";
import { validatePlatform } from "../environments";
import type { EnvironmentConfig } from "../environments/schema";
import { postgresMaxConnections } from "../modules/aws-limits";
import { RUNBOOK_DIR } from "../modules/monitoring/runbooks";
import { realEnvironments, synthesizedApp, synthesizeEnvironment, synthesizeWithPlatform } from "./support/synth";
import { reference, refersTo, resourceNamed, resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();
const environments = realEnvironments();
const repoRoot = join(__dirname, "..");

/** Every alarm must link a runbook page that exists in this repository. */
function expectRunbookLink(description: string) {
  const match = /Runbook: https:\/\/github\.com\/example-org\/newsstack\/blob\/main\/(docs\/runbooks\/[a-z0-9-]+\.md)$/.exec(description);
  expect(match).not.toBeNull();
  expect(existsSync(join(repoRoot, match![1]))).toBe(true);
}

/** Thresholds derived from sizes, pinned for the shipped config (a share of allocated storage, of max_connections). */
const PINNED_THRESHOLDS: Record<string, { rdsFreeStorageBytes: number; rdsConnections: number }> = {
  dev: { rdsFreeStorageBytes: 2147483648, rdsConnections: 64 }, // 10 % of 20 GiB; 80 % of db.t4g.micro's 81
  staging: { rdsFreeStorageBytes: 2147483648, rdsConnections: 152 }, // 10 % of 20 GiB; 80 % of db.t4g.small's 190
  prod: { rdsFreeStorageBytes: 5368709120, rdsConnections: 326 }, // 10 % of 50 GiB; 80 % of db.t4g.medium's 408
};

describe.each(environments.map((e) => [e.name, e] as const))("observability of %s", (name, env) => {
  const stack = app.environments[name];
  const [topic] = resourcesOfType(stack, "aws_sns_topic");
  const topicArn = reference("aws_sns_topic", topic, "arn");
  const alarms = resourcesOfType(stack, "aws_cloudwatch_metric_alarm");
  const alarm = (suffix: string) => alarms.find((a) => a.values.alarm_name === `news-${name}-${suffix}`)!.values;

  test("one encrypted alert topic that CloudWatch and Budgets may publish to, with the configured e-mails", () => {
    expect(resourcesOfType(stack, "aws_sns_topic")).toHaveLength(1);
    expect(topic.values.name).toBe(`news-${name}-alerts`);
    expect(topic.values.kms_master_key_id).toBe(reference("aws_kms_key", resourceNamed(stack, "aws_kms_key", "key_"), "arn"));
    const policy = JSON.parse(resourcesOfType(stack, "aws_sns_topic_policy")[0].values.policy);
    const publishers = policy.Statement.filter((s: any) => s.Effect === "Allow" && s.Principal.Service).flatMap(
      (s: any) => s.Principal.Service,
    );
    expect(publishers.sort()).toEqual(["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]);
    for (const s of policy.Statement.filter((s: any) => s.Principal.Service))
      expect(s.Condition.StringEquals["aws:SourceAccount"]).toBeDefined();
    const subscriptions = resourcesOfType(stack, "aws_sns_topic_subscription").map((s) => s.values);
    expect(subscriptions.map((s) => s.endpoint)).toEqual(env.alarms.emails);
    for (const s of subscriptions) expect(s).toMatchObject({ protocol: "email", topic_arn: topicArn });
  });

  test("the environment key lets CloudWatch and Budgets publish to topics encrypted with it", () => {
    const policy = JSON.parse(resourceNamed(stack, "aws_kms_key", "key_").values.policy);
    const statement = policy.Statement.find((s: any) => s.Sid === "AlarmsAndBudgetsPublishToEncryptedTopics");
    expect(statement.Principal.Service).toEqual(["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]);
  });

  test("every alarm notifies the topic on ALARM and OK, treats missing data deliberately and links an existing runbook", () => {
    expect(alarms.length).toBe(13);
    for (const { values } of alarms) {
      expect(values.alarm_actions).toEqual([topicArn]);
      expect(values.ok_actions).toEqual([topicArn]);
      expect(["breaching", "notBreaching", "ignore", "missing"]).toContain(values.treat_missing_data);
      expectRunbookLink(values.alarm_description);
    }
    const [composite] = resourcesOfType(stack, "aws_cloudwatch_composite_alarm");
    expect(composite.values.alarm_actions).toEqual([topicArn]);
    expectRunbookLink(composite.values.alarm_description);
  });

  test("golden-signal alarms use the thresholds and windows the runbook and the config ask for", () => {
    expect(alarm("target-5xx")).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metric_name: "HTTPCode_Target_5XX_Count",
      statistic: "Sum",
      threshold: env.alarms.target5xxPer5Minutes,
      period: 300,
      evaluation_periods: 1,
      treat_missing_data: "notBreaching",
    });
    expect(alarm("latency-p99")).toMatchObject({
      metric_name: "TargetResponseTime",
      extended_statistic: "p99",
      threshold: env.alarms.p99LatencySeconds,
      period: 300,
      evaluation_periods: 2,
    });
    expect(alarm("latency-p99").statistic).toBeUndefined();
    expect(alarm("ecs-cpu")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "CPUUtilization",
      threshold: env.alarms.ecsCpuPercent,
      evaluation_periods: 2,
    });
    expect(alarm("ecs-memory")).toMatchObject({ metric_name: "MemoryUtilization", threshold: env.alarms.ecsMemoryPercent });
    // With two target groups (blue-green, canary, linear) the alarm takes the MAX over both: test/progressive-delivery.test.ts.
    const unhealthy = alarm("unhealthy-targets");
    const unhealthyMetric = unhealthy.metric_name ?? unhealthy.metric_query.find((q: any) => q.metric).metric.metric_name;
    expect(unhealthyMetric).toBe("UnHealthyHostCount");
    expect(unhealthy).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 0 });
    expect(alarm("rds-cpu")).toMatchObject({
      namespace: "AWS/RDS",
      threshold: env.alarms.rdsCpuPercent,
      dimensions: { DBInstanceIdentifier: `news-${name}-db` },
    });
    expect(alarm("rds-free-storage")).toMatchObject({
      comparison_operator: "LessThanThreshold",
      threshold: PINNED_THRESHOLDS[name].rdsFreeStorageBytes,
    });
    expect(alarm("rds-connections").threshold).toBe(PINNED_THRESHOLDS[name].rdsConnections);
    expect(alarm("application-errors")).toMatchObject({
      namespace: `news-${name}/news-api`,
      metric_name: "ApplicationErrors",
      threshold: env.alarms.applicationErrorsPer5Minutes,
    });
  });

  test("Redis alarms cover every node of the replication group", () => {
    const nodes = env.cache.replicas + 1;
    for (const suffix of ["redis-cpu", "redis-memory", "redis-evictions"]) {
      const queries = alarm(suffix).metric_query;
      const metrics = queries.filter((q: any) => q.metric);
      expect(metrics.map((q: any) => q.metric.dimensions.CacheClusterId)).toEqual(
        Array.from({ length: nodes }, (_, i) => `news-${name}-cache-00${i + 1}`),
      );
      expect(queries.find((q: any) => q.return_data).expression).toMatch(suffix === "redis-evictions" ? /^SUM\(/ : /^MAX\(/);
    }
    expect(alarm("redis-evictions")).toMatchObject({ threshold: 0, comparison_operator: "GreaterThanThreshold" });
  });

  test("the composite alarm combines the user-facing alarms; ECS deployments roll back on 5XX, p99 latency or unhealthy targets", () => {
    const [composite] = resourcesOfType(stack, "aws_cloudwatch_composite_alarm");
    expect(composite.values.alarm_name).toBe(`news-${name}-service-unhealthy`);
    const rule: string = composite.values.alarm_rule;
    for (const key of ["target5xx", "latencyP99", "unhealthyTargets", "runningTasksLow"]) {
      expect(rule).toContain(
        `ALARM("\${aws_cloudwatch_metric_alarm.${resourceNamed(stack, "aws_cloudwatch_metric_alarm", `alarms_${key}_`).name}.alarm_name}")`,
      );
    }
    expect(rule.split(" OR ")).toHaveLength(4);
    const [service] = resourcesOfType(stack, "aws_ecs_service");
    expect(service.values.alarms).toEqual({
      enable: true,
      rollback: true,
      alarm_names: ["target5xx", "latencyP99", "unhealthyTargets"].map((k) =>
        reference("aws_cloudwatch_metric_alarm", resourceNamed(stack, "aws_cloudwatch_metric_alarm", `alarms_${k}_`), "alarm_name"),
      ),
    });
  });

  test(`the golden-signals dashboard is ${env.dashboard.enabled ? "there" : "off"} as configured, with its output`, () => {
    expect(resourcesOfType(stack, "aws_cloudwatch_dashboard")).toHaveLength(env.dashboard.enabled ? 1 : 0);
    expect(stack.output?.dashboard_name !== undefined).toBe(env.dashboard.enabled);
  });

  if (env.dashboard.enabled)
    test("the golden-signals dashboard graphs latency, traffic, errors and saturation of every tier", () => {
      const [dashboard] = resourcesOfType(stack, "aws_cloudwatch_dashboard");
      expect(dashboard.values.dashboard_name).toBe(`news-${name}-golden-signals`);
      const body = JSON.parse(dashboard.values.dashboard_body);
      const titles = body.widgets.filter((w: any) => w.type === "metric").map((w: any) => w.properties.title);
      expect(titles).toEqual([
        "Latency (s)",
        "Traffic (requests)",
        "Errors",
        "ECS CPU / memory (%)",
        "Tasks",
        "RDS CPU (%) / connections",
        "RDS free storage (bytes)",
        "RDS latency (s)",
        "Redis engine CPU / memory (%)",
        "Redis evictions",
        "Redis cache hit rate (%)",
      ]);
      const widget = (title: string) => body.widgets.find((w: any) => w.properties.title === title).properties;
      expect(widget("Latency (s)").metrics.map((m: any[]) => m[m.length - 1].stat)).toEqual(["Average", "p90", "p99"]);
      expect(widget("Errors").metrics.map((m: any[]) => m[1])).toEqual([
        "HTTPCode_Target_5XX_Count",
        "HTTPCode_ELB_5XX_Count",
        "HTTPCode_Target_4XX_Count",
      ]);
      expect(widget("Redis cache hit rate (%)").metrics).toHaveLength(env.cache.replicas + 1);
      for (const w of body.widgets) {
        expect(w.x + w.width).toBeLessThanOrEqual(24);
        if (w.type === "metric") expect(w.properties.region).toBe(env.region);
      }
      const text = body.widgets.find((w: any) => w.type === "text").properties.markdown;
      expect(text).toContain("https://github.com/example-org/newsstack/blob/main/docs/runbooks/service-unhealthy.md");
    });

  test("Logs Insights queries over the service's pino fields are saved, and error lines are counted", () => {
    const [service] = resourcesOfType(stack, "aws_ecs_task_definition");
    const logGroup = JSON.parse(service.values.container_definitions)[0].logConfiguration.options["awslogs-group"];
    const queries = resourcesOfType(stack, "aws_cloudwatch_query_definition").map((q) => q.values);
    expect(queries.map((q) => q.name).sort()).toEqual(
      ["5xx-over-time", "errors-by-route", "p99-latency-by-route", "slowest-requests", "top-client-ips"].map((q) => `news-${name}/${q}`),
    );
    for (const q of queries) expect(q.log_group_names).toEqual([logGroup]);
    const byName = (q: string) => queries.find((d) => d.name === `news-${name}/${q}`)!.query_string;
    expect(byName("p99-latency-by-route")).toContain("pct(latency_ms, 99)");
    expect(byName("errors-by-route")).toMatch(/by route/);
    expect(byName("top-client-ips")).toContain("by client_ip");
    const [filter] = resourcesOfType(stack, "aws_cloudwatch_log_metric_filter");
    expect(filter.values).toMatchObject({ log_group_name: logGroup, pattern: '{ $.level = "error" || $.level = "fatal" }' });
  });

  test("a monthly cost budget on the environment's tag notifies at 80% actual and 100% forecasted", () => {
    const [budget] = resourcesOfType(stack, "aws_budgets_budget");
    expect(budget.values).toMatchObject({
      budget_type: "COST",
      time_unit: "MONTHLY",
      limit_unit: "USD",
      limit_amount: env.budget.monthlyUsd.toFixed(2),
      cost_filter: [{ name: "TagKeyValue", values: [`user:Environment$${name}`] }],
    });
    expect(budget.values.notification.map((n: any) => [n.threshold, n.notification_type, n.subscriber_sns_topic_arns])).toEqual([
      [80, "ACTUAL", [topicArn]],
      [100, "FORECASTED", [topicArn]],
    ]);
  });

  test(`WAF is ${env.waf.enabled ? "on" : "off"} as configured`, () => {
    const acls = resourcesOfType(stack, "aws_wafv2_web_acl");
    if (!env.waf.enabled) {
      expect(acls).toHaveLength(0);
      return;
    }
    const acl = acls[0].values;
    expect(acl.scope).toBe("REGIONAL");
    expect(acl.rule.map((r: any) => r.name)).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "rate-limit-per-ip",
    ]);
    expect(acl.rule[3].statement.rate_based_statement).toMatchObject({ limit: env.waf.rateLimitPer5Minutes, aggregate_key_type: "IP" });
    // The API takes bodies up to 256 KiB: the common set's 8 KiB body rule only counts.
    expect(acl.rule[1].statement.managed_rule_group_statement.rule_action_override).toEqual([
      { name: "SizeRestrictions_BODY", action_to_use: { count: {} } },
    ]);
    const [association] = resourcesOfType(stack, "aws_wafv2_web_acl_association");
    expect(refersTo(association.values.resource_arn, "aws_lb", resourcesOfType(stack, "aws_lb")[0])).toBe(true);
    const [logging] = resourcesOfType(stack, "aws_wafv2_web_acl_logging_configuration");
    expect(logging.values.redacted_fields).toEqual([
      { single_header: { name: "authorization" } },
      { single_header: { name: "x-api-key" } },
    ]);
    const wafLogs = resourcesOfType(stack, "aws_cloudwatch_log_group").find((g) => g.values.name.startsWith("aws-waf-logs-"))!;
    expect(logging.values.log_destination_configs).toEqual([reference("aws_cloudwatch_log_group", wafLogs, "arn")]);
    expect(wafLogs.values.kms_key_id).toBeDefined();
  });
});

describe("running-tasks alarm follows the schedules", () => {
  test("dev scales to zero at night: it watches running < desired instead of a fixed minimum", () => {
    const dev = resourcesOfType(app.environments.dev, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "news-dev-running-tasks-low",
    )!.values;
    expect(dev.metric_query[0]).toMatchObject({ expression: "desired - running", return_data: true });
    expect(dev).toMatchObject({ threshold: 0, treat_missing_data: "notBreaching" });
  });

  test("prod keeps its minimum: fewer running than minTasks alarms, and silence counts as breaching", () => {
    const prodEnv = environments.find((e) => e.name === "prod")!;
    const prod = resourcesOfType(app.environments.prod, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "news-prod-running-tasks-low",
    )!.values;
    expect(prod).toMatchObject({
      namespace: "ECS/ContainerInsights",
      metric_name: "RunningTaskCount",
      comparison_operator: "LessThanThreshold",
      threshold: prodEnv.service.minTasks,
      treat_missing_data: "breaching",
    });
  });
});

describe("per-environment overrides", () => {
  const base = environments.find((e) => e.name === "staging")!;
  const variant = (change: (e: EnvironmentConfig) => EnvironmentConfig) => synthesizeEnvironment(change(structuredClone(base)));

  test("changing a threshold in the config changes the alarm and the dashboard line", () => {
    const stack = variant((e) => ({ ...e, alarms: { ...e.alarms, p99LatencySeconds: 2.5, target5xxPer5Minutes: 50 } }));
    const alarms = resourcesOfType(stack, "aws_cloudwatch_metric_alarm").map((a) => a.values);
    expect(alarms.find((a) => a.alarm_name.endsWith("latency-p99"))!.threshold).toBe(2.5);
    expect(alarms.find((a) => a.alarm_name.endsWith("target-5xx"))!.threshold).toBe(50);
    const body = JSON.parse(resourcesOfType(stack, "aws_cloudwatch_dashboard")[0].values.dashboard_body);
    expect(body.widgets.find((w: any) => w.properties.title === "Latency (s)").properties.annotations.horizontal[0].value).toBe(2.5);
  });

  test("a bigger database class raises the connections threshold", () => {
    const stack = variant((e) => ({ ...e, database: { ...e.database, instanceClass: "db.r6g.large" } }));
    const alarm = resourcesOfType(stack, "aws_cloudwatch_metric_alarm").find((a) => a.values.alarm_name.endsWith("rds-connections"))!;
    expect(alarm.values.threshold).toBe(1376); // 80 % of 1720
    expect(postgresMaxConnections("db.r6g.large")).toBe(1720); // 16 GiB: below the 1802 of the nominal memory
  });

  test("turning the WAF off removes it and its logs", () => {
    const stack = variant((e) => ({ ...e, waf: { ...e.waf, enabled: false } }));
    expect(resourcesOfType(stack, "aws_wafv2_web_acl")).toHaveLength(0);
    expect(resourcesOfType(stack, "aws_cloudwatch_log_group").filter((g) => g.values.name.startsWith("aws-waf-logs-"))).toHaveLength(0);
  });
});

describe("billing alarm in news-shared", () => {
  test("alarms on EstimatedCharges above the platform threshold, in us-east-1, to an encrypted topic", () => {
    const shared = app.shared;
    const [alarm] = resourcesOfType(shared, "aws_cloudwatch_metric_alarm");
    expect(alarm.values).toMatchObject({
      namespace: "AWS/Billing",
      metric_name: "EstimatedCharges",
      dimensions: { Currency: "USD" },
      statistic: "Maximum",
      threshold: validatePlatform().billing.alarmThresholdUsd,
      period: 21600,
    });
    expectRunbookLink(alarm.values.alarm_description);
    const [topic] = resourcesOfType(shared, "aws_sns_topic");
    expect(alarm.values.alarm_actions).toEqual([reference("aws_sns_topic", topic, "arn")]);
    expect(topic.values.kms_master_key_id).toBeDefined();
    expect(shared.provider!.aws).toHaveLength(1); // the platform region is us-east-1: no second provider
  });

  test("with the platform in another region, the alarm, topic and key use a us-east-1 provider", () => {
    const shared = synthesizeWithPlatform({ ...validatePlatform(), region: "eu-west-1" }).shared;
    const providers = shared.provider!.aws as { alias?: string; region: string }[];
    expect(providers.map((p) => [p.alias ?? "default", p.region])).toEqual([
      ["default", "eu-west-1"],
      ["billing", "us-east-1"],
    ]);
    const [alarm] = resourcesOfType(shared, "aws_cloudwatch_metric_alarm");
    expect(alarm.values.provider).toBe("aws.billing");
    const billingKey = resourcesOfType(shared, "aws_kms_key").find((k) => k.values.provider === "aws.billing");
    expect(billingKey).toBeDefined();
    const topic = resourcesOfType(shared, "aws_sns_topic")[0].values;
    expect(topic).toMatchObject({ provider: "aws.billing", kms_master_key_id: reference("aws_kms_key", billingKey!, "arn") });
  });
});

describe("runbooks", () => {
  test("every page the code can link exists, and the index lists them", () => {
    const { RUNBOOK_PAGES } = jest.requireActual("../modules/monitoring/runbooks");
    for (const page of RUNBOOK_PAGES) expect(existsSync(join(repoRoot, RUNBOOK_DIR, `${page}.md`))).toBe(true);
    for (const page of ["severities", "postmortem-template", "README"])
      expect(existsSync(join(repoRoot, RUNBOOK_DIR, `${page}.md`))).toBe(true);
  });
});
