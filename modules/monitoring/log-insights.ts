import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { Construct } from "constructs";
import { AlarmTarget, metricAlarm } from "./metric-alarm";

/**
 * Logs Insights queries over the news-api's pino lines. Fields (services/news-api/src/plugins/
 * request-log.ts): one `msg = "request"` line per request with request_id, method, route, url,
 * status, latency_ms, client_ip; errors have `level = "error"`.
 */
export const LOG_QUERIES: Readonly<Record<string, string>> = {
  "errors-by-route": ['filter level = "error" or status >= 500', "stats count(*) as errors by route, status", "sort errors desc"].join(
    "\n| ",
  ),
  "p99-latency-by-route": [
    'filter msg = "request"',
    "stats pct(latency_ms, 99) as p99_ms, pct(latency_ms, 50) as p50_ms, count(*) as requests by route",
    "sort p99_ms desc",
  ].join("\n| "),
  "5xx-over-time": ['filter msg = "request" and status >= 500', "stats count(*) as responses_5xx by bin(5m)"].join("\n| "),
  "slowest-requests": [
    'filter msg = "request"',
    "fields @timestamp, request_id, method, url, status, latency_ms",
    "sort latency_ms desc",
    "limit 50",
  ].join("\n| "),
  "top-client-ips": ['filter msg = "request"', "stats count(*) as requests by client_ip", "sort requests desc", "limit 25"].join("\n| "),
};

export interface LogInsightsProps extends AlarmTarget {
  /** The service's log group. */
  readonly logGroupName: string;
  /** Folder the queries are saved in, e.g. `news-dev`. */
  readonly queryFolder: string;
  /** Namespace of the application-error metric, e.g. `news-dev/news-api`. */
  readonly metricNamespace: string;
  /** More error lines than this in 5 minutes raise the alarm. */
  readonly errorsPer5Minutes: number;
}

/** Saved Logs Insights queries, and an alarm on application error lines counted by a metric filter. */
export class LogInsights extends Construct {
  public readonly queries: CloudwatchQueryDefinition[];
  public readonly errorAlarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: LogInsightsProps) {
    super(scope, id);
    this.queries = Object.entries(LOG_QUERIES).map(
      ([name, queryString]) =>
        new CloudwatchQueryDefinition(this, name, {
          name: `${props.queryFolder}/${name}`,
          logGroupNames: [props.logGroupName],
          queryString,
        }),
    );
    const metricName = "ApplicationErrors";
    new CloudwatchLogMetricFilter(this, "errors", {
      name: `${props.queryFolder}-application-errors`,
      logGroupName: props.logGroupName,
      pattern: '{ $.level = "error" || $.level = "fatal" }',
      metricTransformation: { name: metricName, namespace: props.metricNamespace, value: "1", defaultValue: "0", unit: "Count" },
    });
    this.errorAlarm = metricAlarm(this, "error-alarm", props, {
      name: "application-errors",
      summary: `More than ${props.errorsPer5Minutes} error lines in the service's logs in 5 minutes.`,
      runbook: "application-errors",
      metric: { namespace: props.metricNamespace, name: metricName, dimensions: {}, statistic: "Sum" },
      comparison: "GreaterThanThreshold",
      threshold: props.errorsPer5Minutes,
      periodSeconds: 300,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching", // defaultValue 0 fills quiet periods; no data means no logs at all
    });
  }
}
