import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-003",
  severity: "error",
  scope: "all",
  title: `ElastiCache ids: ${NAME_LIMITS.elastiCacheReplicationGroup} lowercase characters starting with a letter`,
  rationale: "ElastiCache rejects longer or mixed-case ids.",
  fix: NAME_HINT,
};

export const AWS_003: Rule = nameRule(
  metadata,
  ["aws_elasticache_replication_group"],
  "replication_group_id",
  NAME_LIMITS.elastiCacheReplicationGroup,
  /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
  "lowercase letters, digits and single hyphens, starting with a letter",
);
