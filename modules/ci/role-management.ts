import { BOUNDARY_DENIED_IAM_ACTIONS } from "../iam/permissions-boundary";
import type { PolicyStatement } from "../iam/policy-document";

/**
 * Services the environment stacks hand a role to: ECS tasks, VPC flow logs, ECS itself (the traffic-shift
 * role of a blue-green / canary / linear deployment), Lambda (the smoke-test hook) and EventBridge
 * Scheduler (the database stop/start schedule). iam:PassRole only to these.
 */
export const PASSED_TO_SERVICES = [
  "ecs-tasks.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
  "ecs.amazonaws.com",
  "lambda.amazonaws.com",
  "scheduler.amazonaws.com",
] as const;

/** IAM actions that create or change a role's permissions; IAM evaluates `iam:PermissionsBoundary` on each. */
export const BOUNDARY_KEYED_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:PutRolePermissionsBoundary",
] as const;

/** Services whose service-linked roles a first deploy of an environment may create. */
export const SERVICE_LINKED_ROLE_SERVICES = [
  "ecs.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "rds.amazonaws.com",
  "elasticache.amazonaws.com",
  "application-autoscaling.amazonaws.com",
  "ecs.application-autoscaling.amazonaws.com",
] as const;

export interface RoleManagementScope {
  readonly accountId: string;
  /** Roles the deploy may manage are named `<rolePrefix>*`, e.g. "news-dev-" or "news-pr". */
  readonly rolePrefix: string;
  /** ARN of the permissions boundary every role it creates or changes must carry. */
  readonly boundaryArn: string;
}

/**
 * The IAM statements of a deploy role (an environment's or the previews'): roles named `<rolePrefix>*`
 * created or changed only with the boundary attached (IAM-001), handed only to the services that run
 * them (IAM-002), service-linked roles on a first deploy; nothing changes a boundary or a managed policy.
 */
export function roleManagementStatements(s: RoleManagementScope): PolicyStatement[] {
  const roles = `arn:aws:iam::${s.accountId}:role/${s.rolePrefix}*`;
  const boundary = { StringEquals: { "iam:PermissionsBoundary": s.boundaryArn } };
  return [
    {
      Sid: "CreateAndChangeRolesUnderTheBoundary",
      Effect: "Allow",
      Action: [...BOUNDARY_KEYED_ACTIONS],
      Resource: roles,
      Condition: boundary,
    },
    {
      Sid: "ReadAndTidyOwnRoles",
      Effect: "Allow",
      Action: [
        "iam:GetRole",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:DeleteRole",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
      ],
      Resource: roles,
    },
    {
      Sid: "PassOwnRolesToTheirServices",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roles,
      Condition: { StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] } },
    },
    {
      Sid: "NoRoleWithoutTheBoundary",
      Effect: "Deny",
      Action: [...BOUNDARY_KEYED_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": s.boundaryArn } },
    },
    {
      Sid: "NoBoundaryOrManagedPolicyChanges",
      Effect: "Deny",
      Action: BOUNDARY_DENIED_IAM_ACTIONS.filter(
        (a) => !(BOUNDARY_KEYED_ACTIONS as readonly string[]).includes(a) && a !== "iam:PassRole" && a !== "iam:UpdateAssumeRolePolicy",
      ),
      Resource: "*",
    },
    {
      Sid: "ServiceLinkedRolesOnFirstDeploy",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `arn:aws:iam::${s.accountId}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": [...SERVICE_LINKED_ROLE_SERVICES] } },
    },
  ];
}
