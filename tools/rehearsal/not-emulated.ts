/**
 * Resources the rehearsal cannot emulate faithfully, by type, with the reason. A stack's report lists
 * each of its resources of these types. Keep this table honest: an entry is a gap, not a pass.
 */
import type { SynthesizedJson } from "../synth-output";

export const NOT_EMULATED: Readonly<Record<string, string>> = {};

export function notEmulated(stack: SynthesizedJson, table: Readonly<Record<string, string>> = NOT_EMULATED): string[] {
  return Object.entries<Record<string, unknown>>(stack.resource ?? {})
    .filter(([type]) => type in table)
    .flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}: ${table[type]}`));
}
