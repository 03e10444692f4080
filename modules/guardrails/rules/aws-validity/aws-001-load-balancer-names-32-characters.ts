import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-001",
  severity: "error",
  scope: "all",
  title: `Load balancer names: ${NAME_LIMITS.loadBalancer} characters, letters, digits, hyphens`,
  rationale: "ELB rejects longer names or other characters at apply time.",
  fix: NAME_HINT,
};

export const AWS_001: Rule = nameRule(
  metadata,
  ["aws_lb"],
  "name",
  NAME_LIMITS.loadBalancer,
  /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  "letters, digits and hyphens, not starting with internal- or ending with a hyphen",
);
