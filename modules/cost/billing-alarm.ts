import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { AlarmTarget, metricAlarm } from "../monitoring/metric-alarm";

export interface BillingAlarmProps extends AlarmTarget {
  /** Month-to-date estimated charges (USD) above which the alarm fires. */
  readonly thresholdUsd: number;
}

/**
 * Alarm on the account's month-to-date EstimatedCharges. Billing metrics exist only in us-east-1
 * (and only once "Receive Billing Alerts" is on in the billing preferences): the scope passed in
 * must use a us-east-1 provider, and so must the topic.
 */
export class BillingAlarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: BillingAlarmProps) {
    super(scope, id);
    this.alarm = metricAlarm(this, "alarm", props, {
      name: "estimated-charges",
      summary: `The account's estimated charges this month passed $${props.thresholdUsd}.`,
      runbook: "cost-overrun",
      metric: { namespace: "AWS/Billing", name: "EstimatedCharges", dimensions: { Currency: "USD" }, statistic: "Maximum" },
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdUsd,
      periodSeconds: 21_600, // billing data arrives a few times a day
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
    });
  }
}
