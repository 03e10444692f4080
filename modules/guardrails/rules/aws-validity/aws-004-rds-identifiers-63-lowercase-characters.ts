import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

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
  /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
  "lowercase letters, digits and single hyphens, starting with a letter",
);
