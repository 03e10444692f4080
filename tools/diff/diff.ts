/**
 * `npm run diff -- [--base <git-ref>] [--markdown] [--strict]`: synthesizes the base ref (default
 * origin/main, else main) and the working tree, offline and without credentials, and prints per stack
 * the resources added, removed and changed with the attribute paths that changed, flagging risky
 * changes. --strict exits 2 when any change is risky.
 */
import { execFileSync } from "node:child_process";
import { diffStacks, riskyChanges } from "./compare";
import { renderDiffMarkdown, renderDiffText } from "./render";
import { synthesizeRef, synthesizeWorkingTree } from "./synthesize-ref";

function defaultBase(): string {
  for (const ref of ["origin/main", "main"]) {
    try {
      execFileSync("git", ["rev-parse", "--verify", "--quiet", ref], { stdio: "ignore" });
      return ref;
    } catch {
      // try the next
    }
  }
  return "HEAD";
}

const args = process.argv.slice(2);
const baseIndex = args.indexOf("--base");
const base = baseIndex >= 0 ? args[baseIndex + 1] : defaultBase();
try {
  const started = Date.now();
  const diffs = diffStacks(synthesizeRef(base), synthesizeWorkingTree());
  console.log(args.includes("--markdown") ? renderDiffMarkdown(diffs, base) : renderDiffText(diffs, base));
  console.error(`(synth diff against ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (args.includes("--strict") && riskyChanges(diffs).length > 0) process.exit(2);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
