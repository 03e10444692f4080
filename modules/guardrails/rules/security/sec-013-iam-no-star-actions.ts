import { asList as list, policyStatements as statements } from "../../../iam/policy-document";
import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { IAM_POLICY_TYPES } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-013",
  severity: "error",
  scope: "all",
  title: "IAM policies grant no `*` actions",
  rationale: "`s3:*` or `*` grants actions nobody reviewed, including future ones.",
  fix: "List the actions the role needs.",
};

export const SEC_013: Rule = perResource(metadata, [...IAM_POLICY_TYPES, "aws_iam_role"], (r) =>
  statements(r.attrs.policy ?? r.attrs.inline_policy?.policy)
    .filter((s) => s.Effect === "Allow")
    .flatMap((s) =>
      list(s.Action)
        .filter((a) => a === "*" || a.endsWith(":*"))
        .map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a}`),
    ),
);
