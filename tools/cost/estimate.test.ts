import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validatePlatform } from "../../environments";
import type { EnvironmentConfig } from "../../environments/schema";
import { realEnvironments, synthesizedApp, synthesizeEnvironment } from "../../test/support/synth";
import { estimateAll } from "./cost";
import { estimateStack, SynthesizedStack } from "./estimate";
import { priceTable } from "./price-table";
import { COST_END, COST_START } from "./readme-totals";
import { renderMarkdown, totalsTable } from "./render";
import { averageTasks } from "./scheduled-capacity";

const app = synthesizedApp();
const table = priceTable("us-east-1");
const environments = realEnvironments();
const estimateOf = (name: string, stack: SynthesizedStack) => estimateStack(`news-${name}`, stack, table);
const item = (estimate: ReturnType<typeof estimateOf>, prefix: string) =>
  estimate.items.find((i) => i.item.startsWith(prefix))?.monthlyUsd ?? 0;
const variant = (name: string, change: (e: EnvironmentConfig) => EnvironmentConfig) =>
  estimateOf(name, synthesizeEnvironment(change(structuredClone(environments.find((e) => e.name === name)!))));

describe("monthly cost estimate from the synthesized JSON", () => {
  const estimates = Object.fromEntries(environments.map((e) => [e.name, estimateOf(e.name, app.environments[e.name])]));

  test("itemizes compute, load balancer, database, cache and operations for every environment", () => {
    for (const env of environments) {
      const e = estimates[env.name];
      for (const prefix of [
        "Fargate",
        "Application Load Balancer",
        "RDS db.",
        "RDS gp3 storage",
        "ElastiCache",
        "KMS keys",
        "Secrets Manager",
        "CloudWatch alarms",
        "CloudWatch Logs ingestion",
      ]) {
        expect(item(e, prefix)).toBeGreaterThan(0);
      }
      // dev turns its dashboard off (dashboard.enabled): $3 a month less.
      expect(item(e, "CloudWatch dashboards")).toBe(env.dashboard.enabled ? table.prices.dashboardMonth : 0);
      expect(e.totalUsd).toBeCloseTo(
        e.items.reduce((sum, i) => sum + i.monthlyUsd, 0),
        2,
      );
    }
  });

  test("dev lands in the runbook's $45–75 range; prod costs the most", () => {
    expect(estimates.dev.totalUsd).toBeGreaterThanOrEqual(45);
    expect(estimates.dev.totalUsd).toBeLessThanOrEqual(75);
    expect(estimates.prod.totalUsd).toBeGreaterThan(estimates.staging.totalUsd);
    expect(estimates.staging.totalUsd).toBeGreaterThan(estimates.dev.totalUsd);
  });

  test("no NAT gateway in dev (tasks in public subnets), one per AZ in prod", () => {
    expect(item(estimates.dev, "NAT gateways")).toBe(0);
    expect(item(estimates.prod, "NAT gateways")).toBeCloseTo(3 * (730 * 0.045 + 10 * 0.045), 2);
  });

  test("each budget's 80% alert stays quiet at the steady-state estimate", () => {
    for (const e of environments) expect(estimates[e.name].totalUsd).toBeLessThan(0.8 * e.budget.monthlyUsd);
    const budgets = environments.reduce((sum, e) => sum + e.budget.monthlyUsd, 0);
    expect(validatePlatform().billing.alarmThresholdUsd).toBeGreaterThanOrEqual(budgets);
  });

  test("twice the minimum tasks doubles Fargate", () => {
    const doubled = variant("prod", (e) => ({ ...e, service: { ...e.service, minTasks: 4 } }));
    expect(item(doubled, "Fargate")).toBeCloseTo(2 * item(estimates.prod, "Fargate"), 1);
  });

  test("a bigger task size costs proportionally more", () => {
    const bigger = variant("staging", (e) => ({ ...e, service: { ...e.service, cpu: 512, memory: 1024 } }));
    expect(item(bigger, "Fargate")).toBeCloseTo(2 * item(estimates.staging, "Fargate"), 1);
  });

  test("multi-AZ doubles the database instance and its storage", () => {
    const single = variant("prod", (e) => ({ ...e, database: { ...e.database, multiAz: false } }));
    expect(item(single, "RDS db.")).toBeCloseTo(item(estimates.prod, "RDS db.") / 2, 2);
    expect(item(single, "RDS gp3")).toBeCloseTo(item(estimates.prod, "RDS gp3") / 2, 2);
  });

  test("a single NAT gateway instead of one per AZ saves two gateways and their addresses", () => {
    const single = variant("prod", (e) => ({ ...e, network: { ...e.network, natStrategy: "single" } }));
    expect(item(single, "NAT gateways")).toBeCloseTo(item(estimates.prod, "NAT gateways") / 3, 2);
    expect(item(single, "Public IPv4 (NAT)")).toBeCloseTo(item(estimates.prod, "Public IPv4 (NAT)") / 3, 2);
  });

  test("Redis replicas and WAF show up as configured", () => {
    const noReplicas = variant("prod", (e) => ({ ...e, cache: { ...e.cache, replicas: 0 } }));
    expect(item(noReplicas, "ElastiCache")).toBeCloseTo(item(estimates.prod, "ElastiCache") / 3, 2);
    expect(item(estimates.dev, "WAF")).toBe(0);
    expect(
      item(
        variant("prod", (e) => ({ ...e, waf: { ...e.waf, enabled: false } })),
        "WAF",
      ),
    ).toBe(0);
  });

  test("a Valkey cache is priced from the table's Valkey node rates (dev), Redis OSS from the Redis rates", () => {
    const redis = variant("dev", (e) => ({ ...e, cache: { ...e.cache, engine: "redis", engineVersion: "7.1" } }));
    expect(item(estimates.dev, "ElastiCache Valkey cache.t4g.micro")).toBeCloseTo(
      table.prices.elasticacheValkeyNodeHour["cache.t4g.micro"] * 730,
      2,
    );
    expect(item(redis, "ElastiCache cache.t4g.micro")).toBeCloseTo(table.prices.elasticacheNodeHour["cache.t4g.micro"] * 730, 2);
    expect(table.elasticacheValkeySource).toMatch(/recorded \d{4}-\d{2}-\d{2}/);
  });

  test("dev's night and weekend schedule is priced from the scheduled actions", () => {
    // 07:00–20:00 on weekdays: 65 of 168 hours with one task.
    expect(
      averageTasks(1, [
        { schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 0, maxCapacity: 0 },
        { schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 2 },
      ]),
    ).toBeCloseTo(65 / 168, 6);
    const always = variant("dev", (e) => ({ ...e, service: { ...e.service, autoscaling: { ...e.service.autoscaling, schedules: [] } } }));
    expect(item(estimates.dev, "Fargate")).toBeCloseTo((item(always, "Fargate") * 65) / 168, 1);
  });

  test("Spot tasks are priced from the table's Spot rates; staging's on-demand base at the on-demand rate", () => {
    const rate = (r: { vcpuHour: number; gbHour: number }) => (0.25 * r.vcpuHour + 0.5 * r.gbHour) * 730;
    const onDemand = variant("dev", (e) => ({ ...e, service: { ...e.service, capacity: undefined } }));
    expect(item(onDemand, "Fargate Spot")).toBe(0);
    expect(item(estimates.dev, "Fargate ARM64")).toBe(0);
    const ratio = rate(table.prices.fargateSpot.ARM64) / rate(table.prices.fargate.ARM64);
    expect(item(estimates.dev, "Fargate Spot ARM64")).toBeCloseTo(item(onDemand, "Fargate ARM64") * ratio, 1);
    // Two tasks: base 1 on FARGATE, the other on FARGATE_SPOT.
    expect(item(estimates.staging, "Fargate ARM64")).toBeCloseTo(rate(table.prices.fargate.ARM64), 1);
    expect(item(estimates.staging, "Fargate Spot ARM64")).toBeCloseTo(rate(table.prices.fargateSpot.ARM64), 1);
  });

  test("dev's database instance is priced for the hours its schedules leave it running; storage all month", () => {
    const always = variant("dev", (e) => ({ ...e, database: { ...e.database, stopSchedule: undefined } }));
    // Started in hour 6, stopped in hour 20, weekdays: 70 of 168 hours (by the hour, so rounded up).
    expect(item(estimates.dev, "RDS db.")).toBeCloseTo((item(always, "RDS db.") * 70) / 168, 1);
    expect(item(estimates.dev, "RDS gp3")).toBe(item(always, "RDS gp3"));
  });

  test("unknown sizes and regions are errors naming what is known", () => {
    const stack = structuredClone(app.environments.dev) as any;
    const db = Object.values(stack.resource.aws_db_instance)[0] as any;
    db.instance_class = "db.x9.huge";
    expect(() => estimateOf("dev", stack)).toThrow(/no RDS PostgreSQL price for db\.x9\.huge in the price table; known: db\.t4g\.micro/);
    expect(() => priceTable("eu-west-1")).toThrow("no price table for region eu-west-1: add tools/cost/prices-eu-west-1.json");
  });

  test("the price table is dated and names its source", () => {
    expect(table.recorded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.source).toMatch(/AWS/);
    expect(table.notCounted.length).toBeGreaterThan(0);
  });

  test("markdown for PR comments lists totals and every item", () => {
    const markdown = renderMarkdown([estimates.dev], table);
    expect(markdown).toContain("| news-dev | $");
    for (const i of estimates.dev.items) expect(markdown).toContain(`| ${i.item} |`);
  });

  test("the README shows the current totals (run `npm run docs` after a change)", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const block = readme.slice(readme.indexOf(COST_START) + COST_START.length, readme.indexOf(COST_END)).trim();
    const stacks: Record<string, SynthesizedStack> = Object.fromEntries([
      ...environments.map((e) => [`news-${e.name}`, app.environments[e.name]]),
      ["news-shared", app.shared],
    ]);
    expect(block).toBe(totalsTable(estimateAll(stacks)));
  });
});
