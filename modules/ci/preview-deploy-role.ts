import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { EnvironmentPermissionsBoundary } from "../iam/permissions-boundary";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { Naming } from "../naming";
import { githubTrustPolicy } from "./github-oidc-issuer";
import { NEWS_API_CONTAINER } from "../service/container-contract";
import { PLAN_MANAGED_POLICY_ARN, refreshReadsBeyondViewOnly } from "./plan-refresh-grants";
import { roleManagementStatements } from "./role-management";
import { stateKeyThroughS3 } from "./state-grants";

/** Environment-name prefix of every preview (`pr<N>`); one permissions boundary, `<project>-pr-boundary`, caps them all. */
export const PREVIEW_ENVIRONMENT_PREFIX = "pr";

/** GitHub environment whose jobs may assume the preview role (.github/workflows/preview.yml). */
export const PREVIEW_GITHUB_ENVIRONMENT = "preview";

export interface PreviewDeployRoleProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** Region previews are deployed to. */
  readonly region: string;
  /** `<owner>/<repo>` whose preview workflow may assume the role. */
  readonly repository: string;
  /** Project prefix: previews are `<project>-pr<N>` (stack, state key and every physical name). */
  readonly project: string;
  /** ARN of the GitHub OIDC provider the CI roles trust. */
  readonly providerArn: string;
  /** Terraform state: bucket name and the ARN of the KMS key encrypting it. */
  readonly stateBucket: string;
  readonly stateKeyArn: string;
  /** Tag every preview resource carries (`Preview=<PR>`): creates must set it, changes need it. */
  readonly previewTag: string;
  /** The image repository preview tasks pull from (their boundary allows pulling it). */
  readonly imageRepositoryArn: string;
}

/** Creates of tag-aware resources: allowed only when the request tags them as a preview. */
export const PREVIEW_CREATE_ACTIONS = [
  "ec2:CreateVpc",
  "ec2:CreateSubnet",
  "ec2:CreateInternetGateway",
  "ec2:CreateRouteTable",
  "ec2:CreateSecurityGroup",
  "ec2:CreateFlowLogs",
  "ec2:CreateVpcEndpoint",
  "ec2:CreateTags",
  "elasticloadbalancing:CreateLoadBalancer",
  "elasticloadbalancing:CreateTargetGroup",
  "elasticloadbalancing:CreateListener",
  "elasticloadbalancing:AddTags",
  "ecs:CreateCluster",
  "ecs:CreateService",
  "ecs:RegisterTaskDefinition",
  "ecs:TagResource",
  "rds:CreateDBInstance",
  "rds:CreateDBParameterGroup",
  "rds:CreateDBSubnetGroup",
  "rds:AddTagsToResource",
  "elasticache:CreateReplicationGroup",
  "elasticache:CreateCacheParameterGroup",
  "elasticache:CreateCacheSubnetGroup",
  "elasticache:AddTagsToResource",
  "kms:CreateKey",
  "kms:TagResource",
  "sns:CreateTopic",
  "sns:TagResource",
  "cloudwatch:PutMetricAlarm",
  "cloudwatch:PutCompositeAlarm",
  "cloudwatch:TagResource",
  "logs:CreateLogGroup",
  "logs:TagResource",
  "secretsmanager:CreateSecret",
  "secretsmanager:TagResource",
  "application-autoscaling:RegisterScalableTarget",
  "application-autoscaling:TagResource",
] as const;

/** Changes and deletes: allowed only on resources already tagged as a preview. */
export const PREVIEW_CHANGE_ACTIONS = [
  "ec2:DeleteVpc",
  "ec2:ModifyVpcAttribute",
  "ec2:DeleteSubnet",
  "ec2:ModifySubnetAttribute",
  "ec2:AttachInternetGateway",
  "ec2:DetachInternetGateway",
  "ec2:DeleteInternetGateway",
  "ec2:CreateRoute",
  "ec2:DeleteRoute",
  "ec2:AssociateRouteTable",
  "ec2:DisassociateRouteTable",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:ModifySecurityGroupRules",
  "ec2:DeleteFlowLogs",
  "ec2:DeleteVpcEndpoints",
  "ec2:ModifyVpcEndpoint",
  "ec2:DeleteTags",
  "elasticloadbalancing:DeleteLoadBalancer",
  "elasticloadbalancing:ModifyLoadBalancerAttributes",
  "elasticloadbalancing:SetSecurityGroups",
  "elasticloadbalancing:SetSubnets",
  "elasticloadbalancing:DeleteTargetGroup",
  "elasticloadbalancing:ModifyTargetGroup",
  "elasticloadbalancing:ModifyTargetGroupAttributes",
  "elasticloadbalancing:DeleteListener",
  "elasticloadbalancing:ModifyListener",
  "elasticloadbalancing:RemoveTags",
  "elasticloadbalancing:RegisterTargets",
  "elasticloadbalancing:DeregisterTargets",
  "ecs:DeleteCluster",
  "ecs:UpdateCluster",
  "ecs:PutClusterCapacityProviders",
  "ecs:UpdateService",
  "ecs:DeleteService",
  "ecs:DeregisterTaskDefinition",
  "ecs:UntagResource",
  "rds:DeleteDBInstance",
  "rds:ModifyDBInstance",
  "rds:RebootDBInstance",
  "rds:DeleteDBParameterGroup",
  "rds:ModifyDBParameterGroup",
  "rds:DeleteDBSubnetGroup",
  "rds:ModifyDBSubnetGroup",
  "rds:RemoveTagsFromResource",
  "elasticache:DeleteReplicationGroup",
  "elasticache:ModifyReplicationGroup",
  "elasticache:DeleteCacheParameterGroup",
  "elasticache:ModifyCacheParameterGroup",
  "elasticache:DeleteCacheSubnetGroup",
  "elasticache:ModifyCacheSubnetGroup",
  "elasticache:RemoveTagsFromResource",
  "kms:ScheduleKeyDeletion",
  "kms:EnableKeyRotation",
  "kms:PutKeyPolicy",
  "kms:UpdateKeyDescription",
  "kms:UntagResource",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "sns:DeleteTopic",
  "sns:SetTopicAttributes",
  "sns:Subscribe",
  "sns:Unsubscribe",
  "sns:UntagResource",
  "cloudwatch:DeleteAlarms",
  "cloudwatch:UntagResource",
  "logs:DeleteLogGroup",
  "logs:PutRetentionPolicy",
  "logs:AssociateKmsKey",
  "logs:PutMetricFilter",
  "logs:DeleteMetricFilter",
  "logs:UntagResource",
  "secretsmanager:DeleteSecret",
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecret",
  "secretsmanager:GetSecretValue",
  "secretsmanager:UntagResource",
  "application-autoscaling:DeregisterScalableTarget",
  "application-autoscaling:PutScalingPolicy",
  "application-autoscaling:DeleteScalingPolicy",
  "application-autoscaling:UntagResource",
] as const;

/** Services whose resources the tag-conditioned statements cover (their ARNs in this account and region). */
const TAGGED_SERVICES = [
  "ec2",
  "elasticloadbalancing",
  "ecs",
  "rds",
  "elasticache",
  "kms",
  "sns",
  "cloudwatch",
  "logs",
  "secretsmanager",
  "application-autoscaling",
] as const;

/**
 * What the preview workflow assumes to create, update and destroy `<project>-pr<N>` stacks — and no
 * more: its own state keys; roles named `<project>-pr*`; tag-aware resources only when created with,
 * or already carrying, the `Preview` tag (ABAC); the few untaggable kinds (buckets, budgets,
 * key aliases, query definitions) by their `<project>-pr*` names. Previews have no dashboard
 * (environments/preview.ts), so the role cannot create one. Reads are ViewOnlyAccess
 * plus the refresh table's configuration reads. Roles it creates carry the previews' boundary.
 * Trusted only for jobs in the `preview` GitHub environment.
 */
export class PreviewDeployRole extends Construct {
  public readonly role: IamRole;
  /** The boundary every role of every preview carries (`<project>-pr-boundary`, covering `<project>-pr*`). */
  public readonly boundary: EnvironmentPermissionsBoundary;

  constructor(scope: Construct, id: string, props: PreviewDeployRoleProps) {
    super(scope, id);
    this.boundary = new EnvironmentPermissionsBoundary(this, "boundary", {
      naming: new Naming(props.project, PREVIEW_ENVIRONMENT_PREFIX),
      accountId: props.accountId,
      imageRepositoryArn: props.imageRepositoryArn,
      databaseUser: NEWS_API_CONTAINER.databaseRole,
      environmentNamePrefix: true,
    });
    this.role = new IamRole(this, "role", {
      name: props.naming.name("ci-preview", { maxLength: NAME_LIMITS.iamRole }),
      description:
        `create, update and destroy ${previewPrefix(props)}<N> preview stacks from the ${PREVIEW_GITHUB_ENVIRONMENT} ` +
        `GitHub environment of ${props.repository}`,
      maxSessionDuration: 3600,
      assumeRolePolicy: githubTrustPolicy(props.providerArn, { sub: `repo:${props.repository}:environment:${PREVIEW_GITHUB_ENVIRONMENT}` }),
    });
    const statements = previewDeployStatements(props, this.boundary.arn);
    new IamRolePolicy(this, "policy", { role: this.role.name, name: "preview", policy: policyDocument(statements) });
    // Lists and metadata (IAM-003: no ReadOnlyAccess); the configuration reads refresh needs are inline above.
    new IamRolePolicyAttachment(this, "view-only", { role: this.role.name, policyArn: PLAN_MANAGED_POLICY_ARN });
  }
}

/** `<project>-pr`: the name prefix of every preview's stack, state key, role and named resource. */
const previewPrefix = (props: PreviewDeployRoleProps): string => `${props.project}-${PREVIEW_ENVIRONMENT_PREFIX}`;

/** The role's inline policy: preview state, roles under the boundary, refresh reads, tagged and named preview resources. */
function previewDeployStatements(props: PreviewDeployRoleProps, boundaryArn: string): PolicyStatement[] {
  return [
    ...previewStateStatements(props),
    ...roleManagementStatements({ accountId: props.accountId, rolePrefix: previewPrefix(props), boundaryArn }),
    // What refresh reads beyond ViewOnlyAccess (configuration, not data), as the plan roles get it.
    { Sid: "RefreshReadsBeyondViewOnly", Effect: "Allow", Action: refreshReadsBeyondViewOnly(), Resource: "*" },
    ...previewTaggedStatements(props),
    ...previewNamedStatements(props),
    // The secrets' values are generated by Terraform (ephemeral GetRandomPassword).
    wildcardResourceStatement("GenerateSecretValues", ["secretsmanager:GetRandomPassword"]),
  ];
}

/** The previews' state objects and the state key; no other stack's state. */
function previewStateStatements(props: PreviewDeployRoleProps): PolicyStatement[] {
  const previews = previewPrefix(props);
  const bucketArn = `arn:aws:s3:::${props.stateBucket}`;
  return [
    // The workflow lists previews (state keys) to enforce the limit; Terraform reads and locks its own.
    {
      Sid: "ListPreviewState",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringLike: { "s3:prefix": [`${previews}*`] } },
    },
    {
      Sid: "ReadWritePreviewState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      Resource: `${bucketArn}/${previews}*/*`,
    },
    stateKeyThroughS3(props.stateKeyArn, true),
  ];
}

/** Tag-aware resources (ABAC): created with the preview tag, or changed only while they carry it. */
function previewTaggedStatements(props: PreviewDeployRoleProps): PolicyStatement[] {
  const { region, accountId } = props;
  const hasPreviewTag = (key: "aws:RequestTag" | "aws:ResourceTag") => ({ Null: { [`${key}/${props.previewTag}`]: "false" } });
  return [
    {
      Sid: "CreateTaggedAsPreview",
      Effect: "Allow",
      Action: [...PREVIEW_CREATE_ACTIONS],
      Resource: TAGGED_SERVICES.map((s) => `arn:aws:${s}:${region}:${accountId}:*`),
      Condition: hasPreviewTag("aws:RequestTag"),
    },
    {
      Sid: "ChangeOnlyPreviews",
      Effect: "Allow",
      Action: [...PREVIEW_CHANGE_ACTIONS],
      Resource: TAGGED_SERVICES.map((s) => `arn:aws:${s}:${region}:${accountId}:*`),
      Condition: hasPreviewTag("aws:ResourceTag"),
    },
  ];
}

/** Kinds IAM cannot match by tag, scoped by their `<project>-pr*` names instead. */
function previewNamedStatements(props: PreviewDeployRoleProps): PolicyStatement[] {
  const { region, accountId } = props;
  const previews = previewPrefix(props);
  return [
    {
      Sid: "PreviewKeyAliases",
      Effect: "Allow",
      Action: ["kms:CreateAlias", "kms:DeleteAlias"],
      Resource: `arn:aws:kms:${region}:${accountId}:alias/${previews}*`,
    },
    {
      Sid: "PreviewBudgets",
      Effect: "Allow",
      Action: ["budgets:ModifyBudget", "budgets:ViewBudget"],
      Resource: `arn:aws:budgets::${accountId}:budget/${previews}*`,
    },
    {
      Sid: "PreviewBuckets",
      Effect: "Allow",
      Action: [
        "s3:CreateBucket",
        "s3:DeleteBucket",
        "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketOwnershipControls",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:PutBucketTagging",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
      ],
      Resource: [`arn:aws:s3:::${previews}*`, `arn:aws:s3:::${previews}*/*`],
    },
    {
      Sid: "PreviewQueryDefinitions",
      Effect: "Allow",
      Action: ["logs:PutQueryDefinition", "logs:DeleteQueryDefinition"],
      Resource: `arn:aws:logs:${region}:${accountId}:*`,
    },
  ];
}
