import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { renderComment } from "./plan-comment";

/**
 * A real plan, produced by the deploy rehearsal (`npm run rehearse -- --plan-fixture tools/ci/fixtures`)
 * the way the PR workflow writes it: news-dev applied to moto, then one log group's retention changed.
 */
const dir = join(__dirname, "fixtures", "plan-dev");
const planJson = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
const planText = readFileSync(join(dir, "plan.txt"), "utf8");

/** The counts the PR workflow's plan job computes (its jq program, run on the real plan). */
function countChanges(plan: unknown): { add: number; change: number; destroy: number } {
  const steps = parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", "pr.yml"), "utf8")).jobs.plan.steps;
  const program = /jq '([^']+)'/.exec(steps.map((s: { run?: string }) => s.run ?? "").join("\n"))![1];
  return JSON.parse(execFileSync("jq", ["-c", program], { input: JSON.stringify(plan), encoding: "utf8" }));
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
