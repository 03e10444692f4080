import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");

/**
 * A copy of this checkout's files (tracked and new, not ignored: no node_modules, no cdktf.out) in a
 * temporary directory, so the move can be tried without touching the checkout.
 */
export function copyWorkingTree(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    maxBuffer: 64 << 20,
  })
    .toString()
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file), { force: true, errorOnExist: false, verbatimSymlinks: true });
  }
  return copy;
}

/** The npm registry's `node` package at `version`, via npx (cached after the first run): its binary's directory. */
export function nodeFromRegistry(version: string): string {
  const execPath = execFileSync("npx", ["--yes", "-p", `node@${version}`, "--", "node", "-p", "process.execPath"], {
    stdio: ["ignore", "pipe", "pipe"],
  })
    .toString()
    .trim();
  return dirname(execPath);
}

/**
 * Makes `dir` a git repository with everything committed, as a clone is: tests that ask git (ignore rules,
 * a ref's synth) run there too.
 */
export function commitAll(dir: string, message: string): void {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=newsstack", "-c", "user.email=newsstack@localhost", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "--no-verify", "-m", message);
}
