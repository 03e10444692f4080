/**
 * The deploy's saved plan: the plan job seals the synthesized stack and its `tfplan` with a SHA-256
 * manifest; the environment-gated apply job verifies the manifest before applying exactly that file,
 * and explains a stale plan (state changed since the plan) with how to re-run.
 *   ts-node tools/ci/saved-plan.ts seal <stack dir>      writes <stack dir>/plan.sha256
 *   ts-node tools/ci/saved-plan.ts verify <stack dir>    fails on a missing, extra or changed file
 *   ts-node tools/ci/saved-plan.ts explain <apply log>   ::error:: with the next step when apply refused the plan
 * The workflow and the deploy rehearsal call these through tools/ci/saved-plan.sh (plan / verify / apply).
 */
import { createHash } from "node:crypto";
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export const MANIFEST = "plan.sha256";
/** Created by `terraform init` in the apply job, not part of what was reviewed. */
const NOT_SEALED = [/^\.terraform\//, /^\.terraform\.lock\.hcl$/, new RegExp(`^${MANIFEST.replace(".", "\\.")}$`)];

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

/** `sha256sum`-style lines, sorted by path, of every file the apply will read. */
export function manifestOf(dir: string): string {
  return filesUnder(dir)
    .filter((file) => !NOT_SEALED.some((pattern) => pattern.test(file)))
    .sort()
    .map(
      (file) =>
        `${createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest("hex")}  ${file}`,
    )
    .join("\n")
    .concat("\n");
}

/** Differences between the sealed manifest and the directory now; empty when they match. */
export function manifestDifferences(sealed: string, now: string): string[] {
  const parse = (text: string) =>
    new Map(
      text
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(66), line.slice(0, 64)] as const),
    );
  const before = parse(sealed);
  const after = parse(now);
  const problems: string[] = [];
  for (const [file, hash] of before) {
    if (!after.has(file)) problems.push(`missing: ${file}`);
    else if (after.get(file) !== hash) problems.push(`changed: ${file}`);
  }
  for (const file of after.keys()) if (!before.has(file)) problems.push(`not in the reviewed plan: ${file}`);
  return problems;
}

/** Terraform's own wording when a saved plan no longer matches the state (1.11: fixtures/terraform/apply-stale-plan.txt). */
const STALE = /Error: Saved plan is stale/;

/** The error to show for a failed apply of a saved plan, or undefined when it is not a plan problem. */
export function explainApplyFailure(log: string, environment: string): string | undefined {
  if (!STALE.test(log)) return undefined;
  return (
    `The saved plan of ${environment} is stale: the state changed after it was planned (another apply, a rollback, or a change by hand), ` +
    ("so Terraform refused to apply it and nothing was changed. Re-run this workflow run's failed " +
      `jobs ("Re-run failed jobs" re-plans and asks for approval again), `) +
    `or dispatch the deploy workflow for the same SHA; review the new plan in the job summary before approving.`
  );
}

if (require.main === module) {
  const [command, path, environment = process.env.ENVIRONMENT ?? "the environment"] = process.argv.slice(2);
  if (command === "seal" && path) {
    writeFileSync(join(path, MANIFEST), manifestOf(path));
  } else if (command === "verify" && path) {
    const problems = manifestDifferences(readFileSync(join(path, MANIFEST), "utf8"), manifestOf(path));
    if (problems.length > 0) {
      console.error(`::error::The plan artifact does not match what was planned and reviewed; not applying.\n${problems.join("\n")}`);
      process.exit(1);
    }
    console.log(`Plan artifact verified: ${manifestOf(path).trim().split("\n").length} files match ${MANIFEST}.`);
  } else if (command === "explain" && path) {
    const message = explainApplyFailure(readFileSync(path, "utf8"), environment);
    if (message) {
      console.error(`::error::${message}`);
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### ❌ Stale plan\n\n${message}\n`);
    }
  } else {
    console.error("usage: saved-plan.ts seal|verify <stack dir> | explain <apply log> [environment]");
    process.exit(2);
  }
}
