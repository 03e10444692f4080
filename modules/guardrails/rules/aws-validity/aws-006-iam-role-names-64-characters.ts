import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-006",
  severity: "error",
  scope: "all",
  title: `IAM role names: ${NAME_LIMITS.iamRole} characters of [A-Za-z0-9+=,.@_-]`,
  rationale: "IAM rejects longer names.",
  fix: NAME_HINT,
};

export const AWS_006: Rule = nameRule(
  metadata,
  ["aws_iam_role"],
  "name",
  NAME_LIMITS.iamRole,
  /^[\w+=,.@-]+$/,
  "letters, digits and +=,.@_-",
);
