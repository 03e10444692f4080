import { createHash } from "node:crypto";

/**
 * Resource types with no name prefix attribute, and the attributes besides the name whose change makes
 * Terraform replace them (ForceNew in the AWS provider).
 */
export const REPLACED_WHEN: Readonly<Record<string, readonly string[]>> = {
  aws_elasticache_parameter_group: ["family", "description"],
};

const DIGEST_LENGTH = 6;
/** Characters `replacementName` adds to the name it is given: a hyphen and the digest. */
export const REPLACEMENT_SUFFIX_LENGTH = DIGEST_LENGTH + 1;

/** Digest of the replacement-forcing attributes of a resource of `type`, in REPLACED_WHEN's order. */
export function replacementDigest(type: string, attrs: Readonly<Record<string, unknown>>): string {
  const forcing = REPLACED_WHEN[type];
  if (!forcing) throw new RangeError(`replacementDigest: ${type} is not in REPLACED_WHEN`);
  const values = forcing.map((attribute) => attrs[attribute] ?? null);
  return createHash("sha256").update(JSON.stringify(values)).digest("hex").slice(0, DIGEST_LENGTH);
}

/**
 * `<name>-<digest>`: a name that changes whenever the resource would be replaced, so it can be
 * replaced create-before-destroy without the new copy colliding with the old one's name. Guardrail
 * TF-001 recomputes the digest from the synthesized attributes.
 */
export function replacementName(name: string, type: string, attrs: Readonly<Record<string, unknown>>): string {
  return `${name}-${replacementDigest(type, attrs)}`;
}
