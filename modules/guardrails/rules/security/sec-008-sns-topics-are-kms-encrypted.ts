import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-008",
  severity: "error",
  scope: "all",
  title: "SNS topics are KMS-encrypted",
  rationale: "Alarm messages name resources and thresholds.",
  fix: "Set kms_master_key_id (AlertTopic does).",
};

export const SEC_008: Rule = perResource(metadata, ["aws_sns_topic"], (r) =>
  r.attrs.kms_master_key_id ? undefined : "no kms_master_key_id",
);
