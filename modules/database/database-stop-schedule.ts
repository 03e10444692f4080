import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument, serviceTrustPolicy } from "../iam/policy-document";
import { Naming } from "../naming";

export interface DatabaseStopScheduleProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly region: string;
  /** Identifier of the (single-AZ) RDS instance to stop and start. */
  readonly instanceIdentifier: string;
  /** EventBridge Scheduler expression that stops the instance, e.g. "cron(0 20 ? * MON-FRI *)". */
  readonly stopAt: string;
  /** Expression that starts it again, e.g. "cron(30 6 ? * MON-FRI *)". */
  readonly startAt: string;
  /**
   * IANA time zone of both expressions.
   * @default "UTC"
   */
  readonly timezone?: string;
}

/** Targets of EventBridge Scheduler's universal (AWS SDK) integration for RDS. */
export const RDS_STOP_TARGET = "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance";
export const RDS_START_TARGET = "arn:aws:scheduler:::aws-sdk:rds:startDBInstance";

/**
 * Stops an RDS instance out of hours and starts it again with two EventBridge Scheduler schedules,
 * and the role they assume (stop/start of this one instance only). A stopped instance bills storage,
 * not instance hours. RDS restarts an instance stopped for 7 days by itself; a weekly schedule never
 * gets there. Terraform has no argument for the running state, so plan and apply never fight it.
 */
export class DatabaseStopSchedule extends Construct {
  public readonly role: IamRole;
  public readonly stop: SchedulerSchedule;
  public readonly start: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: DatabaseStopScheduleProps) {
    super(scope, id);
    const { naming } = props;
    this.role = new IamRole(this, "role", {
      name: naming.name("db-schedule", { maxLength: NAME_LIMITS.iamRole }),
      description: `${naming.prefix}: EventBridge Scheduler stops and starts the database out of hours`,
      // Only schedules of this account may assume it (confused deputy).
      assumeRolePolicy: serviceTrustPolicy("scheduler.amazonaws.com", { StringEquals: { "aws:SourceAccount": props.accountId } }),
    });
    new IamRolePolicy(this, "policy", {
      role: this.role.name,
      name: "stop-start-database",
      policy: policyDocument([
        {
          Sid: "StopStartThisInstance",
          Effect: "Allow",
          Action: ["rds:StopDBInstance", "rds:StartDBInstance"],
          Resource: `arn:aws:rds:${props.region}:${props.accountId}:db:${props.instanceIdentifier}`,
        },
      ]),
    });
    const schedule = (scheduleId: "stop" | "start", expression: string, target: string) =>
      new SchedulerSchedule(this, scheduleId, {
        name: naming.name(`db-${scheduleId}`, { maxLength: NAME_LIMITS.generic }),
        description: `${naming.prefix}: ${scheduleId} the database`,
        scheduleExpression: expression,
        scheduleExpressionTimezone: props.timezone ?? "UTC",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: target,
          roleArn: this.role.arn,
          input: JSON.stringify({ DbInstanceIdentifier: props.instanceIdentifier }),
          // A stop of an already stopped instance fails; retrying it would only fail again.
          retryPolicy: { maximumRetryAttempts: 0 },
        },
      });
    this.stop = schedule("stop", props.stopAt, RDS_STOP_TARGET);
    this.start = schedule("start", props.startAt, RDS_START_TARGET);
  }
}
