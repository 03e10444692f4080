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
    for (const [field, value] of [
      ["project", project],
      ["environment", environment],
    ] as const) {
      if (!/^[a-z][a-z0-9]*$/.test(value)) {
        throw new ConfigError(`Naming: ${field} "${value}" must be lowercase letters and digits, starting with a letter.`);
      }
    }
    this.prefix = `${project}-${environment}`;
  }

  /** Id of this environment's stack, `<project>-<environment>` (account-wide stacks: environment "state" or "shared"). */
  public get stackId(): string {
    return this.prefix;
  }

  /** Key of this stack's Terraform state in the state bucket (stacks/backend.ts). */
  public get stateKey(): string {
    return stateKey(this.stackId);
  }

  /** Secrets Manager name of `secret` (e.g. "redis-auth"): `<project>/<environment>/<secret>`. */
  public secretName(secret: string): string {
    return `${this.pathPrefix}/${secret}`;
  }

  /** Pattern matching every secret of the environment, for IAM resources. */
  public get secretNamePattern(): string {
    return `${this.pathPrefix}/*`;
  }

  /** CloudWatch log group of `component` (e.g. "vpc-flow-logs"): `/<project>/<environment>/<component>`. */
  public logGroupName(component: string): string {
    return `/${this.pathPrefix}/${component}`;
  }

  /** Pattern matching every log group `logGroupName` builds, for IAM resources. */
  public get logGroupNamePattern(): string {
    return `/${this.pathPrefix}/*`;
  }

  /** Pattern matching every IAM role (and other IAM-named resource) of the environment: `<prefix>-*`. */
  public get iamNamePattern(): string {
    return `${this.prefix}-*`;
  }

  /** Alias of the environment's KMS key (modules/encryption/environment-key.ts). */
  public get kmsAlias(): string {
    return `alias/${this.prefix}`;
  }

  private get pathPrefix(): string {
    return `${this.project}/${this.environment}`;
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

/** Key of a stack's Terraform state in the state bucket: `<stack id>/terraform.tfstate`. */
export const stateKey = (stackId: string): string => `${stackId}/terraform.tfstate`;

/** Key of the S3-native lock file Terraform writes next to a state object (Terraform ≥ 1.10, `use_lockfile`). */
export const stateLockKey = (stackId: string): string => `${stateKey(stackId)}.tflock`;

/** Name of the news-api image repository (news-shared); environments look it up by this name. */
export const imageRepositoryName = (project: string): string => `${project}-api`;

/**
 * Names of the account-wide stacks, as `Naming` environments: news-state, news-shared, and the CI stack
 * of each other environment account, news-account-<id> (environments may not take these names).
 */
export const ACCOUNT_WIDE_STACKS = { state: "state", shared: "shared", account: "account" } as const;

/** Stack id of an environment account's CI stack, e.g. `news-account-210987654321`. */
export const accountStackId = (project: string, accountId: string): string =>
  `${new Naming(project, ACCOUNT_WIDE_STACKS.account).stackId}-${accountId}`;

/** Component of an environment's deploy role (`<project>-shared-ci-deploy-<env>` or `<project>-account-ci-deploy-<env>`). */
export const deployRoleComponent = (environment: string): string => `ci-deploy-${environment}`;

/** What a saved-plan data key is for (tools/ci/saved-plan-envelope.ts); the CI roles' key grants require it. */
export const SAVED_PLAN_PURPOSE = "saved-plan";

/**
 * KMS encryption context of a stack's saved plan: GenerateDataKey in the plan job and Decrypt in the
 * apply job use it, and the key grants are conditioned on it, so a data key serves one stack's plan only.
 */
export const savedPlanEncryptionContext = (stackId: string): { readonly purpose: string; readonly stack: string } => ({
  purpose: SAVED_PLAN_PURPOSE,
  stack: stackId,
});
