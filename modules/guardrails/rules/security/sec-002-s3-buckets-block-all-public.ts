import type { Rule, RuleMetadata } from "../../rule";
import { bucketRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-002",
  severity: "error",
  scope: "all",
  title: "S3 buckets block all public access",
  rationale: "One public ACL or policy publishes the bucket to the internet.",
  fix: "Add an aws_s3_bucket_public_access_block with all four settings true (PrivateBucket does).",
};

export const SEC_002: Rule = bucketRule(
  metadata,
  "aws_s3_bucket_public_access_block",
  (r) => ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((k) => r.attrs[k] === true),
  "public access block with all four settings on",
);
