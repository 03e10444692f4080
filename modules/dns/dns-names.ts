import { Token } from "cdktf";
import { ConfigError } from "../errors";

/**
 * A public DNS name ACM and Route 53 accept: lowercase labels of letters, digits and hyphens (not at
 * either end, 1–63 characters), at least two labels, at most 253 characters, no trailing dot, no wildcard.
 */
export const DOMAIN_NAME_PATTERN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const DOMAIN_NAME_HINT =
  'must be a lowercase DNS name such as "api.example.com": labels of letters, digits and inner ' +
  "hyphens (max 63), max 253 characters, no trailing dot or wildcard";

/** A Route 53 hosted zone id, e.g. "Z0123456789ABCDEFGHIJ" (not the "/hostedzone/..." path form). */
export const HOSTED_ZONE_ID_PATTERN = /^Z[A-Z0-9]{1,31}$/;
export const HOSTED_ZONE_ID_HINT = 'must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (uppercase, starting with Z)';

function requirePattern(construct: string, prop: string, value: string, pattern: RegExp, hint: string): void {
  if (Token.isUnresolved(value)) return;
  if (!pattern.test(value)) throw new ConfigError(`${construct}: ${prop} = ${JSON.stringify(value)} ${hint}.`);
}

export const requireDomainName = (construct: string, prop: string, value: string) =>
  requirePattern(construct, prop, value, DOMAIN_NAME_PATTERN, DOMAIN_NAME_HINT);
export const requireHostedZoneId = (construct: string, prop: string, value: string) =>
  requirePattern(construct, prop, value, HOSTED_ZONE_ID_PATTERN, HOSTED_ZONE_ID_HINT);
