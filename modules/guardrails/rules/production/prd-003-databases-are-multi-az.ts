import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-003",
  severity: "error",
  scope: "production",
  title: "Databases are multi-AZ",
  rationale: "A single-AZ database is down for the length of an AZ or instance failure.",
  fix: "Set database.multiAz: true.",
};

export const PRD_003: Rule = perResource(metadata, ["aws_db_instance"], (r) =>
  r.attrs.multi_az === true ? undefined : "multi_az is not true",
);
