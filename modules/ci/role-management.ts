import type { PolicyStatement } from "../iam/policy-document";

/** What a deploy needs to manage (and pass) the IAM roles its stack creates, all named `<prefix>*`. */
export const ROLE_MANAGEMENT_ACTIONS = [
  "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
  "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListInstanceProfilesForRole", "iam:PassRole",
] as const;

/** Services whose service-linked roles a first deploy of an environment may create. */
export const SERVICE_LINKED_ROLE_SERVICES = ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com", "elasticache.amazonaws.com", "application-autoscaling.amazonaws.com", "ecs.application-autoscaling.amazonaws.com"] as const;

/** The two IAM statements of a deploy role: its stack's roles by name prefix, and service-linked roles. */
export function roleManagementStatements(sid: string, accountId: string, rolePrefix: string): PolicyStatement[] {
  return [
    { Sid: sid, Effect: "Allow", Action: [...ROLE_MANAGEMENT_ACTIONS], Resource: `arn:aws:iam::${accountId}:role/${rolePrefix}*` },
    {
      Sid: "ServiceLinkedRolesOnFirstDeploy",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": [...SERVICE_LINKED_ROLE_SERVICES] } },
    },
  ];
}
