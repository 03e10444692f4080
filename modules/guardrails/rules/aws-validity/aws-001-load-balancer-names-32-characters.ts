import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-001",
  severity: "error",
  scope: "all",
  title: "Load balancer names: 32 characters, letters, digits, hyphens",
  rationale: "ELB rejects longer names or other characters at apply time.",
  fix: NAME_HINT,
};

export const AWS_001: Rule = nameRule(metadata, ["aws_lb"], "name", 32, /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, "letters, digits and hyphens, not starting with internal- or ending with a hyphen");
