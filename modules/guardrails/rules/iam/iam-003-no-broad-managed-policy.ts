import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { attachedPolicies, BROAD_MANAGED } from "./helpers";

const metadata: RuleMetadata = {
  id: "IAM-003",
  severity: "error",
  scope: "all",
  title: "No role gets a broad AWS-managed policy",
  rationale:
    "AdministratorAccess, PowerUserAccess, ReadOnlyAccess and *FullAccess reach every resource of " +
    "their services: state objects, secrets, other environments.",
  fix: "Grant the actions the role needs in an inline policy scoped to its resources (ViewOnlyAccess is fine for metadata reads).",
};

export const IAM_003: Rule = perResource(
  metadata,
  ["aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_role_policy_attachments_exclusive", "aws_iam_policy_attachment"],
  (r) =>
    attachedPolicies(r)
      .filter((arn) => BROAD_MANAGED.test(arn))
      .map((arn) => `attaches ${arn}`),
);
