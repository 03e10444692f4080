import { policyStatements as statements } from "../../../iam/policy-document";
import type { Rule, RuleMetadata } from "../../rule";
import { bucketRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-003",
  severity: "error",
  scope: "all",
  title: "S3 buckets refuse plain HTTP",
  rationale: "Without a TLS-only policy, clients may read and write over unencrypted connections.",
  fix: "Attach the policy from modules/s3/tls-only-bucket-policy.ts.",
};

export const SEC_003: Rule = bucketRule(
  metadata,
  "aws_s3_bucket_policy",
  (r) =>
    statements(r.attrs.policy).some(
      (s) => s.Effect === "Deny" && JSON.stringify(s.Condition ?? {}).includes('"aws:SecureTransport":"false"'),
    ),
  "policy denying aws:SecureTransport=false",
);
