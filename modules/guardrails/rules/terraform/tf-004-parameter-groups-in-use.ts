import type { Rule, RuleMetadata } from "../../rule";

/** Groups a database or cache uses by name, which AWS refuses to delete while they are in use. */
export const IN_USE_GROUP_TYPES = [
  "aws_db_parameter_group",
  "aws_rds_cluster_parameter_group",
  "aws_db_option_group",
  "aws_elasticache_parameter_group",
] as const;

const metadata: RuleMetadata = {
  id: "TF-004",
  severity: "error",
  scope: "all",
  title: "A parameter or option group in use is replaced create-before-destroy",
  rationale:
    "A new family (an engine or major-version upgrade) replaces the group. Destroying it first fails while the " +
    "database or cache still uses it (InvalidDBParameterGroupState, InvalidCacheParameterGroupState), and the " +
    "upgrade stops half-way.",
  fix:
    "Set lifecycle { create_before_destroy = true } with a name that changes on replacement (name_prefix, or " +
    "replacementName() where the type has no prefix).",
};

export const TF_004: Rule = {
  ...metadata,
  check: (stack) =>
    IN_USE_GROUP_TYPES.flatMap((type) => stack.ofType(type))
      .filter((group) => group.attrs.lifecycle?.create_before_destroy !== true)
      .flatMap((group) => {
        const users = stack.resources.filter((r) => r !== group && stack.refersTo(r.attrs, group));
        return users.length === 0
          ? []
          : [
              {
                path: group.path,
                message:
                  `used by ${users.map((u) => `${u.type}.${u.name}`).join(", ")} but replaced destroy-first: ` +
                  "a new family would fail while it is in use",
              },
            ];
      }),
};
