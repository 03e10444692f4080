import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-007",
  severity: "error",
  scope: "all",
  title: `Log group names: ${NAME_LIMITS.logGroup} characters of [A-Za-z0-9._/#-]`,
  rationale: "CloudWatch Logs rejects other characters.",
  fix: NAME_HINT,
};

export const AWS_007: Rule = nameRule(
  metadata,
  ["aws_cloudwatch_log_group"],
  "name",
  NAME_LIMITS.logGroup,
  /^[A-Za-z0-9._/#-]+$/,
  "letters, digits and . _ / # -",
);
