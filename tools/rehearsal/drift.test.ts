import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appliedResources, changedPaths, describeDrift, driftOf, PlanJson } from "./drift";

/** A real plan the rehearsal recorded: news-dev after apply, one log group's retention changed. */
const recorded: PlanJson = JSON.parse(readFileSync(join(__dirname, "..", "ci", "fixtures", "plan-dev", "plan.json"), "utf8"));

describe("drift in a re-plan", () => {
  it("names the one changed resource and attribute of a recorded plan", () => {
    const drift = driftOf(recorded);
    expect(drift).toHaveLength(1);
    expect(drift[0].actions).toEqual(["update"]);
    expect(drift[0].address).toMatch(/^aws_cloudwatch_log_group\./);
    expect(drift[0].attributes).toEqual(["retention_in_days"]);
    expect(describeDrift(drift[0])).toMatch(/^aws_cloudwatch_log_group\.\S+ \(update\): retention_in_days$/);
  });

  it("counts the managed resources the plan started from", () => {
    expect(appliedResources(recorded)).toBeGreaterThan(80);
  });

  it("ignores no-op resources and data reads", () => {
    const plan: PlanJson = {
      resource_changes: [
        { address: "aws_vpc.a", change: { actions: ["no-op"], before: { x: 1 }, after: { x: 1 } } },
        { address: "data.aws_caller_identity.c", mode: "data", change: { actions: ["read"] } },
      ],
    };
    expect(driftOf(plan)).toEqual([]);
  });

  it("reports nested paths, list positions and values known only after apply", () => {
    expect(changedPaths({ a: { b: [1, 2] }, c: "same" }, { a: { b: [1, 3] }, c: "same" }, {})).toEqual(["a.b.1"]);
    expect(changedPaths({ arn: "x", tags: {} }, { arn: null, tags: {} }, { arn: true })).toEqual(["arn"]);
    expect(changedPaths({ rule: [] }, { rule: [{ id: "r" }] }, { rule: [{}] })).toEqual(["rule.0"]);
  });

  it("shows a replacement as delete+create", () => {
    const plan: PlanJson = {
      resource_changes: [
        {
          address: "aws_db_instance.d",
          change: { actions: ["delete", "create"], before: { engine: "postgres" }, after: { engine: "mysql" } },
        },
      ],
    };
    expect(driftOf(plan).map(describeDrift)).toEqual(["aws_db_instance.d (delete+create): engine"]);
  });
});
