/**
 * What the rehearsal cannot emulate faithfully, kept honest and visible: an entry is a gap, not a pass.
 * - NOT_EMULATED: whole resource types stood in, by type, with the reason.
 * - PROVIDER_ONLY_ATTRIBUTES: arguments only the pinned AWS provider 6.x knows, by resource type. The
 *   rehearsal installs the mirrored 5.100, which rejects them at plan; in the rehearsal's working copy
 *   only (never cdktf.out) they are removed from the resource, and the report lists each resource with
 *   the attributes removed and why. Anything not in this table still fails the run.
 */
import type { SynthesizedJson } from "../synth-output";

export const NOT_EMULATED: Readonly<Record<string, string>> = {};

export interface ProviderOnlyAttributes {
  /** Attribute paths in the synthesized JSON; a path through a list of blocks applies to each block. */
  readonly attributes: readonly string[];
  readonly why: string;
}

export const ECS_NATIVE_DEPLOYMENTS_WHY = "AWS provider 5.100 lacks ECS-native blue/green/canary deployment arguments";

export const PROVIDER_ONLY_ATTRIBUTES: Readonly<Record<string, ProviderOnlyAttributes>> = {
  // deployment_configuration: strategy, bake_time_in_minutes, canary_configuration, linear_configuration, lifecycle_hook (provider ≥ 6.4).
  aws_ecs_service: { attributes: ["deployment_configuration", "load_balancer.advanced_configuration"], why: ECS_NATIVE_DEPLOYMENTS_WHY },
};

type Table = Readonly<Record<string, ProviderOnlyAttributes>>;

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** Removes `path` from `node` (in place); whether anything was there. */
function removePath(node: unknown, path: readonly string[]): boolean {
  if (Array.isArray(node)) return node.map((item) => removePath(item, path)).some(Boolean);
  if (typeof node !== "object" || node === null) return false;
  const record = node as Record<string, unknown>;
  const [head, ...rest] = path;
  if (!(head in record)) return false;
  if (rest.length > 0) return removePath(record[head], rest);
  const had = present(record[head]);
  delete record[head];
  return had;
}

export interface StoodIn {
  /** The stack without the provider-only attributes (a copy; the input is untouched). */
  readonly stack: SynthesizedJson;
  /** "address: attr, attr removed — why", one per resource that had any. */
  readonly removed: string[];
}

/** The working copy for the mirrored provider: each provider-only attribute removed, each removal listed. */
export function withoutProviderOnlyAttributes(stack: SynthesizedJson, table: Table = PROVIDER_ONLY_ATTRIBUTES): StoodIn {
  const copy: SynthesizedJson = JSON.parse(JSON.stringify(stack));
  const removed: string[] = [];
  for (const [type, resources] of Object.entries<Record<string, unknown>>(copy.resource ?? {})) {
    const entry = table[type];
    if (!entry) continue;
    for (const [name, body] of Object.entries(resources)) {
      const gone = entry.attributes.filter((attribute) => removePath(body, attribute.split(".")));
      if (gone.length > 0) removed.push(`${type}.${name}: ${gone.join(", ")} removed (not emulated) — ${entry.why}`);
    }
  }
  return { stack: copy, removed };
}

/** Every not-emulated item of a synthesized stack: resources of stood-in types, then provider-only attributes removed. */
export function notEmulated(
  stack: SynthesizedJson,
  table: Readonly<Record<string, string>> = NOT_EMULATED,
  attributes: Table = PROVIDER_ONLY_ATTRIBUTES,
): string[] {
  const types = Object.entries<Record<string, unknown>>(stack.resource ?? {})
    .filter(([type]) => type in table)
    .flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}: ${table[type]}`));
  return [...types, ...withoutProviderOnlyAttributes(stack, attributes).removed];
}
