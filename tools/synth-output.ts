import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A stack's synthesized Terraform JSON (cdk.tf.json). */
export type SynthesizedJson = Record<string, any>;

/** Reads `<dir>/stacks/<id>/cdk.tf.json` for each id (default: every stack there), the output of `cdktf synth`. */
export function readSynthesized(dir: string, ids: readonly string[] = readdirSync(join(dir, "stacks"))): Record<string, SynthesizedJson> {
  return Object.fromEntries(
    ids.map((id) => {
      const file = join(dir, "stacks", id, "cdk.tf.json");
      try {
        return [id, JSON.parse(readFileSync(file, "utf8"))];
      } catch {
        throw new Error(`${file} is missing or unreadable: run \`npm run synth\` first`);
      }
    }),
  );
}
