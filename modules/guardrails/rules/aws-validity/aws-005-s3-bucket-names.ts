import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { NAME_HINT, nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-005",
  severity: "error",
  scope: "all",
  title: `S3 bucket names: 3–${NAME_LIMITS.s3Bucket} DNS-style characters`,
  rationale: "S3 rejects other names; names are global.",
  fix: NAME_HINT,
};

export const AWS_005: Rule = nameRule(
  metadata,
  ["aws_s3_bucket"],
  "bucket",
  NAME_LIMITS.s3Bucket,
  /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  "3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
);
