import { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { Naming } from "../naming";
import { isPercentile, Metric } from "./metric";
import { RunbookPage, runbookUrl } from "./runbooks";

/** A metric-math expression over named metrics, e.g. MAX of one metric per Redis node. */
export interface MetricExpression {
  readonly expression: string;
  readonly label: string;
  /** Expression variable (lowercase id) → metric. */
  readonly metrics: Readonly<Record<string, Metric>>;
}

export interface AlarmSpec {
  /** Component of the alarm's name: `<project>-<env>-<name>`. */
  readonly name: string;
  /** One sentence: what crossing the threshold means. */
  readonly summary: string;
  readonly runbook: RunbookPage;
  readonly metric: Metric | MetricExpression;
  readonly comparison: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Of the evaluated periods, how many must breach (default: all). */
  readonly datapointsToAlarm?: number;
  /** Required on purpose: what no data means differs per metric (no 5XX is good, no tasks is not). */
  readonly treatMissingData: "breaching" | "notBreaching" | "ignore" | "missing";
}

export interface AlarmTarget {
  readonly naming: Naming;
  /** SNS topic notified on ALARM and on return to OK. */
  readonly topicArn: string;
  /** `<owner>/<repo>`, for runbook links. */
  readonly repository: string;
  /** Provider of another region (billing metrics live in us-east-1); default: the stack's. */
  readonly provider?: TerraformProvider;
}

const isExpression = (m: Metric | MetricExpression): m is MetricExpression => "expression" in m;

function metricQueries(spec: AlarmSpec & { metric: MetricExpression }): CloudwatchMetricAlarmMetricQuery[] {
  return [
    { id: "e1", expression: spec.metric.expression, label: spec.metric.label, returnData: true },
    ...Object.entries(spec.metric.metrics).map(([id, m]) => ({
      id,
      returnData: false,
      metric: {
        namespace: m.namespace,
        metricName: m.name,
        dimensions: { ...m.dimensions },
        period: spec.periodSeconds,
        stat: m.statistic,
      },
    })),
  ];
}

/** A metric alarm that notifies the topic on ALARM and OK and links its runbook. */
export function metricAlarm(scope: Construct, id: string, target: AlarmTarget, spec: AlarmSpec): CloudwatchMetricAlarm {
  const common = {
    alarmName: target.naming.name(spec.name, { maxLength: NAME_LIMITS.alarm }),
    alarmDescription: `${spec.summary} Runbook: ${runbookUrl(target.repository, spec.runbook)}`,
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
    treatMissingData: spec.treatMissingData,
    alarmActions: [target.topicArn],
    okActions: [target.topicArn],
    provider: target.provider,
  };
  if (isExpression(spec.metric)) {
    return new CloudwatchMetricAlarm(scope, id, {
      ...common,
      metricQuery: metricQueries(spec as AlarmSpec & { metric: MetricExpression }),
    });
  }
  const m = spec.metric;
  return new CloudwatchMetricAlarm(scope, id, {
    ...common,
    namespace: m.namespace,
    metricName: m.name,
    dimensions: { ...m.dimensions },
    period: spec.periodSeconds,
    ...(isPercentile(m.statistic) ? { extendedStatistic: m.statistic } : { statistic: m.statistic }),
  });
}
