import { RDS_START_TARGET, RDS_STOP_TARGET } from "../modules/database/database-stop-schedule";
import { policyStatements } from "../modules/iam/policy-document";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { reference, resourcesOfType } from "./support/terraform-json";

/** Dev's database stops out of hours (EventBridge Scheduler); nothing else's does. */
const app = synthesizedApp();
const environments = realEnvironments();
const dev = app.environments.dev;
const devConfig = environments.find((e) => e.name === "dev")!;

describe("dev's database stops out of hours", () => {
  const [instance] = resourcesOfType(dev, "aws_db_instance");
  const schedules = resourcesOfType(dev, "aws_scheduler_schedule");
  const [role] = resourcesOfType(dev, "aws_iam_role").filter((r) => r.values.name === "news-dev-db-schedule");

  test("one schedule stops and one starts this instance, at the configured times, through the scheduler role", () => {
    const byTarget: Record<string, any> = Object.fromEntries(schedules.map((s) => [s.values.target.arn, s.values]));
    expect(Object.keys(byTarget).sort()).toEqual([RDS_START_TARGET, RDS_STOP_TARGET].sort());
    expect(byTarget[RDS_STOP_TARGET].schedule_expression).toBe(devConfig.database.stopSchedule!.stopAt);
    expect(byTarget[RDS_START_TARGET].schedule_expression).toBe(devConfig.database.stopSchedule!.startAt);
    for (const schedule of Object.values(byTarget)) {
      expect(schedule.schedule_expression_timezone).toBe("Europe/London");
      expect(JSON.parse(schedule.target.input)).toEqual({ DbInstanceIdentifier: instance.values.identifier });
      expect(schedule.target.role_arn).toBe(reference("aws_iam_role", role, "arn"));
    }
  });

  test("the role: only EventBridge Scheduler of this account assumes it; it stops and starts this instance and nothing else", () => {
    const [trust] = policyStatements(role.values.assume_role_policy);
    expect(trust).toMatchObject({
      Principal: { Service: "scheduler.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": expect.any(String) } },
    });
    const [policy] = resourcesOfType(dev, "aws_iam_role_policy").filter((p) => p.values.role === reference("aws_iam_role", role, "name"));
    expect(policyStatements(policy.values.policy)).toEqual([
      {
        Sid: "StopStartThisInstance",
        Effect: "Allow",
        Action: ["rds:StopDBInstance", "rds:StartDBInstance"],
        Resource: expect.stringMatching(new RegExp(`:db:${instance.values.identifier}$`)),
      },
    ]);
  });

  test("the database alarms treat the stopped hours' silence as expected, not as an outage", () => {
    // Before the fix the three RDS alarms treated missing data as breaching and fired every night.
    const rdsAlarms = resourcesOfType(dev, "aws_cloudwatch_metric_alarm").filter((a) => /-rds-/.test(a.values.alarm_name));
    expect(rdsAlarms.length).toBe(3);
    for (const alarm of rdsAlarms) expect(alarm.values.treat_missing_data).toBe("notBreaching");
  });

  test.each(["staging", "prod"])("%s's database always runs, and its silence alarms", (name) => {
    expect(resourcesOfType(app.environments[name], "aws_scheduler_schedule")).toEqual([]);
    const rdsAlarms = resourcesOfType(app.environments[name], "aws_cloudwatch_metric_alarm").filter((a) =>
      /-rds-/.test(a.values.alarm_name),
    );
    for (const alarm of rdsAlarms) expect(alarm.values.treat_missing_data).toBe("breaching");
  });
});
