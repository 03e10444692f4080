import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "AWS-013",
  severity: "error",
  scope: "all",
  title: "Security group texts are ASCII",
  rationale: "EC2 rejects descriptions with other characters (an en dash is enough).",
  fix: "Use plain ASCII in descriptions.",
};

export const AWS_013: Rule = perResource(
  metadata,
  ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"],
  (r) =>
    typeof r.attrs.description === "string" && !/^[A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/.test(r.attrs.description)
      ? `description "${r.attrs.description}" has characters EC2 rejects`
      : undefined,
);
