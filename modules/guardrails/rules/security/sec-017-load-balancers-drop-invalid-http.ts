import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-017",
  severity: "warning",
  scope: "all",
  title: "Load balancers drop invalid HTTP headers",
  rationale: "Malformed headers are a request-smuggling vector between the ALB and the service.",
  fix: "Set drop_invalid_header_fields = true.",
};

export const SEC_017: Rule = perResource(metadata, ["aws_lb"], (r) =>
  r.attrs.load_balancer_type === "network" || r.attrs.drop_invalid_header_fields === true
    ? undefined
    : "drop_invalid_header_fields is not true",
);
