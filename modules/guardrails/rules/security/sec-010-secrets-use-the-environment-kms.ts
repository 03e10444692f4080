import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-010",
  severity: "error",
  scope: "all",
  title: "Secrets use the environment's KMS key",
  rationale: "The AWS-managed key cannot be restricted by key policy or shared deliberately.",
  fix: "Set kms_key_id (GeneratedSecret does).",
};

export const SEC_010: Rule = perResource(metadata, ["aws_secretsmanager_secret"], (r) =>
  r.attrs.kms_key_id ? undefined : "no kms_key_id",
);
