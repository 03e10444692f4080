import type { Rule, RuleMetadata, StackView } from "../../rule";

/** EventBridge Scheduler's AWS SDK target that stops an RDS instance (modules/database/database-stop-schedule.ts). */
const RDS_STOP = "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance";

/** Identifiers of the RDS instances a schedule in the stack stops. */
function stoppedInstances(stack: StackView): Set<string> {
  const ids = stack.ofType("aws_scheduler_schedule").flatMap((s) => {
    if (s.attrs.target?.arn !== RDS_STOP) return [];
    try {
      const id = (JSON.parse(s.attrs.target.input ?? "{}") as { DbInstanceIdentifier?: unknown }).DbInstanceIdentifier;
      return typeof id === "string" ? [id] : [];
    } catch {
      return [];
    }
  });
  return new Set(ids);
}

/** DBInstanceIdentifier dimensions an alarm reads, directly or through its metric queries. */
function alarmInstances(attrs: Readonly<Record<string, any>>): string[] {
  const direct = attrs.dimensions?.DBInstanceIdentifier;
  const queried = (attrs.metric_query ?? []).map((q: any) => q.metric?.dimensions?.DBInstanceIdentifier);
  return [direct, ...queried].filter((d): d is string => typeof d === "string");
}

const metadata: RuleMetadata = {
  id: "PRV-001",
  severity: "error",
  scope: "all",
  title: "Alarms on a database stopped by a schedule tolerate its silence",
  rationale: "A stopped RDS instance reports no metrics: an alarm treating missing data as breaching fires every night it is stopped.",
  fix: "Set treat_missing_data to notBreaching on its alarms (ServiceAlarms databaseStopsOnSchedule), or drop the stop schedule.",
};

/**
 * A database stopped on a schedule sends no metrics while stopped; an alarm on it that treats
 * missing data as breaching fires every night and teaches people to ignore the topic.
 */
export const PRV_001: Rule = {
  ...metadata,
  check: (stack) => {
    const stopped = stoppedInstances(stack);
    if (stopped.size === 0) return [];
    return stack
      .ofType("aws_cloudwatch_metric_alarm")
      .filter((a) => a.attrs.treat_missing_data === "breaching" && alarmInstances(a.attrs).some((id) => stopped.has(id)))
      .map((a) => ({
        path: a.path,
        message: `alarm ${a.attrs.alarm_name} treats missing data as breaching, but a schedule stops ${alarmInstances(a.attrs).join(", ")}`,
      }));
  },
};
