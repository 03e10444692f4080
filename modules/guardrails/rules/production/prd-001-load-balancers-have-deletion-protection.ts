import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-001",
  severity: "error",
  scope: "production",
  title: "Load balancers have deletion protection",
  rationale: "Deleting the ALB takes the API's address with it.",
  fix: "Set loadBalancer.deletionProtection: true.",
};

export const PRD_001: Rule = perResource(metadata, ["aws_lb"], (r) =>
  r.attrs.enable_deletion_protection === true ? undefined : "enable_deletion_protection is not true",
);
