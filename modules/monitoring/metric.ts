/**
 * A CloudWatch metric as dashboards and alarms both refer to it: namespace, name, dimensions and the
 * statistic to read. One type for both, so a dashboard graph and the alarm on it cannot disagree.
 */
export type Statistic = "Average" | "Sum" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

export interface Metric {
  readonly namespace: string;
  readonly name: string;
  /** Dimension name → value (values may be Terraform references, e.g. an ALB's arn_suffix). */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: Statistic;
  /** Legend label on dashboards. */
  readonly label?: string;
}

/** The same metric read with another statistic or label (e.g. latency p90 beside p99). */
export const withStatistic = (metric: Metric, statistic: Statistic, label?: string): Metric => ({ ...metric, statistic, label });

export const isPercentile = (statistic: Statistic): statistic is `p${number}` => /^p\d+(\.\d+)?$/.test(statistic);
