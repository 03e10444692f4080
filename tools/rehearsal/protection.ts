/**
 * Which resources of a synthesized stack refuse destruction: `lifecycle.prevent_destroy`, RDS
 * `deletion_protection`, ALB `enable_deletion_protection`. A stack with any is production-tier: its
 * destroy must be refused; a stack without must destroy cleanly.
 */
import type { SynthesizedJson } from "../synth-output";

export function protectedResources(stack: SynthesizedJson): string[] {
  const found: string[] = [];
  for (const [type, resources] of Object.entries<Record<string, any>>(stack.resource ?? {})) {
    for (const [name, body] of Object.entries<any>(resources)) {
      if (body?.lifecycle?.prevent_destroy === true || body?.deletion_protection === true || body?.enable_deletion_protection === true) {
        found.push(`${type}.${name}`);
      }
    }
  }
  return found.sort();
}

/** Terraform's and AWS's wording when a destroy is refused for one of the reasons above. */
export const REFUSAL_PATTERN = /prevent_destroy|cannot be destroyed|deletion protection|Cannot delete protected/i;
