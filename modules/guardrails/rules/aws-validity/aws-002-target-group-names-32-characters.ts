import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-002",
  severity: "error",
  scope: "all",
  title: `Target group names: ${NAME_LIMITS.targetGroup} characters, letters, digits, hyphens`,
  rationale: "ELB rejects longer names at apply time.",
  fix: NAME_HINT,
};

export const AWS_002: Rule = nameRule(
  metadata,
  ["aws_lb_target_group"],
  "name",
  NAME_LIMITS.targetGroup,
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  "letters, digits and hyphens, not starting or ending with a hyphen",
);
