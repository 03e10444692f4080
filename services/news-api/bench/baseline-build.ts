import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A built copy of the service as it was at a git ref, for before/after figures in one run. */
export interface BaselineBuild {
  readonly ref: string;
  /** The copy's service directory: `dist/server.js` is its entry. */
  readonly serviceDir: string;
  remove(): void;
}

/**
 * Exports services/news-api at `ref` (git archive) into a temp dir, links the workspace's installed
 * node_modules beside it (the dependencies must not have changed in ways the old code notices) and
 * compiles it with the workspace's TypeScript.
 */
export function buildBaseline(repoRoot: string, ref: string): BaselineBuild {
  const root = mkdtempSync(join(tmpdir(), "news-baseline-"));
  const archive = execFileSync("git", ["-C", repoRoot, "archive", "--format=tar", ref, "services/news-api"]);
  execFileSync("tar", ["-x", "-C", root], { input: archive });
  symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"));
  const serviceDir = join(root, "services", "news-api");
  execFileSync(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: serviceDir,
    stdio: "inherit",
  });
  return { ref, serviceDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
