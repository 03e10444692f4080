import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-005",
  severity: "error",
  scope: "production",
  title: "Backups are kept at least 7 days",
  rationale: "A problem noticed after a weekend must still be recoverable.",
  fix: "Set database.backupRetentionDays ≥ 7.",
};

export const PRD_005: Rule = perResource(metadata, ["aws_db_instance"], (r) =>
  Number(r.attrs.backup_retention_period) >= 7 ? undefined : `backup_retention_period is ${r.attrs.backup_retention_period}`,
);
