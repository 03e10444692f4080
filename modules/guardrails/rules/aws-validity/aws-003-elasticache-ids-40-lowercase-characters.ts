import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { LOWERCASE_ID, NAME_HINT, nameRule } from "./helpers";

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
  LOWERCASE_ID.pattern,
  LOWERCASE_ID.describe,
);
