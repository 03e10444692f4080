import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-016",
  severity: "error",
  scope: "all",
  title: "KMS keys rotate yearly",
  rationale: "Rotation limits how much data one key version protects.",
  fix: "Set enable_key_rotation = true (EnvironmentKey does).",
};

export const SEC_016: Rule = perResource(metadata, ["aws_kms_key"], (r) =>
  r.attrs.enable_key_rotation === true ? undefined : "enable_key_rotation is not true",
);
