import type { Rule, RuleMetadata } from "../../rule";
import { bucketRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-001",
  severity: "error",
  scope: "all",
  title: "S3 buckets are encrypted at rest",
  rationale: "Unencrypted objects are readable by anyone who gets the disks or a misrouted copy.",
  fix: "Create the bucket with modules/s3/private-bucket.ts (SSE-KMS, or SSE-S3 where the writer requires it).",
};

export const SEC_001: Rule = bucketRule(
  metadata,
  "aws_s3_bucket_server_side_encryption_configuration",
  undefined,
  "server-side encryption configuration",
);
