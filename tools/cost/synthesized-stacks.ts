import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments, validatePlatform } from "../../environments";
import { ACCOUNT_WIDE_STACKS } from "../../modules/naming";
import { defineStacks, environmentStackId } from "../../stacks";
import { newApp } from "../../stacks/app";
import { readSynthesized } from "../synth-output";
import type { SynthesizedStack } from "./estimate";

/** Stacks the estimate covers, in order: each environment, then the account-wide one. */
export function costedStackIds(): string[] {
  const platform = validatePlatform();
  return [...loadEnvironments().map((e) => environmentStackId(platform, e.name)), environmentStackId(platform, ACCOUNT_WIDE_STACKS.shared)];
}

/** Synthesizes every stack into a temporary directory, exactly as `cdktf synth` would, and reads them. */
export function synthesizeNow(): Record<string, SynthesizedStack> {
  const outdir = mkdtempSync(join(tmpdir(), "newsstack-cost-"));
  try {
    const app = newApp({ outdir });
    defineStacks(app, validatePlatform(), loadEnvironments());
    app.synth();
    return readSynthesized(outdir, costedStackIds());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
