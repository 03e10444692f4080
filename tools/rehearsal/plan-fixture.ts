/**
 * Item 10: a real plan for the PR comment renderer (tools/ci/plan-comment.ts). After the environment's
 * apply, one attribute is changed (a log group's retention, through a temporary override file) and the
 * plan is written the way the PR workflow writes it: `plan.txt` (plan output) and `plan.json` (show -json).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StackContext } from "./stack-steps";

const FIXTURE_OVERRIDE = "fixture_override.tf.json";

export async function writePlanFixture(ctx: StackContext, dir: string): Promise<string> {
  const groups = Object.entries<Record<string, any>>(ctx.json.resource?.aws_cloudwatch_log_group ?? {});
  if (groups.length === 0) throw new Error(`${ctx.name} has no aws_cloudwatch_log_group to change for the plan fixture`);
  const [name, body] = groups[0];
  const retention = body.retention_in_days === 14 ? 30 : 14;
  const override = join(ctx.tf.dir, FIXTURE_OVERRIDE);
  writeFileSync(override, JSON.stringify({ resource: { aws_cloudwatch_log_group: { [name]: { retention_in_days: retention } } } }));
  try {
    // The PR workflow's own command line (.github/workflows/pr.yml).
    const plan = await ctx.tf.must(
      "fixture plan",
      ["plan", "-lock=false", "-input=false", "-no-color", ...ctx.vars, "-out=fixture.tfplan"],
      [0],
    );
    const json = await ctx.tf.must("fixture show", ["show", "-json", "fixture.tfplan"]);
    const target = join(dir, `plan-${ctx.name.replace(/^news-/, "")}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "plan.txt"), plan.stdout);
    writeFileSync(join(target, "plan.json"), json.stdout);
    return `${target} (aws_cloudwatch_log_group.${name}.retention_in_days → ${retention})`;
  } finally {
    rmSync(override, { force: true });
    rmSync(join(ctx.tf.dir, "fixture.tfplan"), { force: true });
  }
}
