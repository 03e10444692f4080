import { App } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments, validatePlatform } from "../../environments";
import { defineStacks } from "../../stacks";
import type { SynthesizedStack } from "./estimate";

/** Stacks the estimate covers, in order: each environment, then the account-wide one. */
export function costedStackIds(): string[] {
  const platform = validatePlatform();
  return [...loadEnvironments().map((e) => `${platform.project}-${e.name}`), `${platform.project}-shared`];
}

/** Reads `<dir>/stacks/<id>/cdk.tf.json` for each id (the output of `cdktf synth`). */
export function readSynthesized(dir: string, ids: readonly string[]): Record<string, SynthesizedStack> {
  return Object.fromEntries(
    ids.map((id) => {
      const file = join(dir, "stacks", id, "cdk.tf.json");
      try {
        return [id, JSON.parse(readFileSync(file, "utf8"))];
      } catch {
        throw new Error(`${file} is missing: run \`npm run synth\` first, or leave out --dir to synthesize now`);
      }
    }),
  );
}

/** Synthesizes every stack into a temporary directory, exactly as `cdktf synth` would, and reads them. */
export function synthesizeNow(): Record<string, SynthesizedStack> {
  const outdir = mkdtempSync(join(tmpdir(), "newsstack-cost-"));
  try {
    const app = new App({ outdir });
    defineStacks(app, validatePlatform(), loadEnvironments());
    app.synth();
    return readSynthesized(outdir, costedStackIds());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
