/**
 * `npm run diff -- [--base <git-ref>] [--markdown] [--strict]`: synthesizes the base ref (default
 * origin/main, else main) and the working tree, offline and without credentials, and prints per stack
 * the resources added, removed and changed with the attribute paths that changed, flagging risky
 * changes. --strict exits 2 when any change is risky, so a command line that does not parse (args.ts) exits 1.
 */
import { execFileSync } from "node:child_process";
import { commandLine } from "../cli-args";
import { parseDiffArgs } from "./args";
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

const options = commandLine(parseDiffArgs, process.argv.slice(2), 1);
try {
  const base = options.base ?? defaultBase();
  const started = Date.now();
  const diffs = diffStacks(synthesizeRef(base), synthesizeWorkingTree());
  console.log(options.markdown ? renderDiffMarkdown(diffs, base) : renderDiffText(diffs, base));
  console.error(`(synth diff against ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (options.strict && riskyChanges(diffs).length > 0) process.exit(2);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
