import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * jest globalSetup/globalTeardown of the infrastructure tests: a temporary directory where each worker keeps
 * its synthesis of the real configuration (test/support/synth.ts), removed after the run. Workers are forked
 * after globalSetup and inherit the variable.
 */
/** The variable naming this run's directory. */
export const SYNTH_CACHE_DIR = "NEWSSTACK_TEST_SYNTH_DIR";

export function createSynthCache(): void {
  process.env[SYNTH_CACHE_DIR] = mkdtempSync(join(tmpdir(), "newsstack-synth-"));
}

export function removeSynthCache(): void {
  const dir = process.env[SYNTH_CACHE_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
