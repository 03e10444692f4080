import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-006",
  severity: "error",
  scope: "all",
  title: "Redis is encrypted at rest with a customer KMS key and in transit with TLS required",
  rationale:
    "Cached responses and the AUTH token cross the network and sit on disk in snapshots; transit " +
    'mode "preferred" still accepts plain-text clients.',
  fix:
    "Set at_rest_encryption_enabled, kms_key_id (the environment key), transit_encryption_enabled " +
    'and transit_encryption_mode = "required".',
};

export const SEC_006: Rule = perResource(metadata, ["aws_elasticache_replication_group"], (r) => [
  ...(String(r.attrs.at_rest_encryption_enabled) === "true" ? [] : ["at_rest_encryption_enabled is not true"]),
  ...(r.attrs.kms_key_id ? [] : ["no kms_key_id: at-rest encryption uses the AWS-owned key"]),
  ...(r.attrs.transit_encryption_enabled === true ? [] : ["transit_encryption_enabled is not true"]),
  ...(r.attrs.transit_encryption_mode === "required"
    ? []
    : [`transit_encryption_mode is ${r.attrs.transit_encryption_mode ?? "unset"}, not required`]),
]);
