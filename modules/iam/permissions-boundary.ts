import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct, IConstruct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { Naming } from "../naming";
import { ECR_PULL_ACTIONS } from "../registry/registry";
import { policyDocument, PolicyStatement } from "./policy-document";
import { wildcardResourceStatement } from "./wildcard-allowlist";

/** Name of an environment's permissions boundary, e.g. `news-dev-boundary`. */
const permissionsBoundaryName = (naming: Naming): string => naming.name("boundary", { maxLength: NAME_LIMITS.iamPolicy });

/** ARN of an environment's permissions boundary in `accountId` (a token is fine). */
export const permissionsBoundaryArn = (accountId: string, naming: Naming): string =>
  `arn:aws:iam::${accountId}:policy/${permissionsBoundaryName(naming)}`;

/** IAM changes a role under the boundary may never make: no roles, policies or boundaries of its own. */
export const BOUNDARY_DENIED_IAM_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:AttachRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:PassRole",
  "iam:CreatePolicy",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:DeletePolicy",
  "iam:DeletePolicyVersion",
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:CreateUser",
  "iam:CreateAccessKey",
] as const;

export interface EnvironmentPermissionsBoundaryProps {
  /** The environment's naming: the boundary is `<project>-<env>-boundary`, its scopes `<project>/<env>/…`. */
  readonly naming: Naming;
  /** Account the environment's roles live in. */
  readonly accountId: string;
  /** The image repository the environment's tasks pull from (possibly in another account). */
  readonly imageRepositoryArn: string;
  /** The one database user the environment's roles may log in as (IAM authentication), e.g. "news_api". */
  readonly databaseUser: string;
  /**
   * Cover every environment whose name starts with the naming's environment (previews: "pr" covers
   * pr1, pr2, …), so one boundary serves stacks the shared stack cannot list in advance.
   * @default false - exactly the naming's environment
   */
  readonly environmentNamePrefix?: boolean;
}

/** Tag marking a managed policy as a permissions boundary (a cap, not a grant): SEC-019 reads it. */
const BOUNDARY_TAG = { PermissionsBoundary: "true" } as const;

/**
 * The most any role of one environment may do, whatever its own policies say: what the environment's
 * workloads use (pull the image, write the environment's logs, read its secrets and key, log in to
 * its database, ECS Exec channels) and no IAM at all. Deploy roles may create or change a role only
 * with this boundary attached (modules/ci/deploy-grants.ts), so a role they create cannot exceed it.
 */
export class EnvironmentPermissionsBoundary extends Construct {
  public readonly policy: IamPolicy;
  /** The boundary's ARN, known before apply (deploy-role conditions compare it as a string). */
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: EnvironmentPermissionsBoundaryProps) {
    super(scope, id);
    const s = boundaryScope(props);
    this.policy = new IamPolicy(this, "policy", {
      name: permissionsBoundaryName(props.naming),
      description: `Permissions boundary of every role of ${props.naming.stackId}: its workloads' needs, no IAM`,
      policy: policyDocument([
        ...workloadStatements(s, props.imageRepositoryArn),
        ...trafficShiftingStatements(s),
        ...dataStatements(s, props.databaseUser),
        { Sid: "NoIamChanges", Effect: "Deny", Action: [...BOUNDARY_DENIED_IAM_ACTIONS], Resource: "*" },
      ]),
      tags: { ...BOUNDARY_TAG },
    });
    this.arn = permissionsBoundaryArn(props.accountId, props.naming);
  }
}

/** The names a boundary's statements match: one environment's, or every environment's starting with it. */
interface BoundaryScope {
  readonly accountId: string;
  /** Matches by prefix (`*` after the environment name). */
  readonly wildcard: boolean;
  /** `<project>/<env>`: log group and secret paths. */
  readonly env: string;
  /** `<project>-<env>`: resource names. */
  readonly prefix: string;
  /** The environment's one database instance (modules/database/database.ts names it). */
  readonly databaseInstance: string;
}

/** The scope of a boundary's props. */
function boundaryScope(props: EnvironmentPermissionsBoundaryProps): BoundaryScope {
  const { naming } = props;
  const wildcard = props.environmentNamePrefix ?? false;
  // A previews' boundary covers every news-pr<N>: the wildcard goes where the environment name does.
  const environment = wildcard ? `${naming.environment}*` : naming.environment;
  const prefix = `${naming.project}-${environment}`;
  return {
    accountId: props.accountId,
    wildcard,
    env: `${naming.project}/${environment}`,
    prefix,
    databaseInstance: wildcard ? `${prefix}-db` : naming.name("db", { maxLength: NAME_LIMITS.rdsIdentifier }),
  };
}

/** What a task needs to start and run: registry login and pull, its logs, ECS Exec channels. */
function workloadStatements({ accountId, env, prefix }: BoundaryScope, imageRepositoryArn: string): PolicyStatement[] {
  return [
    wildcardResourceStatement("RegistryLogin", ["ecr:GetAuthorizationToken"]),
    wildcardResourceStatement("EcsExecChannels", [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]),
    { Sid: "PullTheImage", Effect: "Allow", Action: [...ECR_PULL_ACTIONS], Resource: imageRepositoryArn },
    {
      Sid: "EnvironmentLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: [`arn:aws:logs:*:${accountId}:log-group:/${env}/*`, `arn:aws:logs:*:${accountId}:log-group:/aws/lambda/${prefix}-*`],
    },
  ];
}

/**
 * ECS shifting traffic between the environment's target groups (blue-green, canary, linear) and
 * calling its lifecycle hooks: modules/service/traffic-shift-role.ts.
 */
function trafficShiftingStatements({ accountId, prefix }: BoundaryScope): PolicyStatement[] {
  return [
    wildcardResourceStatement("DescribeLoadBalancing", [
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeRules",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
    ]),
    {
      Sid: "EnvironmentTrafficShifting",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:ModifyRule"],
      Resource: [
        `arn:aws:elasticloadbalancing:*:${accountId}:targetgroup/${prefix}-*/*`,
        `arn:aws:elasticloadbalancing:*:${accountId}:listener-rule/app/${prefix}-*/*`,
      ],
    },
    {
      Sid: "EnvironmentHooks",
      Effect: "Allow",
      Action: "lambda:InvokeFunction",
      Resource: `arn:aws:lambda:*:${accountId}:function:${prefix}-*`,
    },
  ];
}

/** The environment's secrets, key and database. */
function dataStatements({ accountId, env, prefix, wildcard, databaseInstance }: BoundaryScope, databaseUser: string): PolicyStatement[] {
  return [
    {
      Sid: "EnvironmentSecrets",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: `arn:aws:secretsmanager:*:${accountId}:secret:${env}/*`,
    },
    {
      Sid: "EnvironmentKey",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: `arn:aws:kms:*:${accountId}:key/*`,
      Condition: {
        [wildcard ? "ForAnyValue:StringLike" : "ForAnyValue:StringEquals"]: {
          "kms:ResourceAliases": `alias/${prefix}`,
        },
      },
    },
    // The instance's resource id is the environment stack's (the role's own policy names it): the boundary names the user.
    {
      Sid: "EnvironmentDatabaseLogin",
      Effect: "Allow",
      Action: "rds-db:connect",
      Resource: `arn:aws:rds-db:*:${accountId}:dbuser:*/${databaseUser}`,
    },
    // EventBridge Scheduler stopping and starting the database out of hours (modules/database/database-stop-schedule.ts).
    {
      Sid: "EnvironmentDatabaseStopStart",
      Effect: "Allow",
      Action: ["rds:StopDBInstance", "rds:StartDBInstance"],
      Resource: `arn:aws:rds:*:${accountId}:db:${databaseInstance}`,
    },
  ];
}

/**
 * Puts `boundaryArn` on every IAM role below `scope`: the environment stack calls it once after
 * creating its modules, so no module can add a role its deploy role would be refused to create.
 */
export function applyPermissionsBoundary(scope: IConstruct, boundaryArn: string): number {
  const roles = scope.node.findAll().filter((c): c is IamRole => c instanceof IamRole);
  for (const role of roles) role.permissionsBoundary = boundaryArn;
  return roles.length;
}
