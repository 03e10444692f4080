/**
 * Checks the commit a `workflow_dispatch` deploy (a rollback) asks for, before anything runs:
 * a full 40-character SHA, a commit this clone knows, and an ancestor of main. Its image was then
 * built by the main pipeline; the deploy runs that image with main's infrastructure.
 *   ts-node tools/ci/rollback-target.ts <sha> [main ref, default origin/main]
 * Exits 1 with the reason; needs a clone with main's history (checkout fetch-depth: 0).
 */
import { execFileSync } from "node:child_process";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";

export const FULL_SHA = /^[0-9a-f]{40}$/;

/** Runs git; throws when it exits non-zero. */
export type Git = (args: string[]) => string;

const realGit: Git = (args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const succeeds = (git: Git, args: string[]) => {
  try {
    git(args);
    return true;
  } catch {
    return false;
  }
};

/** Why `sha` may not be deployed, or undefined when it may. */
export function rollbackRefusal(sha: string, mainRef: string, git: Git = realGit): string | undefined {
  if (!FULL_SHA.test(sha))
    return (
      `"${sha}" is not a full commit SHA: give all 40 lowercase hex characters (git rev-parse ` +
      "<commit>), not a branch, tag or short SHA"
    );
  if (!succeeds(git, ["cat-file", "-e", `${sha}^{commit}`])) return `${sha} is not a commit of this repository`;
  if (!succeeds(git, ["merge-base", "--is-ancestor", sha, mainRef]))
    return `${sha} is not on ${mainRef}: only commits merged to main have images the pipeline built and tested`;
  return undefined;
}

const SPEC = commandSpec({
  usage: "ts-node tools/ci/rollback-target.ts <sha> [main ref]",
  description:
    "Exits 1 with the reason unless <sha> is a full 40-character commit SHA of this clone and an ancestor of " +
    "[main ref] (default origin/main): only commits built by the main pipeline may be deployed.",
  positionals: ["<sha>", "[main ref]"],
});

export function parseRollbackTargetArgs(argv: readonly string[]): { readonly sha: string; readonly mainRef: string } {
  // An empty <sha> (an empty workflow input) is given, and refused by rollbackRefusal with the reason.
  const [sha, mainRef = "origin/main"] = readCommandLine(argv, SPEC).positionals;
  return { sha, mainRef };
}

if (require.main === module) {
  const { sha, mainRef } = commandLine(parseRollbackTargetArgs);
  const refusal = rollbackRefusal(sha, mainRef);
  if (refusal) {
    console.error(`::error title=Rollback refused::${refusal}`);
    process.exit(1);
  }
  console.log(`${sha} is on ${mainRef}: its image runs with ${mainRef}'s infrastructure`);
}
