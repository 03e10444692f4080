import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-003",
  severity: "error",
  scope: "all",
  title: "ElastiCache ids: 40 lowercase characters starting with a letter",
  rationale: "ElastiCache rejects longer or mixed-case ids.",
  fix: NAME_HINT,
};

export const AWS_003: Rule = nameRule(metadata, ["aws_elasticache_replication_group"], "replication_group_id", 40, /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, "lowercase letters, digits and single hyphens, starting with a letter");
