import { REPLACED_WHEN, replacementDigest } from "../../../terraform/replacement-name";
import type { Rule, RuleMetadata } from "../../rule";

/** A name-like attribute that must be unique and forces replacement, and the attribute that avoids fixing it. */
export interface UniqueName {
  readonly attribute: string;
  /** Terraform's generated-suffix alternative, where the resource type has one. */
  readonly prefixAttribute?: string;
}

const named = (prefix = true): UniqueName[] => [{ attribute: "name", prefixAttribute: prefix ? "name_prefix" : undefined }];

/**
 * Per resource type: the attributes that are unique in the account (or region, or parent) and force a
 * replacement when they change. With `create_before_destroy`, the new copy is created while the old
 * one still holds the value, so AWS refuses it (InvalidGroup.Duplicate, DBParameterGroupAlreadyExists,
 * BucketAlreadyOwnedByYou, ...). Types not listed are checked on `name`.
 */
export const UNIQUE_NAME_ATTRIBUTES: Readonly<Record<string, readonly UniqueName[]>> = {
  aws_security_group: named(),
  aws_db_parameter_group: named(),
  aws_db_subnet_group: named(),
  aws_db_option_group: named(),
  aws_rds_cluster_parameter_group: named(),
  aws_db_instance: [{ attribute: "identifier", prefixAttribute: "identifier_prefix" }],
  aws_rds_cluster: [{ attribute: "cluster_identifier", prefixAttribute: "cluster_identifier_prefix" }],
  aws_elasticache_parameter_group: named(false),
  aws_elasticache_subnet_group: named(false),
  aws_elasticache_replication_group: [{ attribute: "replication_group_id" }],
  aws_s3_bucket: [{ attribute: "bucket", prefixAttribute: "bucket_prefix" }],
  aws_lb: named(),
  aws_lb_target_group: named(),
  aws_launch_template: named(),
  aws_iam_role: named(),
  aws_iam_policy: named(),
  aws_iam_instance_profile: named(),
  aws_ecs_cluster: named(false),
  aws_ecs_service: named(false),
  aws_cloudwatch_log_group: named(),
  aws_secretsmanager_secret: named(),
  aws_sns_topic: named(),
  aws_sqs_queue: named(),
  aws_kms_alias: named(),
  aws_ecr_repository: named(false),
  aws_lambda_function: [{ attribute: "function_name" }],
  aws_dynamodb_table: named(false),
  aws_autoscaling_group: named(),
};

const DEFAULT_UNIQUE_NAMES = named(false);

/**
 * True when `attribute` is a name `replacementName()` built: it ends with the digest of the attributes
 * that force a replacement, so every replacement comes with a new name.
 */
const namedPerReplacement = (type: string, attribute: string, attrs: Readonly<Record<string, any>>): boolean =>
  attribute === "name" &&
  REPLACED_WHEN[type] !== undefined &&
  typeof attrs.name === "string" &&
  attrs.name.endsWith(`-${replacementDigest(type, attrs)}`);

/** True when the resource's lifecycle asks Terraform to create the replacement first. */
const createsBeforeDestroy = (attrs: Readonly<Record<string, any>>): boolean => attrs.lifecycle?.create_before_destroy === true;

const metadata: RuleMetadata = {
  id: "TF-001",
  severity: "error",
  scope: "all",
  title: "A resource replaced create-before-destroy has no fixed unique name",
  rationale:
    "The replacement is created while the old resource still holds the name, so AWS refuses it " +
    "(InvalidGroup.Duplicate, DBParameterGroupAlreadyExists) and the apply stops half-way. " +
    "Attributes per type: UNIQUE_NAME_ATTRIBUTES in " +
    "modules/guardrails/rules/terraform/tf-001-replacement-names.ts.",
  fix:
    "Use the type's prefix attribute (name_prefix, bucket_prefix, identifier_prefix; Naming.namePrefix()); " +
    "for a type without one, a name from replacementName() (modules/terraform/replacement-name.ts); " +
    "or drop create_before_destroy.",
};

/** Every resource type in the stack is checked; unlisted types on `name`. */
export const TF_001: Rule = {
  ...metadata,
  check: (stack) =>
    stack.resources
      .filter((r) => createsBeforeDestroy(r.attrs))
      .flatMap((r) =>
        (UNIQUE_NAME_ATTRIBUTES[r.type] ?? DEFAULT_UNIQUE_NAMES)
          .filter(({ attribute }) => r.attrs[attribute] !== undefined && r.attrs[attribute] !== null)
          .filter(({ attribute }) => !namedPerReplacement(r.type, attribute, r.attrs))
          .map(({ attribute, prefixAttribute }) => ({
            path: r.path,
            message:
              `create_before_destroy with a fixed ${attribute} ${JSON.stringify(r.attrs[attribute])}: the ` +
              "replacement would collide with it; " +
              `${prefixAttribute ? `use ${prefixAttribute}` : "drop create_before_destroy"}`,
          })),
      ),
};
