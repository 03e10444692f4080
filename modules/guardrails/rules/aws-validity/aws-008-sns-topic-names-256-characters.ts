import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-008",
  severity: "error",
  scope: "all",
  title: "SNS topic names: 256 characters of [A-Za-z0-9_-]",
  rationale: "SNS rejects longer names or other characters.",
  fix: NAME_HINT,
};

export const AWS_008: Rule = nameRule(metadata, ["aws_sns_topic"], "name", 256, /^[A-Za-z0-9_-]+$/, "letters, digits, hyphens and underscores");
