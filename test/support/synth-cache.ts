import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * jest globalSetup/globalTeardown of the infrastructure tests: a temporary directory holding the run's one
 * synthesis of the real configuration (test/support/synth-cache-setup.ts writes it, test/support/synth.ts
 * reads it) and the test apps' outdir, removed after the run. Workers are forked after globalSetup and inherit the variable.
 */
/** The variable naming this run's directory. */
export const SYNTH_CACHE_DIR = "NEWSSTACK_TEST_SYNTH_DIR";

/** In that directory: the outdir every test app names (support/testing-app.ts); nothing is written in it. */
const APP_OUTDIR = "app-outdir";

export function createSynthCache(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsstack-synth-"));
  process.env[SYNTH_CACHE_DIR] = dir;
  // Made here, with the `stacks` folder every App makes, so workers' apps never race to create them.
  mkdirSync(join(dir, APP_OUTDIR, "stacks"), { recursive: true });
  return dir;
}

/** The outdir the run's test apps share (support/testing-app.ts), when a run set the directory up. */
export function testAppOutdir(): string | undefined {
  const dir = process.env[SYNTH_CACHE_DIR];
  return dir ? join(dir, APP_OUTDIR) : undefined;
}

/** Where the run's synthesis of the real configuration is kept, when a run set the directory up. */
export function realConfigCacheFile(): string | undefined {
  const dir = process.env[SYNTH_CACHE_DIR];
  return dir ? join(dir, "real-config.json") : undefined;
}

export function removeSynthCache(): void {
  const dir = process.env[SYNTH_CACHE_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
