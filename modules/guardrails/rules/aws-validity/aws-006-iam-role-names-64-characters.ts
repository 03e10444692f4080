import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-006",
  severity: "error",
  scope: "all",
  title: "IAM role names: 64 characters of [A-Za-z0-9+=,.@_-]",
  rationale: "IAM rejects longer names.",
  fix: NAME_HINT,
};

export const AWS_006: Rule = nameRule(metadata, ["aws_iam_role"], "name", 64, /^[\w+=,.@-]+$/, "letters, digits and +=,.@_-");
