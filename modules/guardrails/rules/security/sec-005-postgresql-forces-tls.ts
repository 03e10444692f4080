import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-005",
  severity: "error",
  scope: "all",
  title: "PostgreSQL forces TLS",
  rationale: "RDS accepts plain-text connections unless rds.force_ssl is 1.",
  fix: "Set the parameter rds.force_ssl = 1 in the instance's parameter group.",
};

export const SEC_005: Rule = perResource(metadata, ["aws_db_instance"], (r, stack) => {
  const group = stack.ofType("aws_db_parameter_group").find((g) => stack.refersTo(r.attrs.parameter_group_name, g));
  const forced = (group?.attrs.parameter ?? []).some((p: any) => p.name === "rds.force_ssl" && String(p.value) === "1");
  return forced ? undefined : "its parameter group does not set rds.force_ssl = 1";
});
