import { synthesizedApp, TerraformJson } from "./support/synth";
import { Resource, resourcesOfType } from "./support/terraform-json";

/** The range a metric's datapoints can take, in the stack that alarms on it. */
interface Bounds {
  readonly min: number;
  readonly max: number;
}
type BoundsOf = (stack: TerraformJson, dimensions: Record<string, string>) => Bounds;

const GIB = 1024 ** 3;
const percent: BoundsOf = () => ({ min: 0, max: 100 });
const unbounded: BoundsOf = () => ({ min: 0, max: Infinity });

/** The one resource of `type` in the stack, failing loudly otherwise. */
function only(stack: TerraformJson, type: string): Resource {
  const found = resourcesOfType(stack, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The database instance a metric's DBInstanceIdentifier dimension names. */
function database(stack: TerraformJson, dimensions: Record<string, string>): Resource {
  const db = resourcesOfType(stack, "aws_db_instance").find((d) => d.values.identifier === dimensions.DBInstanceIdentifier);
  if (!db) throw new Error(`no aws_db_instance with identifier ${dimensions.DBInstanceIdentifier}`);
  return db;
}

/** max_connections as the database's parameter group sets it: the most connections PostgreSQL accepts. */
function maxConnections(stack: TerraformJson, dimensions: Record<string, string>): Bounds {
  const db = database(stack, dimensions);
  const group = resourcesOfType(stack, "aws_db_parameter_group").find(
    (g) => db.values.parameter_group_name === `\${aws_db_parameter_group.${g.name}.name}`,
  );
  const setting = group?.values.parameter?.find((p: { name: string }) => p.name === "max_connections");
  if (!setting)
    throw new Error(`${db.values.identifier}: max_connections is not set in its parameter group, so no alarm can know the limit`);
  return { min: 0, max: Number(setting.value) };
}

/** The most tasks the service can run: its scalable target's maximum. */
const tasks: BoundsOf = (stack) => ({ min: 0, max: Number(only(stack, "aws_appautoscaling_target").values.max_capacity) });

/**
 * Every metric an alarm of ours watches, with the range it can take. A metric missing here fails the
 * test: decide its bounds before alarming on it.
 */
const METRIC_BOUNDS: Record<string, BoundsOf> = {
  "AWS/ECS/CPUUtilization": percent,
  "AWS/ECS/MemoryUtilization": percent,
  "AWS/RDS/CPUUtilization": percent,
  "AWS/ElastiCache/EngineCPUUtilization": percent,
  "AWS/ElastiCache/DatabaseMemoryUsagePercentage": percent,
  "AWS/RDS/DatabaseConnections": maxConnections,
  "AWS/RDS/FreeStorageSpace": (stack, dimensions) => ({
    min: 0,
    max: Number(database(stack, dimensions).values.max_allocated_storage) * GIB,
  }),
  "ECS/ContainerInsights/RunningTaskCount": tasks,
  "ECS/ContainerInsights/DesiredTaskCount": tasks,
  "AWS/ApplicationELB/UnHealthyHostCount": tasks,
  "AWS/ApplicationELB/HealthyHostCount": tasks,
  "AWS/ApplicationELB/HTTPCode_Target_5XX_Count": unbounded,
  "AWS/ApplicationELB/TargetResponseTime": unbounded,
  "AWS/ElastiCache/Evictions": unbounded,
  "AWS/Billing/EstimatedCharges": unbounded,
};
/** The service's own log metrics (`<project>-<env>/news-api`): counts of log lines. */
const LOG_METRIC_NAMESPACE = /^[a-z0-9]+-[a-z0-9]+\/news-api$/;

function metricBounds(stack: TerraformJson, namespace: string, name: string, dimensions: Record<string, string> = {}): Bounds {
  if (LOG_METRIC_NAMESPACE.test(namespace)) return unbounded(stack, dimensions);
  const bounds = METRIC_BOUNDS[`${namespace}/${name}`];
  if (!bounds) throw new Error(`no bounds known for ${namespace}/${name}: add it to METRIC_BOUNDS`);
  return bounds(stack, dimensions);
}

/** Bounds of a metric-math alarm's returned expression: MAX/MIN/SUM over metrics, or a difference. */
function expressionBounds(stack: TerraformJson, queries: any[]): Bounds {
  const byId = new Map<string, Bounds>(
    queries.filter((q) => q.metric).map((q) => [q.id, metricBounds(stack, q.metric.namespace, q.metric.metric_name, q.metric.dimensions)]),
  );
  const get = (id: string) =>
    byId.get(id.trim()) ??
    (() => {
      throw new Error(`unknown query id ${id}`);
    })();
  const expression: string = queries.find((q) => q.return_data === true || q.expression)!.expression;
  const aggregate = /^(MAX|MIN|SUM)\(\[([^\]]+)\]\)$/.exec(expression);
  if (aggregate) {
    const parts = aggregate[2].split(",").map(get);
    if (aggregate[1] === "SUM") return { min: parts.reduce((a, b) => a + b.min, 0), max: parts.reduce((a, b) => a + b.max, 0) };
    return { min: Math.min(...parts.map((b) => b.min)), max: Math.max(...parts.map((b) => b.max)) };
  }
  const difference = /^(\w+) - (\w+)$/.exec(expression);
  if (difference) {
    const [a, b] = [get(difference[1]), get(difference[2])];
    return { min: a.min - b.max, max: a.max - b.min };
  }
  throw new Error(`no bounds rule for the expression ${expression}: add one to expressionBounds`);
}

/** True when some datapoint within `bounds` crosses the threshold the way the operator asks. */
function reachable(operator: string, threshold: number, { min, max }: Bounds): boolean {
  switch (operator) {
    case "GreaterThanThreshold":
      return threshold < max;
    case "GreaterThanOrEqualToThreshold":
      return threshold <= max;
    case "LessThanThreshold":
      return threshold > min;
    case "LessThanOrEqualToThreshold":
      return threshold >= min;
    default:
      throw new Error(`unexpected comparison ${operator}`);
  }
}

const app = synthesizedApp();
const stacks: [string, TerraformJson][] = [
  ["news-shared", app.shared],
  ...Object.entries(app.environments).map(([n, s]): [string, TerraformJson] => [`news-${n}`, s]),
];
const alarms = stacks.flatMap(([stackName, stack]) =>
  resourcesOfType(stack, "aws_cloudwatch_metric_alarm").map((a): [string, TerraformJson, Record<string, any>] => [
    `${stackName}: ${a.values.alarm_name}`,
    stack,
    a.values,
  ]),
);

test("every stack has metric alarms to check", () => {
  expect(stacks.every(([, stack]) => resourcesOfType(stack, "aws_cloudwatch_metric_alarm").length > 0)).toBe(true);
});

test.each(alarms)("%s can fire: its threshold lies within what its metric can reach", (_, stack, alarm) => {
  const bounds = alarm.metric_query
    ? expressionBounds(stack, alarm.metric_query)
    : metricBounds(stack, alarm.namespace, alarm.metric_name, alarm.dimensions);
  expect({
    operator: alarm.comparison_operator,
    threshold: alarm.threshold,
    bounds,
    reachable: reachable(alarm.comparison_operator, alarm.threshold, bounds),
  }).toEqual({
    operator: alarm.comparison_operator,
    threshold: alarm.threshold,
    bounds,
    reachable: true,
  });
});

describe("the connections alarm and the database agree on max_connections", () => {
  test.each(Object.entries(app.environments))("news-%s", (_, stack) => {
    const alarm = resourcesOfType(stack, "aws_cloudwatch_metric_alarm").find((a) => a.values.metric_name === "DatabaseConnections")!.values;
    const { max } = maxConnections(stack, alarm.dimensions);
    expect(alarm.threshold).toBeLessThan(max);
    expect(alarm.alarm_description).toContain(`(${max})`);
  });
});
