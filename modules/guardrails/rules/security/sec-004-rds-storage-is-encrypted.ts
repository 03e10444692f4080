import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-004",
  severity: "error",
  scope: "all",
  title: "RDS storage is encrypted and the instance is not public",
  rationale: "Database files and snapshots hold every article and credential hash.",
  fix: "Set storage_encrypted = true with the environment key, publicly_accessible = false.",
};

export const SEC_004: Rule = perResource(metadata, ["aws_db_instance"], (r) => [
  ...(r.attrs.storage_encrypted === true ? [] : ["storage_encrypted is not true"]),
  ...(r.attrs.publicly_accessible === true ? ["publicly_accessible is true"] : []),
]);
