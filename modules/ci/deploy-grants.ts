import type { PolicyStatement } from "../iam/policy-document";
import { Naming } from "../naming";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { roleManagementStatements } from "./role-management";
import { stateObjectArns, stateStatements } from "./state-grants";

export { BOUNDARY_KEYED_ACTIONS, PASSED_TO_SERVICES } from "./role-management";

/** What one environment's deploy role is scoped to. */
export interface DeployScope {
  readonly accountId: string;
  /** Region of the environment's resources. */
  readonly region: string;
  readonly project: string;
  readonly environment: string;
  /** Terraform state bucket and its KMS key. */
  readonly stateBucket: string;
  readonly stateKeyArn: string;
  /** ARN of the environment's permissions boundary (modules/iam/permissions-boundary.ts). */
  readonly boundaryArn: string;
}

const verbs = (service: string, ...prefixes: string[]) => prefixes.map((p) => `${service}:${p}*`);

/**
 * The services the environment stacks manage, by verb, each scoped to the environment's region and
 * account, or to `<project>-<env>` names and `<project>/<env>/` paths where the ARN carries one.
 * KMS keys are matched by the `Environment` tag every resource carries (stacks/aws-provider.ts), so
 * no environment can use the state key or another environment's key.
 */
function serviceStatements(s: DeployScope): PolicyStatement[] {
  const arn = (service: string, rest = "*") => `arn:aws:${service}:${s.region}:${s.accountId}:${rest}`;
  const naming = new Naming(s.project, s.environment);
  const prefix = naming.prefix;
  const ownTag = { StringEquals: { "aws:ResourceTag/Environment": s.environment } };
  return [
    {
      Sid: "Network",
      Effect: "Allow",
      Action: verbs(
        "ec2",
        "Create",
        "Delete",
        "Modify",
        "Associate",
        "Disassociate",
        "Authorize",
        "Revoke",
        "Allocate",
        "Release",
        "Replace",
        "Attach",
        "Detach",
        "Describe",
        "Get",
      ),
      Resource: arn("ec2"),
    },
    {
      Sid: "Containers",
      Effect: "Allow",
      Action: verbs("ecs", "Create", "Delete", "Update", "Describe", "List", "Put", "Tag", "Untag"),
      Resource: arn("ecs"),
    },
    wildcardResourceStatement("TaskDefinitions", ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition"]),
    {
      Sid: "LoadBalancing",
      Effect: "Allow",
      Action: verbs("elasticloadbalancing", "Create", "Delete", "Modify", "Add", "Remove", "Set", "Register", "Deregister", "Describe"),
      Resource: arn("elasticloadbalancing"),
    },
    {
      Sid: "Database",
      Effect: "Allow",
      Action: verbs("rds", "Create", "Delete", "Modify", "Add", "Remove", "Reboot", "Describe", "List"),
      Resource: arn("rds"),
    },
    {
      Sid: "Cache",
      Effect: "Allow",
      Action: verbs("elasticache", "Create", "Delete", "Modify", "Add", "Remove", "Describe", "List"),
      Resource: arn("elasticache"),
    },
    {
      Sid: "Logs",
      Effect: "Allow",
      Action: verbs("logs", "Create", "Delete", "Put", "Associate", "Disassociate", "Tag", "Untag", "Describe", "List"),
      Resource: arn("logs"),
    },
    {
      Sid: "Alarms",
      Effect: "Allow",
      Action: verbs("cloudwatch", "Put", "Delete", "Tag", "Untag", "Describe", "Get", "List"),
      Resource: `arn:aws:cloudwatch:*:${s.accountId}:*`,
    },
    {
      Sid: "Topics",
      Effect: "Allow",
      Action: verbs("sns", "Create", "Delete", "Set", "Subscribe", "Unsubscribe", "Get", "List", "Tag", "Untag"),
      Resource: arn("sns", `${prefix}-*`),
    },
    {
      Sid: "Secrets",
      Effect: "Allow",
      Action: verbs("secretsmanager", "Create", "Delete", "Put", "Update", "Tag", "Untag", "Describe", "Get"),
      Resource: arn("secretsmanager", `secret:${naming.secretNamePattern}`),
    },
    wildcardResourceStatement("GenerateSecretValues", ["secretsmanager:GetRandomPassword"]),
    {
      Sid: "Buckets",
      Effect: "Allow",
      Action: verbs("s3", "CreateBucket", "DeleteBucket", "Put", "Get", "List"),
      Resource: [`arn:aws:s3:::${prefix}-*`],
    },
    {
      Sid: "Functions",
      Effect: "Allow",
      Action: verbs("lambda", "Create", "Delete", "Update", "Get", "List", "Tag", "Untag", "Put", "AddPermission", "RemovePermission"),
      Resource: arn("lambda", `function:${prefix}-*`),
    },
    // The database stop/start schedules (modules/database/database-stop-schedule.ts), in the default group.
    {
      Sid: "Schedules",
      Effect: "Allow",
      Action: verbs("scheduler", "Create", "Delete", "Update", "Get", "List", "Tag", "Untag"),
      Resource: arn("scheduler", `schedule/default/${prefix}-*`),
    },
    {
      Sid: "Scaling",
      Effect: "Allow",
      Action: verbs("application-autoscaling", "Register", "Deregister", "Put", "Delete", "Describe", "Tag", "Untag", "List"),
      Resource: arn("application-autoscaling"),
    },
    {
      Sid: "Budget",
      Effect: "Allow",
      Action: verbs("budgets", "Modify", "View", "Tag", "Untag", "List", "Describe"),
      Resource: `arn:aws:budgets::${s.accountId}:budget/${prefix}*`,
    },
    {
      Sid: "Firewall",
      Effect: "Allow",
      Action: verbs("wafv2", "Create", "Delete", "Update", "Get", "List", "Associate", "Disassociate", "Put", "Tag", "Untag"),
      Resource: arn("wafv2"),
    },
    {
      Sid: "Certificates",
      Effect: "Allow",
      Action: verbs("acm", "RequestCertificate", "DeleteCertificate", "Describe", "List", "AddTags", "RemoveTags"),
      Resource: arn("acm"),
    },
    {
      Sid: "DnsRecords",
      Effect: "Allow",
      Action: ["route53:ChangeResourceRecordSets", "route53:GetChange", "route53:GetHostedZone", "route53:ListResourceRecordSets"],
      Resource: ["arn:aws:route53:::hostedzone/*", "arn:aws:route53:::change/*"],
    },
    {
      ...wildcardResourceStatement("CreateKeys", ["kms:CreateKey"]),
      Condition: { StringEquals: { "aws:RequestTag/Environment": s.environment } },
    },
    {
      Sid: "OwnKeys",
      Effect: "Allow",
      Action: [
        ...verbs("kms", "Describe", "Get", "List", "Enable", "Put", "Schedule", "Tag", "Untag", "GenerateDataKey"),
        "kms:Decrypt",
        "kms:Encrypt",
        "kms:CreateGrant",
      ],
      Resource: arn("kms", "key/*"),
      Condition: ownTag,
    },
    {
      Sid: "OwnKeyAliases",
      Effect: "Allow",
      Action: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
      Resource: [arn("kms", `${naming.kmsAlias}*`), arn("kms", "key/*")],
    },
  ];
}

/**
 * One environment's deploy role: its own state object and lock only; roles named `<project>-<env>-*`
 * created or changed only with the environment's boundary attached, handed only to the services that
 * run them; the services the stacks manage. Nothing lets it change a boundary or a managed policy.
 */
export function deployStatements(s: DeployScope): PolicyStatement[] {
  const naming = new Naming(s.project, s.environment);
  return [
    ...stateStatements({
      bucket: s.stateBucket,
      keyArn: s.stateKeyArn,
      objects: stateObjectArns(s.stateBucket, naming.stackId),
      write: true,
      savedPlan: "apply",
    }),
    ...roleManagementStatements({ accountId: s.accountId, rolePrefix: `${naming.prefix}-`, boundaryArn: s.boundaryArn }),
    ...serviceStatements(s),
  ];
}
