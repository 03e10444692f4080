import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "AWS-014",
  severity: "error",
  scope: "all",
  title: "KMS aliases start with alias/ and not alias/aws/",
  rationale: "KMS reserves alias/aws/ and rejects other forms.",
  fix: "Name aliases alias/<project>-<env>.",
};

export const AWS_014: Rule = perResource(metadata, ["aws_kms_alias"], (r) =>
  typeof r.attrs.name === "string" && (!r.attrs.name.startsWith("alias/") || r.attrs.name.startsWith("alias/aws/"))
    ? `alias ${r.attrs.name} is not allowed`
    : undefined,
);
