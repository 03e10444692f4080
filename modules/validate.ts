import { Token } from "cdktf";
import { ConfigError } from "./errors";

/**
 * Prop checks that run first in a construct's constructor, so a bad value fails synth with the
 * construct, the prop and the allowed values named. Unresolved tokens are skipped: their value is
 * only known at apply time.
 */
export function requireIntInRange(construct: string, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${construct}: ${prop} = ${value} must be a whole number from ${min} to ${max}.`);
  }
}

export function requireOneOf<T>(construct: string, prop: string, value: T, allowed: readonly T[]): void {
  if (typeof value === "string" && Token.isUnresolved(value)) return;
  if (!allowed.includes(value)) {
    throw new ConfigError(
      `${construct}: ${prop} = ${JSON.stringify(value)} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}.`,
    );
  }
}
