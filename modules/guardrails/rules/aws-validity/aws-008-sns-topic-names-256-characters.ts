import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-008",
  severity: "error",
  scope: "all",
  title: `SNS topic names: ${NAME_LIMITS.snsTopic} characters of [A-Za-z0-9_-]`,
  rationale: "SNS rejects longer names or other characters.",
  fix: NAME_HINT,
};

export const AWS_008: Rule = nameRule(
  metadata,
  ["aws_sns_topic"],
  "name",
  NAME_LIMITS.snsTopic,
  /^[A-Za-z0-9_-]+$/,
  "letters, digits, hyphens and underscores",
);
