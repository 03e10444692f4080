import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSynthesized } from "../synth-output";

export type SynthesizedStacks = Record<string, Record<string, any>>;

const repoRoot = join(__dirname, "..", "..");

/** Runs the app in `dir` (its own code) into a temporary outdir and reads every stack's JSON. */
function synthesizeIn(dir: string): SynthesizedStacks {
  const outdir = mkdtempSync(join(tmpdir(), "newsstack-diff-out-"));
  try {
    execFileSync(process.execPath, ["--require", "ts-node/register", "main.ts"], {
      cwd: dir,
      env: { ...process.env, CDKTF_OUTDIR: outdir, NEWSSTACK_ENVIRONMENTS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    return readSynthesized(outdir);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`synth failed in ${dir}:\n${stderr || (error as Error).message}`, { cause: error });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The working tree, synthesized without touching cdktf.out/. */
export const synthesizeWorkingTree = (): SynthesizedStacks => synthesizeIn(repoRoot);

/**
 * `ref` (a commit, branch or tag), synthesized from a temporary git worktree with this checkout's
 * node_modules: offline, no credentials, and the working tree untouched.
 */
export function synthesizeRef(ref: string): SynthesizedStacks {
  const worktree = mkdtempSync(join(tmpdir(), "newsstack-diff-base-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] })
      .toString()
      .trim();
  try {
    const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
    git("worktree", "add", "--detach", "--force", worktree, commit);
    if (!existsSync(join(worktree, "node_modules"))) symlinkSync(join(repoRoot, "node_modules"), join(worktree, "node_modules"), "dir");
    return synthesizeIn(worktree);
  } finally {
    try {
      git("worktree", "remove", "--force", worktree);
    } catch {
      rmSync(worktree, { recursive: true, force: true });
      git("worktree", "prune");
    }
  }
}
