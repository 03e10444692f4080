import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planDifferences } from "./plan-comparison";
import { planActions, planCounts } from "./saved-plan-actions";

// A real plan of news-dev on moto (`npm run rehearse -- --plan-fixture`): its cache's auth_token is in clear.
const plan = JSON.parse(readFileSync(join(__dirname, "fixtures", "plan-dev", "plan.json"), "utf8"));
const authToken: string = plan.resource_changes.find((r: any) => r.type === "aws_elasticache_replication_group").change.after.auth_token;

describe("plan-actions.json: what of the JSON plan leaves the plan job", () => {
  test("every resource change keeps its address and actions and nothing else; the auth token is gone", () => {
    const actions = planActions(plan);
    expect(actions.resource_changes).toHaveLength(plan.resource_changes.length);
    for (const change of actions.resource_changes) {
      expect(Object.keys(change)).toEqual(["address", "change"]);
      expect(Object.keys(change.change)).toEqual(["actions"]);
    }
    expect(Object.keys(actions)).toEqual(["resource_changes"]);
    expect(authToken.length).toBeGreaterThan(8);
    expect(JSON.stringify(plan)).toContain(authToken);
    expect(JSON.stringify(actions)).not.toContain(authToken);
  });

  test("prod's comparison finds the same differences in plan-actions.json as in the full plans", () => {
    const prod = structuredClone(plan);
    prod.resource_changes[0].change.actions = ["delete", "create"];
    expect(planDifferences(planActions(plan), planActions(prod))).toEqual(planDifferences(plan, prod));
    expect(planDifferences(planActions(plan), planActions(prod))).toHaveLength(1);
  });

  test("counts for the job summary: a replacement is an add and a destroy", () => {
    const counts = planCounts({
      resource_changes: [
        { address: "a", change: { actions: ["create"] } },
        { address: "b", change: { actions: ["delete", "create"] } },
        { address: "c", change: { actions: ["update"] } },
        { address: "d", change: { actions: ["no-op"] } },
      ],
    });
    expect(counts).toEqual({ add: 2, change: 1, destroy: 1 });
  });
});
