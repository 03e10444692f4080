import { cidrContains, cidrsOverlap, parseCidr } from "../../../network/cidr";
import type { Rule, RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "AWS-011",
  severity: "error",
  scope: "all",
  title: "Subnets lie inside their VPC and do not overlap",
  rationale: "EC2 rejects such subnets at apply time, after part of the network exists.",
  fix: "Derive subnet ranges with modules/network/subnet-plan.ts.",
};

export const AWS_011: Rule = {
  ...metadata,
  check: (stack) =>
    stack.ofType("aws_vpc").flatMap((vpc) => {
      const vpcCidr = parseCidr(vpc.attrs.cidr_block);
      const subnets = stack.ofType("aws_subnet").filter((s) => stack.refersTo(s.attrs.vpc_id, vpc));
      const findings = subnets.flatMap((s) => {
        const cidr = parseCidr(s.attrs.cidr_block);
        return !cidr || !vpcCidr || !cidrContains(vpcCidr, cidr)
          ? [{ path: s.path, message: `cidr_block ${s.attrs.cidr_block} is not inside the VPC's ${vpc.attrs.cidr_block}` }]
          : [];
      });
      subnets.forEach((a, i) =>
        subnets.slice(i + 1).forEach((b) => {
          const [ca, cb] = [parseCidr(a.attrs.cidr_block), parseCidr(b.attrs.cidr_block)];
          if (ca && cb && cidrsOverlap(ca, cb))
            findings.push({ path: b.path, message: `cidr_block ${b.attrs.cidr_block} overlaps ${a.attrs.cidr_block} (${a.path})` });
        }),
      );
      return findings;
    }),
};
