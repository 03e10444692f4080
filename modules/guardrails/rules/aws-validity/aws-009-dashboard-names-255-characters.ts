import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-009",
  severity: "error",
  scope: "all",
  title: `Dashboard names: ${NAME_LIMITS.dashboard} characters of [A-Za-z0-9_-]`,
  rationale: "CloudWatch rejects other dashboard names.",
  fix: NAME_HINT,
};

export const AWS_009: Rule = nameRule(
  metadata,
  ["aws_cloudwatch_dashboard"],
  "dashboard_name",
  NAME_LIMITS.dashboard,
  /^[A-Za-z0-9_-]+$/,
  "letters, digits, hyphens and underscores",
);
