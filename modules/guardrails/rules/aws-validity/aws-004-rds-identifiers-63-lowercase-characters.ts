import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { LOWERCASE_ID, NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-004",
  severity: "error",
  scope: "all",
  title: `RDS identifiers: ${NAME_LIMITS.rdsIdentifier} lowercase characters starting with a letter`,
  rationale: "RDS rejects other identifiers.",
  fix: NAME_HINT,
};

export const AWS_004: Rule = nameRule(
  metadata,
  ["aws_db_instance"],
  "identifier",
  NAME_LIMITS.rdsIdentifier,
  LOWERCASE_ID.pattern,
  LOWERCASE_ID.describe,
);
