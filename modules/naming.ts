import { createHash } from "node:crypto";
import { ConfigError } from "./errors";

/** Rules a physical name must satisfy; the strictest AWS resource types set these. */
export interface NameRules {
  /** Longest name AWS accepts for this resource type. */
  readonly maxLength: number;
}

const HASH_LENGTH = 8;

/**
 * Builds every physical name in the project: `<project>-<environment>-<component>`, lowercase
 * letters, digits and single hyphens, starting with a letter (the intersection of what ALB, target
 * group, ElastiCache, RDS, S3 and IAM accept). A name over the limit keeps its readable start and
 * ends in a stable hash of the full name, so it never changes between synths and never collides.
 */
export class Naming {
  /** `<project>-<environment>`, the prefix of every name. */
  public readonly prefix: string;

  constructor(
    public readonly project: string,
    public readonly environment: string,
  ) {
    for (const [field, value] of [["project", project], ["environment", environment]] as const) {
      if (!/^[a-z][a-z0-9]*$/.test(value)) {
        throw new ConfigError(`Naming: ${field} "${value}" must be lowercase letters and digits, starting with a letter.`);
      }
    }
    this.prefix = `${project}-${environment}`;
  }

  /** The physical name of `component` (e.g. "api", "alb-logs"), within `rules.maxLength`. */
  public name(component: string, rules: NameRules): string {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(component)) {
      throw new ConfigError(`Naming: component "${component}" must be lowercase letters, digits and single hyphens.`);
    }
    return fitName(`${this.prefix}-${component}`, rules.maxLength);
  }

  /**
   * A `name_prefix` for `component`: the name with a trailing hyphen, short enough that the
   * 26-character suffix Terraform appends still fits `rules.maxLength`. Used where a resource is
   * replaced create-before-destroy, so old and new copies never hold the same name at once.
   */
  public namePrefix(component: string, rules: NameRules): string {
    return `${this.name(component, { maxLength: rules.maxLength - TERRAFORM_UNIQUE_SUFFIX_LENGTH - 1 })}-`;
  }
}

/** Characters Terraform appends to a `name_prefix` (a timestamp and a counter: UniqueIDSuffixLength). */
export const TERRAFORM_UNIQUE_SUFFIX_LENGTH = 26;

/** Shortens `full` to `maxLength` with a stable hash suffix; returns it unchanged when it fits. */
export function fitName(full: string, maxLength: number): string {
  if (full.length <= maxLength) return full;
  if (maxLength < HASH_LENGTH + 2) {
    throw new ConfigError(`Naming: a limit of ${maxLength} characters cannot hold a hashed name for "${full}".`);
  }
  const hash = createHash("sha256").update(full).digest("hex").slice(0, HASH_LENGTH);
  const head = full.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}
