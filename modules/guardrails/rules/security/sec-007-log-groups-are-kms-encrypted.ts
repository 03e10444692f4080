import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-007",
  severity: "error",
  scope: "all",
  title: "Log groups are KMS-encrypted and expire",
  rationale: "Logs hold request details; kept forever they cost more every month.",
  fix: "Create log groups with modules/logs/encrypted-log-group.ts (retention and key are required props).",
};

export const SEC_007: Rule = perResource(metadata, ["aws_cloudwatch_log_group"], (r) => [
  ...(r.attrs.kms_key_id ? [] : ["no kms_key_id"]),
  ...(Number(r.attrs.retention_in_days) > 0 ? [] : ["no retention_in_days (kept forever)"]),
]);
