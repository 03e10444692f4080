import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-017",
  severity: "error",
  scope: "all",
  title: `ECS cluster and service names: ${NAME_LIMITS.ecsCluster} characters of [A-Za-z0-9_-]`,
  rationale: "ECS rejects other names.",
  fix: NAME_HINT,
};

export const AWS_017: Rule = nameRule(
  metadata,
  ["aws_ecs_cluster", "aws_ecs_service"],
  "name",
  NAME_LIMITS.ecsCluster,
  /^[A-Za-z0-9_-]+$/,
  "letters, digits, hyphens and underscores",
);
