import { actionMatches } from "../../iam/action-pattern";
import { asList as list, policyStatements as statements } from "../../iam/policy-document";
import { perResource, ResourceView, Rule } from "../rule";

const iam = (id: string, title: string, rationale: string, fix: string) => ({ id, severity: "error" as const, scope: "all" as const, title, rationale, fix });
const POLICY_TYPES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

/** Actions that create a principal or change its permissions: IAM checks `iam:PermissionsBoundary` on each. */
const BOUNDED_ACTIONS = [
  "iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary",
  "iam:CreateUser", "iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutUserPermissionsBoundary",
];
/** Actions that remove or rewrite what a boundary enforces: no condition makes them safe to grant. */
const BOUNDARY_ESCAPES = ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"];

/** AWS-managed policies too broad for any role: each reaches data or services nobody reviewed for it. */
const BROAD_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|ReadOnlyAccess|IAMFullAccess|[A-Za-z0-9]+FullAccess)$/;

const allows = (s: Record<string, any>, actions: readonly string[]) => actions.filter((action) => list<string>(s.Action).some((pattern) => actionMatches(pattern, action)));
const conditionKeyIn = (s: Record<string, any>, operators: readonly string[], key: string) => operators.some((op) => s.Condition?.[op]?.[key] !== undefined);

function allowStatements(r: ResourceView): Record<string, any>[] {
  return statements(r.attrs.policy).filter((s) => s.Effect === "Allow");
}

/** Managed policy ARNs attached to a role by any of the provider's ways of attaching them. */
function attachedPolicies(r: ResourceView): string[] {
  if (r.type === "aws_iam_role") return list<string>(r.attrs.managed_policy_arns);
  if (r.type === "aws_iam_role_policy_attachments_exclusive") return list<string>(r.attrs.policy_arns);
  return list<string>(r.attrs.policy_arn);
}

export const IAM_RULES: Rule[] = [
  perResource(
    iam(
      "IAM-001",
      "Roles and policies are created or changed only under a permissions boundary",
      "A principal that may create a role or write its policy without a boundary can give that role AdministratorAccess and assume it.",
      "Condition the statement on StringEquals iam:PermissionsBoundary = the environment's boundary (modules/ci/deploy-grants.ts); never grant DeleteRolePermissionsBoundary, CreatePolicyVersion or SetDefaultPolicyVersion.",
    ),
    POLICY_TYPES,
    (r) =>
      allowStatements(r).flatMap((s) => [
        ...(conditionKeyIn(s, ["StringEquals", "ArnEquals"], "iam:PermissionsBoundary") ? [] : allows(s, BOUNDED_ACTIONS).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a} without an iam:PermissionsBoundary condition`)),
        ...allows(s, BOUNDARY_ESCAPES).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a}, which removes or rewrites a boundary`),
      ]),
  ),
  perResource(
    iam(
      "IAM-002",
      "iam:PassRole names the services a role may be handed to",
      "PassRole without iam:PassedToService lets the holder hand a role to any service (a Lambda, an EC2 instance) and run code as it.",
      'Add Condition StringEquals iam:PassedToService = the services that run the role, e.g. ["ecs-tasks.amazonaws.com"].',
    ),
    POLICY_TYPES,
    (r) =>
      allowStatements(r)
        .filter((s) => allows(s, ["iam:PassRole"]).length > 0 && !conditionKeyIn(s, ["StringEquals", "StringLike"], "iam:PassedToService"))
        .map((s) => `statement ${s.Sid ?? "(no Sid)"} allows iam:PassRole to any service`),
  ),
  perResource(
    iam(
      "IAM-003",
      "No role gets a broad AWS-managed policy",
      "AdministratorAccess, PowerUserAccess, ReadOnlyAccess and *FullAccess reach every resource of their services: state objects, secrets, other environments.",
      "Grant the actions the role needs in an inline policy scoped to its resources (ViewOnlyAccess is fine for metadata reads).",
    ),
    ["aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_role_policy_attachments_exclusive", "aws_iam_policy_attachment"],
    (r) => attachedPolicies(r).filter((arn) => BROAD_MANAGED.test(arn)).map((arn) => `attaches ${arn}`),
  ),
];
