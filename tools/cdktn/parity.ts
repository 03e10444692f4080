import { flatten } from "../diff/compare";
import type { SynthesizedStacks } from "../diff/synthesize-ref";

/** The one difference cdktn may make: it pins the AWS provider its bindings were built against. */
export const ALLOWED_DIFFERENCE = /^terraform\.required_providers\.aws\.version$/;

export interface Difference {
  readonly stack: string;
  /**
   * Terraform address: `aws_vpc.main`, `data.aws_iam_policy_document.x`, `ephemeral.<type>.<name>`, `output.x`,
   * `provider.aws.0`, `terraform`.
   */
  readonly address: string;
  readonly path: string;
  readonly cdktf: unknown;
  readonly cdktn: unknown;
}

export interface StackParity {
  readonly stack: string;
  readonly resources: number;
  /** data sources, ephemeral blocks, outputs, variables, providers: compared like resources */
  readonly otherBlocks: number;
  readonly allowed: Difference[];
  readonly differences: Difference[];
}

/** Addressable blocks of one stack's JSON: [address, body]. Top-level `//` (synth metadata, the tool's version) is not configuration. */
function blocksOf(json: Record<string, any>): [string, unknown][] {
  const blocks: [string, unknown][] = [];
  for (const [kind, body] of Object.entries(json)) {
    if (kind === "//") continue;
    if (kind === "resource" || kind === "data" || kind === "ephemeral") {
      for (const [type, byName] of Object.entries(body as Record<string, any>))
        for (const [name, attrs] of Object.entries(byName as Record<string, unknown>))
          blocks.push([`${kind === "resource" ? "" : `${kind}.`}${type}.${name}`, attrs]);
    } else if (kind === "output" || kind === "variable" || kind === "locals" || kind === "provider") {
      for (const [name, attrs] of Object.entries(body as Record<string, unknown>)) blocks.push([`${kind}.${name}`, attrs]);
    } else blocks.push([kind, body]);
  }
  return blocks;
}

/**
 * A provider source in full: `aws` and `hashicorp/aws` both mean `registry.terraform.io/hashicorp/aws`
 * (cdktf writes the first, cdktn the second).
 */
export function fullProviderSource(source: string): string {
  const parts = source.toLowerCase().split("/");
  return [...["registry.terraform.io", "hashicorp"].slice(0, 3 - parts.length), ...parts].join("/");
}

const PROVIDER_SOURCE = /^required_providers\.[^.]+\.source$/;

/** Equal values, or provider sources naming the same provider. */
function same(address: string, path: string, a: unknown, b: unknown): boolean {
  if (address === "terraform" && PROVIDER_SOURCE.test(path) && typeof a === "string" && typeof b === "string")
    return fullProviderSource(a) === fullProviderSource(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every stack of both syntheses compared block by block, attribute path by attribute path. */
export function compareSyntheses(cdktf: SynthesizedStacks, cdktn: SynthesizedStacks): StackParity[] {
  return [...new Set([...Object.keys(cdktf), ...Object.keys(cdktn)])].sort().map((stack) => {
    const [before, after] = [new Map(blocksOf(cdktf[stack] ?? {})), new Map(blocksOf(cdktn[stack] ?? {}))];
    const found: Difference[] = [];
    if (!cdktf[stack] || !cdktn[stack])
      found.push({ stack, address: "(stack)", path: "", cdktf: Boolean(cdktf[stack]), cdktn: Boolean(cdktn[stack]) });
    for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const [a, b] = [before.get(address), after.get(address)];
      if (a === undefined || b === undefined) {
        found.push({
          stack,
          address,
          path: "",
          cdktf: a === undefined ? "(absent)" : "(present)",
          cdktn: b === undefined ? "(absent)" : "(present)",
        });
        continue;
      }
      const [fa, fb] = [flatten(a), flatten(b)];
      for (const path of [...new Set([...fa.keys(), ...fb.keys()])].sort())
        if (!same(address, path, fa.get(path), fb.get(path)))
          found.push({ stack, address, path, cdktf: fa.get(path), cdktn: fb.get(path) });
    }
    const allowed = found.filter((d) => ALLOWED_DIFFERENCE.test(`${d.address}.${d.path}`));
    return {
      stack,
      resources: [...before.keys()].filter((a) => !/^(data|ephemeral|output|variable|locals|provider)\.|^terraform$/.test(a)).length,
      otherBlocks: [...before.keys()].filter((a) => /^(data|ephemeral|output|variable|locals|provider)\./.test(a)).length,
      allowed,
      differences: found.filter((d) => !allowed.includes(d)),
    };
  });
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** The table, each unexpected difference (stack, address, attribute path, both values), then the verdict line. */
export function renderParity(results: readonly StackParity[]): { text: string; ok: boolean } {
  const rows = results.map((r) => [
    r.stack,
    String(r.resources),
    String(r.otherBlocks),
    r.allowed.map((d) => `${d.path} ${show(d.cdktf)} → ${show(d.cdktn)}`).join("; ") || "-",
    r.differences.length ? `${r.differences.length} DIFFER` : "identical",
  ]);
  const header = ["stack", "resources", "other blocks", "allowed difference", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const differences = results.flatMap((r) => r.differences);
  const resources = results.reduce((n, r) => n + r.resources, 0);
  const lines = [line(header), ...rows.map(line)];
  if (differences.length) {
    lines.push("", "differences (stack  address  attribute path: cdktf → cdktn):");
    for (const d of differences) lines.push(`  ${d.stack}  ${d.address}  ${d.path || "(block)"}: ${show(d.cdktf)} → ${show(d.cdktn)}`);
    lines.push(
      `cdktn parity FAILED: ${differences.length} differences in ` +
        `${new Set(differences.map((d) => d.stack)).size} of ${results.length} stacks`,
    );
  } else lines.push(`cdktn parity: ${results.length} stacks, ${resources} resources identical`);
  return { text: lines.join("\n"), ok: differences.length === 0 };
}
