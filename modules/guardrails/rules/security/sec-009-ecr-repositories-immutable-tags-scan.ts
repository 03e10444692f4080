import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-009",
  severity: "error",
  scope: "all",
  title: "ECR repositories: immutable tags, scan on push, KMS",
  rationale: "A mutable tag lets a deploy run code nobody reviewed; unscanned images ship known CVEs.",
  fix: "Use modules/registry/registry.ts.",
};

export const SEC_009: Rule = perResource(metadata, ["aws_ecr_repository"], (r) => [
  ...(r.attrs.image_tag_mutability === "IMMUTABLE" ? [] : ["image_tag_mutability is not IMMUTABLE"]),
  ...((r.attrs.image_scanning_configuration?.scan_on_push ?? r.attrs.image_scanning_configuration?.[0]?.scan_on_push) === true
    ? []
    : ["scan_on_push is not on"]),
  ...(JSON.stringify(r.attrs.encryption_configuration ?? "").includes("KMS") ? [] : ["not encrypted with KMS"]),
]);
