/**
 * Builds the one sticky pull-request comment from the PR workflow's outputs: per environment the
 * plan's add/change/destroy counts and its text (collapsible, truncated to fit GitHub's 65,536
 * character limit), then the synth diff and the cost estimate.
 *   ts-node tools/ci/plan-comment.ts <dir> > comment.md
 * <dir> holds synth-diff.md, cost.md and plan-<env>/{plan.txt,counts.json} per environment
 * (counts.json: {add, change, destroy}, computed in the plan job; no JSON plan leaves that job).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";

export const COMMENT_MARKER = "<!-- newsstack:pr-plan -->";
/** GitHub rejects comments over 65,536 characters; leave room for the rest of the comment. */
export const COMMENT_LIMIT = 65_000;

export interface PlanSummary {
  readonly environment: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly text: string;
  /** False when the plan step failed (no counts.json). */
  readonly ok: boolean;
}

export function renderComment(plans: readonly PlanSummary[], synthDiff: string, cost: string, limit = COMMENT_LIMIT): string {
  const head = [
    COMMENT_MARKER,
    "## Terraform plan",
    "",
    "| environment | add | change | destroy |",
    "| --- | ---: | ---: | ---: |",
    ...plans.map((p) => (p.ok ? `| ${p.environment} | ${p.add} | ${p.change} | ${p.destroy} |` : `| ${p.environment} | plan failed | | |`)),
    "",
  ].join("\n");
  const tail = ["", synthDiff.trim(), "", cost.trim(), ""].join("\n");
  // Whatever room is left is shared among the plans; each is cut at a line boundary.
  const room = Math.max(0, limit - head.length - tail.length - plans.length * 200);
  const perPlan = Math.floor(room / Math.max(1, plans.length));
  const bodies = plans.map((p) => {
    let text = p.text.trim();
    if (text.length > perPlan)
      text =
        `${text.slice(0, Math.max(0, text.lastIndexOf("\n", perPlan)))}\n… truncated: the full plan is ` +
        `in the workflow's plan-${p.environment} artifact`;
    return `<details><summary>${p.environment} plan</summary>\n\n\`\`\`\n${text}\n\`\`\`\n</details>\n`;
  });
  return [head, ...bodies, tail].join("\n");
}

function readPlans(dir: string): PlanSummary[] {
  return readdirSync(dir)
    .filter((entry) => entry.startsWith("plan-"))
    .sort()
    .map((entry) => {
      const environment = entry.slice("plan-".length);
      const countsFile = join(dir, entry, "counts.json");
      const textFile = join(dir, entry, "plan.txt");
      const text = existsSync(textFile) ? readFileSync(textFile, "utf8") : "(no plan output)";
      if (!existsSync(countsFile)) return { environment, add: 0, change: 0, destroy: 0, text, ok: false };
      const { add, change, destroy } = JSON.parse(readFileSync(countsFile, "utf8"));
      return { environment, add, change, destroy, text, ok: true };
    });
}

const SPEC = commandSpec({
  usage: "ts-node tools/ci/plan-comment.ts [dir] > comment.md",
  description:
    "Prints the pull-request comment (markdown) built from <dir> (default: the current directory): synth-diff.md, " +
    "cost.md and plan-<env>/{plan.txt,counts.json} per environment.",
  positionals: ["[dir]"],
});

/** The folder the comment is built from; "." when not given. */
export function parsePlanCommentArgs(argv: readonly string[]): { readonly dir: string } {
  const [dir = "."] = readCommandLine(argv, SPEC).positionals;
  return { dir };
}

if (require.main === module) {
  const { dir } = commandLine(parsePlanCommentArgs);
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8") : `(${file} missing)`);
  process.stdout.write(renderComment(readPlans(dir), read("synth-diff.md"), read("cost.md")));
}
