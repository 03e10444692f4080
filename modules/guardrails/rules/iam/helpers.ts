import { actionMatches } from "../../../iam/action-pattern";
import { asList as list, policyStatements as statements } from "../../../iam/policy-document";
import { ResourceView } from "../../rule";

export const POLICY_TYPES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

/** Actions that create a principal or change its permissions: IAM checks `iam:PermissionsBoundary` on each. */
export const BOUNDED_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:CreateUser",
  "iam:PutUserPolicy",
  "iam:AttachUserPolicy",
  "iam:PutUserPermissionsBoundary",
];

/** Actions that remove or rewrite what a boundary enforces: no condition makes them safe to grant. */
export const BOUNDARY_ESCAPES = [
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
];

/** AWS-managed policies too broad for any role: each reaches data or services nobody reviewed for it. */
export const BROAD_MANAGED =
  /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|ReadOnlyAccess|IAMFullAccess|[A-Za-z0-9]+FullAccess)$/;

export const allows = (s: Record<string, any>, actions: readonly string[]) =>
  actions.filter((action) => list<string>(s.Action).some((pattern) => actionMatches(pattern, action)));

export const conditionKeyIn = (s: Record<string, any>, operators: readonly string[], key: string) =>
  operators.some((op) => s.Condition?.[op]?.[key] !== undefined);

export function allowStatements(r: ResourceView): Record<string, any>[] {
  return statements(r.attrs.policy).filter((s) => s.Effect === "Allow");
}

/** Managed policy ARNs attached to a role by any of the provider's ways of attaching them. */
export function attachedPolicies(r: ResourceView): string[] {
  if (r.type === "aws_iam_role") return list<string>(r.attrs.managed_policy_arns);
  if (r.type === "aws_iam_role_policy_attachments_exclusive") return list<string>(r.attrs.policy_arns);
  return list<string>(r.attrs.policy_arn);
}
