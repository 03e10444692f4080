import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-002",
  severity: "error",
  scope: "production",
  title: "Databases have deletion protection",
  rationale: "A destroy or a mistaken replacement would drop the data.",
  fix: "Set database.deletionProtection: true.",
};

export const PRD_002: Rule = perResource(metadata, ["aws_db_instance"], (r) =>
  r.attrs.deletion_protection === true ? undefined : "deletion_protection is not true",
);
