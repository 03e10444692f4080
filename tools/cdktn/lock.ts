import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { migrateToCdktn, VARIANT_LOCKFILE } from "./migrate";
import { copyWorkingTree, repoRoot } from "./working-copy";

/**
 * `npm run cdktn:lock`: brings tools/cdktn/package-lock.json in line with package.json after a dependency
 * changed. Migrates a temporary copy (which starts from the current variant lockfile, so versions that
 * still fit stay) and lets npm resolve only what changed.
 */
const copy = copyWorkingTree("newsstack-cdktn-lock-");
try {
  migrateToCdktn(copy);
  execFileSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: copy,
    stdio: ["ignore", "ignore", "inherit"],
  });
  copyFileSync(join(copy, "package-lock.json"), join(repoRoot, VARIANT_LOCKFILE));
  console.log(`${VARIANT_LOCKFILE} updated`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
