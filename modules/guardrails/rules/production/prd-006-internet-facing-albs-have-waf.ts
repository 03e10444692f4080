import type { Rule, RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-006",
  severity: "error",
  scope: "production",
  title: "Internet-facing load balancers have a WAF",
  rationale: "Managed rule sets and rate limits stop the commodity attacks and floods first.",
  fix: "Set waf.enabled: true.",
};

export const PRD_006: Rule = {
  ...metadata,
  check: (stack) =>
    stack
      .ofType("aws_lb")
      .filter((lb) => lb.attrs.internal !== true)
      .filter((lb) => !stack.ofType("aws_wafv2_web_acl_association").some((a) => stack.refersTo(a.attrs.resource_arn, lb)))
      .map((lb) => ({ path: lb.path, message: "no WAF web ACL is associated with this load balancer" })),
};
