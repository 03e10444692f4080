import { averageTasks } from "./scheduled-capacity";

const STOP = "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance";
const START = "arn:aws:scheduler:::aws-sdk:rds:startDBInstance";

/** Upper bound of a daily schedule's runs in a month (31 days). */
export const SCHEDULE_RUNS_PER_MONTH = 31;

/**
 * Share of the week an RDS instance runs, from the EventBridge Scheduler schedules (as synthesized)
 * that stop and start it: 1 when nothing stops it. Simulated by the hour like scheduled task counts.
 */
export function runningShare(schedules: readonly Record<string, any>[], identifier: string): number {
  const targeting = (arn: string) =>
    schedules.filter(
      (s) =>
        s.target?.arn === arn &&
        (JSON.parse(s.target?.input ?? "{}") as { DbInstanceIdentifier?: string }).DbInstanceIdentifier === identifier,
    );
  const actions = [
    ...targeting(STOP).map((s) => ({ schedule: s.schedule_expression, minCapacity: 0, maxCapacity: 0 })),
    ...targeting(START).map((s) => ({ schedule: s.schedule_expression, minCapacity: 1, maxCapacity: 1 })),
  ];
  return averageTasks(1, actions);
}
