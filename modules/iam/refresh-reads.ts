/**
 * What `terraform plan` calls to refresh each resource, data source and ephemeral resource type the
 * stacks synthesize, and where the PR plan role gets each permission: a configuration read AWS's
 * managed `ReadOnlyAccess` grants (checked against modules/iam/readonly-access-excerpt.json, extracted
 * from AWS's published policy), which the plan role gets from `ViewOnlyAccess` or, where that policy
 * lacks it, from one statement of exactly those reads (modules/ci/plan-refresh-grants.ts); or an
 * explicit statement of modules/ci/delivery-role-specs.ts, scoped as `scope` says. Tests keep the table
 * complete against the synthesized JSON and true against both policies.
 *
 * Actions are IAM action names (the provider's Read calls, by the IAM name that authorizes them, e.g.
 * budgets' Describe* APIs are authorized by `budgets:ViewBudget`).
 */

/** Where an explicit grant is scoped (never Resource "*" except where AWS allows nothing else). */
export type ExplicitScope =
  /** Secrets named `<project>/<env>/*` of the environments in the plan role's account. */
  | "environment-secrets"
  /** The environments' KMS keys (`alias/<project>-<env>`), only through Secrets Manager, only for those secrets. */
  | "environment-keys-for-secrets"
  /** The KMS key encrypting Terraform state. */
  | "state-key"
  /** Actions AWS offers no resource-level permission for (listed in wildcard-allowlist.ts). */
  | "no-resource";

export type ReadGrant = "ReadOnlyAccess" | { readonly explicit: ExplicitScope };

export interface RefreshRead {
  readonly action: string;
  readonly grant: ReadGrant;
}

const ro = (...actions: string[]): RefreshRead[] => actions.map((action) => ({ action, grant: "ReadOnlyAccess" }));
const explicit = (scope: ExplicitScope, ...actions: string[]): RefreshRead[] =>
  actions.map((action) => ({ action, grant: { explicit: scope } }));

/** A secret value: GetSecretValue on the secret, Decrypt on the key that encrypts it (customer-managed). */
const SECRET_VALUE = [
  ...explicit("environment-secrets", "secretsmanager:GetSecretValue"),
  ...explicit("environment-keys-for-secrets", "kms:Decrypt"),
];
const TAGS = { elasticache: "elasticache:ListTagsForResource", rds: "rds:ListTagsForResource", elb: "elasticloadbalancing:DescribeTags" };

/** `<kind>.<type>` → the reads refreshing one instance of it needs. */
export const REFRESH_READS: Readonly<Record<string, readonly RefreshRead[]>> = {
  // Terraform state (S3 backend): the plan reads state; the PR plan runs with -lock=false.
  "backend.s3": [...ro("s3:ListBucket", "s3:GetObject"), ...explicit("state-key", "kms:Decrypt")],
  // news-state's bootstrap state is a local file: nothing to read from AWS.
  "backend.local": [],

  "data.aws_caller_identity": ro("sts:GetCallerIdentity"),
  "data.aws_ecr_repository": ro("ecr:DescribeRepositories", "ecr:ListTagsForResource"),
  "data.aws_kms_alias": ro("kms:ListAliases", "kms:DescribeKey"),
  // Reads the value itself (the Redis AUTH token ElastiCache must be configured with).
  "data.aws_secretsmanager_secret_version": SECRET_VALUE,

  // Ephemeral resources are opened on every plan and apply.
  "ephemeral.aws_secretsmanager_random_password": explicit("no-resource", "secretsmanager:GetRandomPassword"),

  "resource.aws_appautoscaling_policy": ro("application-autoscaling:DescribeScalingPolicies"),
  "resource.aws_appautoscaling_scheduled_action": ro("application-autoscaling:DescribeScheduledActions"),
  "resource.aws_appautoscaling_target": ro(
    "application-autoscaling:DescribeScalableTargets",
    "application-autoscaling:ListTagsForResource",
  ),
  "resource.aws_budgets_budget": ro("budgets:ViewBudget", "budgets:ListTagsForResource"),
  "resource.aws_cloudwatch_composite_alarm": ro("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"),
  "resource.aws_cloudwatch_dashboard": ro("cloudwatch:GetDashboard"),
  "resource.aws_cloudwatch_log_group": ro("logs:DescribeLogGroups", "logs:ListTagsForResource"),
  "resource.aws_cloudwatch_log_metric_filter": ro("logs:DescribeMetricFilters"),
  "resource.aws_cloudwatch_metric_alarm": ro("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"),
  "resource.aws_cloudwatch_query_definition": ro("logs:DescribeQueryDefinitions"),
  "resource.aws_db_instance": ro("rds:DescribeDBInstances", TAGS.rds),
  "resource.aws_db_parameter_group": ro("rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", TAGS.rds),
  "resource.aws_db_subnet_group": ro("rds:DescribeDBSubnetGroups", TAGS.rds),
  "resource.aws_default_security_group": ro("ec2:DescribeSecurityGroups"),
  "resource.aws_ecr_lifecycle_policy": ro("ecr:GetLifecyclePolicy"),
  "resource.aws_ecr_repository": ro("ecr:DescribeRepositories", "ecr:ListTagsForResource"),
  "resource.aws_ecs_cluster": ro("ecs:DescribeClusters"),
  "resource.aws_ecs_cluster_capacity_providers": ro("ecs:DescribeClusters"),
  "resource.aws_ecs_service": ro("ecs:DescribeServices"),
  "resource.aws_ecs_task_definition": ro("ecs:DescribeTaskDefinition"),
  "resource.aws_eip": ro("ec2:DescribeAddresses"),
  "resource.aws_elasticache_parameter_group": ro(
    "elasticache:DescribeCacheParameterGroups",
    "elasticache:DescribeCacheParameters",
    TAGS.elasticache,
  ),
  "resource.aws_elasticache_replication_group": ro(
    "elasticache:DescribeReplicationGroups",
    "elasticache:DescribeCacheClusters",
    TAGS.elasticache,
  ),
  "resource.aws_elasticache_subnet_group": ro("elasticache:DescribeCacheSubnetGroups", TAGS.elasticache),
  "resource.aws_flow_log": ro("ec2:DescribeFlowLogs"),
  "resource.aws_iam_openid_connect_provider": ro("iam:GetOpenIDConnectProvider"),
  "resource.aws_scheduler_schedule": ro("scheduler:GetSchedule"),
  // The environments' permissions boundaries (modules/iam/permissions-boundary.ts).
  "resource.aws_iam_policy": ro("iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"),
  "resource.aws_iam_role": ro("iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"),
  "resource.aws_iam_role_policy": ro("iam:GetRolePolicy"),
  "resource.aws_iam_role_policy_attachment": ro("iam:ListAttachedRolePolicies"),
  "resource.aws_internet_gateway": ro("ec2:DescribeInternetGateways"),
  "resource.aws_kms_alias": ro("kms:ListAliases"),
  "resource.aws_kms_key": ro("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"),
  "resource.aws_lambda_function": ro("lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction"),
  "resource.aws_lb": ro("elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes", TAGS.elb),
  "resource.aws_lb_listener": ro("elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", TAGS.elb),
  "resource.aws_lb_listener_rule": ro("elasticloadbalancing:DescribeRules", TAGS.elb),
  "resource.aws_lb_target_group": ro(
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    TAGS.elb,
  ),
  "resource.aws_nat_gateway": ro("ec2:DescribeNatGateways"),
  "resource.aws_route": ro("ec2:DescribeRouteTables"),
  "resource.aws_route_table": ro("ec2:DescribeRouteTables"),
  "resource.aws_route_table_association": ro("ec2:DescribeRouteTables"),
  "resource.aws_s3_bucket": ro(
    "s3:ListBucket",
    "s3:GetBucketPolicy",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketWebsite",
    "s3:GetBucketVersioning",
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketLogging",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketTagging",
  ),
  "resource.aws_s3_bucket_lifecycle_configuration": ro("s3:GetLifecycleConfiguration"),
  "resource.aws_s3_bucket_ownership_controls": ro("s3:GetBucketOwnershipControls"),
  "resource.aws_s3_bucket_policy": ro("s3:GetBucketPolicy"),
  "resource.aws_s3_bucket_public_access_block": ro("s3:GetBucketPublicAccessBlock"),
  "resource.aws_s3_bucket_server_side_encryption_configuration": ro("s3:GetEncryptionConfiguration"),
  "resource.aws_s3_bucket_versioning": ro("s3:GetBucketVersioning"),
  "resource.aws_secretsmanager_secret": ro("secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"),
  // Refresh reads the version (GetSecretValue) even when its value was written write-only.
  "resource.aws_secretsmanager_secret_version": SECRET_VALUE,
  "resource.aws_security_group": ro("ec2:DescribeSecurityGroups"),
  "resource.aws_sns_topic": ro("sns:GetTopicAttributes", "sns:ListTagsForResource"),
  "resource.aws_sns_topic_policy": ro("sns:GetTopicAttributes"),
  "resource.aws_sns_topic_subscription": ro("sns:GetSubscriptionAttributes"),
  "resource.aws_subnet": ro("ec2:DescribeSubnets"),
  "resource.aws_vpc": ro(
    "ec2:DescribeVpcs",
    "ec2:DescribeVpcAttribute",
    "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeNetworkAcls",
  ),
  "resource.aws_vpc_endpoint": ro("ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"),
  "resource.aws_vpc_security_group_egress_rule": ro("ec2:DescribeSecurityGroupRules"),
  "resource.aws_vpc_security_group_ingress_rule": ro("ec2:DescribeSecurityGroupRules"),
  "resource.aws_wafv2_web_acl": ro("wafv2:GetWebACL", "wafv2:ListTagsForResource"),
  "resource.aws_wafv2_web_acl_association": ro("wafv2:GetWebACLForResource"),
  "resource.aws_wafv2_web_acl_logging_configuration": ro("wafv2:GetLoggingConfiguration"),

  // Planned by other items of issue 10 (API domain, existing OIDC provider): listed ahead so their types are covered.
  "data.aws_iam_openid_connect_provider": ro("iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviders"),
  "data.aws_route53_zone": ro("route53:GetHostedZone", "route53:ListHostedZones", "route53:ListTagsForResource"),
  "resource.aws_acm_certificate": ro("acm:DescribeCertificate", "acm:ListTagsForCertificate"),
  "resource.aws_acm_certificate_validation": ro("acm:DescribeCertificate"),
  "resource.aws_route53_record": ro("route53:ListResourceRecordSets", "route53:GetChange"),
};

/** The explicit actions of one scope, sorted: what the plan role's statement for that scope grants. */
export function explicitRefreshActions(scope: ExplicitScope): string[] {
  const actions = Object.values(REFRESH_READS).flatMap((reads) =>
    reads.filter((r) => r.grant !== "ReadOnlyAccess" && r.grant.explicit === scope).map((r) => r.action),
  );
  return [...new Set(actions)].sort();
}

/** Every AWS service prefix the table reads from (the excerpt of ReadOnlyAccess must cover these). */
export function refreshServices(): string[] {
  return [...new Set(Object.values(REFRESH_READS).flatMap((reads) => reads.map((r) => r.action.split(":")[0])))].sort();
}
