import type { Rule, RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "AWS-015",
  severity: "error",
  scope: "all",
  title: "WAF logs go to a log group named aws-waf-logs-…",
  rationale: "WAF only delivers to log groups with that prefix.",
  fix: "Name the group aws-waf-logs-<prefix> (WebAcl does).",
};

export const AWS_015: Rule = {
  ...metadata,
  check: (stack) =>
    stack.ofType("aws_wafv2_web_acl_logging_configuration").flatMap((config) => {
      const groups = stack.ofType("aws_cloudwatch_log_group").filter((g) => stack.refersTo(config.attrs.log_destination_configs, g));
      return groups
        .filter((g) => !String(g.attrs.name).startsWith("aws-waf-logs-"))
        .map((g) => ({ path: config.path, message: `destination ${g.attrs.name} does not start with aws-waf-logs-` }));
    }),
};
