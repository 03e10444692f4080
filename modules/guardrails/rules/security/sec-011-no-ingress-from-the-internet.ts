import { asList as list } from "../../../iam/policy-document";
import type { Rule, RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-011",
  severity: "error",
  scope: "all",
  title: "No ingress from the internet except the ALB on 80/443",
  rationale: "Anything else reachable from 0.0.0.0/0 or ::/0 is an attack surface (SSH, databases).",
  fix: "Reference the ALB's security group instead of a CIDR, or restrict the CIDR.",
};

export const SEC_011: Rule = {
  ...metadata,
  check: (stack) => {
    const albGroups = stack.ofType("aws_lb").flatMap((lb) => list(lb.attrs.security_groups));
    const open = (cidr: unknown) => cidr === "0.0.0.0/0" || cidr === "::/0";
    const findings = stack
      .ofType("aws_vpc_security_group_ingress_rule")
      .filter((r) => open(r.attrs.cidr_ipv4) || open(r.attrs.cidr_ipv6))
      .filter(
        (r) =>
          !(
            albGroups.includes(r.attrs.security_group_id) &&
            r.attrs.from_port === r.attrs.to_port &&
            [80, 443].includes(r.attrs.from_port) &&
            r.attrs.ip_protocol === "tcp"
          ),
      )
      .map((r) => ({
        path: r.path,
        message:
          `ingress from ${r.attrs.cidr_ipv4 ?? r.attrs.cidr_ipv6} on ${r.attrs.ip_protocol} ` +
          `${r.attrs.from_port}-${r.attrs.to_port} to a group that is not the ALB's on 80/443`,
      }));
    for (const group of stack.ofType("aws_security_group")) {
      for (const rule of group.attrs.ingress ?? []) {
        if ([...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks)].some(open))
          findings.push({ path: group.path, message: `inline ingress from the internet on ports ${rule.from_port}-${rule.to_port}` });
      }
    }
    return findings;
  },
};
