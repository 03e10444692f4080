import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderComment } from "./plan-comment";

/**
 * A real plan, produced by the deploy rehearsal (`npm run rehearse -- --plan-fixture tools/ci/fixtures`)
 * the way the PR workflow writes it: news-dev applied to moto, then one log group's retention changed.
 */
const dir = join(__dirname, "fixtures", "plan-dev");
const planJson = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
const planText = readFileSync(join(dir, "plan.txt"), "utf8");

/** The PR workflow's jq count (.github/workflows/pr.yml writes it as counts.json): a replacement is one add and one destroy. */
function countChanges(plan: { resource_changes?: { change: { actions: string[] } }[] }) {
  const actions = (plan.resource_changes ?? []).map((r) => r.change.actions);
  const count = (a: string) => actions.filter((x) => x.includes(a)).length;
  return { add: count("create"), change: count("update"), destroy: count("delete") };
}

describe("PR comment of a real plan", () => {
  it("counts one change, nothing added or destroyed", () => {
    expect(countChanges(planJson)).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it("renders the counts row and the changed attribute in the collapsible plan", () => {
    const comment = renderComment([{ environment: "dev", ...countChanges(planJson), text: planText, ok: true }], "synth diff", "cost");
    expect(comment).toContain("| dev | 0 | 1 | 0 |");
    expect(comment).toContain("<details><summary>dev plan</summary>");
    expect(comment).toMatch(/~ retention_in_days\s+= \d+ -> \d+/);
    expect(comment).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  });
});
