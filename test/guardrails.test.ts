import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { MainRouteTableAssociation } from "@cdktf/provider-aws/lib/main-route-table-association";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments, validatePlatform } from "../environments";
import { ConfigError } from "../modules/errors";
import { checkStack, formatReport, Guardrails } from "../modules/guardrails/guardrails";
import { RULES } from "../modules/guardrails/rules";
import { suppressGuardrail } from "../modules/guardrails/suppressions";
import { replacementName } from "../modules/terraform/replacement-name";
import { PrivateBucket } from "../modules/s3/private-bucket";
import { allStacks, applyGuardrails, defineStacks } from "../stacks";
import { GUARDRAILS_DOC_END, GUARDRAILS_DOC_START, renderGuardrailsTable } from "../tools/guardrails-doc";
import { testingApp } from "./support/testing-app";

const TAGS = { Project: "news", Environment: "test", ManagedBy: "cdktf", CostCenter: "test", Repository: "o/r" };
type Build = (stack: TerraformStack) => void;

function stackWith(build: Build, tags: Record<string, string> = TAGS): TerraformStack {
  const stack = new TerraformStack(testingApp(), "news-test");
  new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags }] });
  build(stack);
  return stack;
}

/** Messages of one rule on a stack built by `build`. */
function findingsOf(ruleId: string, build: Build, tier: "development" | "production" = "production"): string[] {
  const rule = RULES.find((r) => r.id === ruleId)!;
  const report = checkStack(stackWith(build), tier, [rule]);
  return [...report.errors, ...report.warnings].map((v) => v.message);
}

const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
/** The role's inline policy with one statement: how most IAM cases are built. */
const inlinePolicy = (s: TerraformStack, statement: object) => new IamRolePolicy(s, "p", { role: role(s).name, policy: policy(statement) });
const role = (s: TerraformStack, id = "role", name = "news-test-role") =>
  new IamRole(s, id, {
    name,
    assumeRolePolicy: policy({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }),
  });
const bucket = (s: TerraformStack) =>
  new PrivateBucket(s, "bucket", {
    bucketName: "news-test-bucket",
    forceDestroy: true,
    preventDestroy: false,
    lifecycleRules: [{ id: "expire", status: "Enabled", filter: [{}], expiration: [{ days: 30 }] }],
  });
const db = (s: TerraformStack, overrides: Record<string, unknown> = {}, forceSsl = true) => {
  const group = new DbParameterGroup(s, "params", {
    name: "news-test-pg16",
    family: "postgres16",
    parameter: forceSsl ? [{ name: "rds.force_ssl", value: "1" }] : [],
  });
  return new DbInstance(s, "db", {
    identifier: "news-test-db",
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    storageEncrypted: true,
    publiclyAccessible: false,
    parameterGroupName: group.name,
    deletionProtection: true,
    multiAz: true,
    backupRetentionPeriod: 7,
    ...overrides,
  });
};
const redis = (s: TerraformStack, overrides: Record<string, unknown> = {}) =>
  new ElasticacheReplicationGroup(s, "redis", {
    replicationGroupId: "news-test-cache",
    description: "cache",
    nodeType: "cache.t4g.micro",
    atRestEncryptionEnabled: "true",
    kmsKeyId: "arn:aws:kms:us-east-1:1:key/x",
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    securityGroupIds: ["sg-123"],
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    numCacheClusters: 2,
    ...overrides,
  });
/** A cache in its own subnet and group; `exposed` routes the subnet to an internet gateway and opens the group to a CIDR. */
const cacheInNetwork = (exposed: boolean) => (s: TerraformStack) => {
  const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });
  const subnet = new Subnet(s, "data", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
  const table = new RouteTable(s, "data-rt", { vpcId: vpc.id });
  new RouteTableAssociation(s, "data-rta", { subnetId: subnet.id, routeTableId: table.id });
  if (exposed)
    new Route(s, "out", {
      routeTableId: table.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: new InternetGateway(s, "igw", { vpcId: vpc.id }).id,
    });
  const [app, cache] = ["app", "cache"].map(
    (name) => new SecurityGroup(s, name, { name: `news-test-${name}`, description: name, vpcId: vpc.id }),
  );
  new VpcSecurityGroupIngressRule(s, "cache-in", {
    securityGroupId: cache.id,
    ipProtocol: "tcp",
    fromPort: 6379,
    toPort: 6379,
    ...(exposed ? { cidrIpv4: "10.0.0.0/8" } : { referencedSecurityGroupId: app.id }),
  });
  const group = new ElasticacheSubnetGroup(s, "subnets", { name: "news-test-cache", subnetIds: [subnet.id] });
  redis(s, { securityGroupIds: [cache.id], subnetGroupName: group.name });
};
const alb = (s: TerraformStack, overrides: Record<string, unknown> = {}) =>
  new Lb(s, "alb", {
    name: "news-test-alb",
    securityGroups: ["sg-alb"],
    subnets: ["subnet-a", "subnet-b"],
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    ...overrides,
  });
const ingress = (s: TerraformStack, groupId: string, port: number, cidr = "0.0.0.0/0") =>
  new VpcSecurityGroupIngressRule(s, `in-${port}`, {
    securityGroupId: groupId,
    cidrIpv4: cidr,
    fromPort: port,
    toPort: port,
    ipProtocol: "tcp",
    description: "test",
  });
const waf = (s: TerraformStack, lb: Lb) => {
  const acl = new Wafv2WebAcl(s, "acl", {
    name: "acl",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "acl", sampledRequestsEnabled: true },
  });
  new Wafv2WebAclAssociation(s, "assoc", { resourceArn: lb.arn, webAclArn: acl.arn });
  return acl;
};
/** An RDS alarm on news-test-db with the given missing-data treatment, and a schedule that stops that instance. */
const stoppedDatabaseAlarm = (treatMissingData: string) => (s: TerraformStack) => {
  new SchedulerSchedule(s, "stop", {
    scheduleExpression: "cron(0 20 ? * MON-FRI *)",
    flexibleTimeWindow: { mode: "OFF" },
    target: {
      arn: "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance",
      roleArn: "arn:aws:iam::123456789012:role/news-test-db-schedule",
      input: JSON.stringify({ DbInstanceIdentifier: "news-test-db" }),
    },
  });
  new CloudwatchMetricAlarm(s, "rds-cpu", {
    alarmName: "news-test-rds-cpu",
    namespace: "AWS/RDS",
    metricName: "CPUUtilization",
    statistic: "Average",
    period: 300,
    evaluationPeriods: 3,
    threshold: 80,
    comparisonOperator: "GreaterThanThreshold",
    dimensions: { DBInstanceIdentifier: "news-test-db" },
    treatMissingData,
  });
};
const alarm = (s: TerraformStack, period: number, evaluationPeriods = 1, datapoints?: number) =>
  new CloudwatchMetricAlarm(s, "alarm", {
    alarmName: "a",
    namespace: "AWS/ECS",
    metricName: "CPUUtilization",
    statistic: "Average",
    period,
    evaluationPeriods,
    datapointsToAlarm: datapoints,
    threshold: 1,
    comparisonOperator: "GreaterThanThreshold",
  });

/** An ECS service scaled by Application Auto Scaling, with a night schedule; `ignore` sets what each side ignores. */
const scheduledService = (s: TerraformStack, ignore: { service?: string[]; target?: string[] }) => {
  const service = new EcsService(s, "svc", {
    name: "news-test-api",
    cluster: "news-test",
    desiredCount: 1,
    lifecycle: ignore.service && { ignoreChanges: ignore.service },
  });
  const target = new AppautoscalingTarget(s, "target", {
    serviceNamespace: "ecs",
    scalableDimension: "ecs:service:DesiredCount",
    resourceId: `service/news-test/${service.name}`,
    minCapacity: 1,
    maxCapacity: 2,
    lifecycle: ignore.target && { ignoreChanges: ignore.target },
  });
  new AppautoscalingScheduledAction(s, "night", {
    name: "night",
    serviceNamespace: "ecs",
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    schedule: "cron(0 20 * * ? *)",
    scalableTargetAction: { minCapacity: "0", maxCapacity: "0" },
  });
};
/** An ECS service deploying with `deployment`, shifting traffic with two listener rules whose action is ignored or not. */
const shiftingService =
  (deployment: object | undefined, alarms: boolean, ruleIgnoresAction = true) =>
  (s: TerraformStack) => {
    const rule = (id: string) =>
      new LbListenerRule(s, id, {
        listenerArn: "arn:listener",
        action: [{ type: "forward", targetGroupArn: "arn:tg" }],
        condition: [{ pathPattern: { values: ["/*"] } }],
        lifecycle: ruleIgnoresAction ? { ignoreChanges: ["action"] } : undefined,
      });
    const [production, test] = [rule("production"), rule("test")];
    new EcsService(s, "svc", {
      name: "news-test-api",
      cluster: "news-test",
      desiredCount: 1,
      deploymentConfiguration: deployment,
      alarms: alarms ? { alarmNames: ["news-test-target-5xx"], enable: true, rollback: true } : undefined,
      loadBalancer: [
        {
          targetGroupArn: "arn:tg",
          containerName: "news-api",
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: "arn:tg-next",
            productionListenerRule: production.arn,
            testListenerRule: test.arn,
            roleArn: "arn:role",
          },
        },
      ],
    });
  };
/** A cache using a parameter group named and replaced as `variant` says. */
const cacheParameterGroup =
  (variant: "fixed name, destroy-first" | "replacement name, create-first" | "stale replacement name, create-first") =>
  (s: TerraformStack) => {
    const attrs = { family: "valkey8", description: "news-test: LRU" };
    const name =
      variant === "fixed name, destroy-first"
        ? "news-test-cache-valkey8"
        : replacementName("news-test-cache-valkey8", "aws_elasticache_parameter_group", {
            ...attrs,
            family: variant.startsWith("stale") ? "valkey7" : attrs.family,
          });
    const lifecycle = variant === "fixed name, destroy-first" ? undefined : { createBeforeDestroy: true };
    const group = new ElasticacheParameterGroup(s, "cache-pg", { name, ...attrs, lifecycle });
    redis(s, { parameterGroupName: group.name });
  };
/** A parameter group nothing uses: TF-004 leaves it alone. */
const redisParameterGroupUnused = (s: TerraformStack) =>
  new ElasticacheParameterGroup(s, "spare-pg", { name: "news-test-spare", family: "redis7" });
const replacedFirst = (s: TerraformStack, naming: { name?: string; namePrefix?: string }) =>
  new SecurityGroup(s, "sg", { ...naming, description: "App", lifecycle: { createBeforeDestroy: true } });

/** An ECR repository declaring the `prod-` deployment tags, with a lifecycle policy of `rules` (priorities 1, 2, …). */
const registry = (s: TerraformStack, rules: object[], prefixes: string | null = "prod-") => {
  const repository = new EcrRepository(s, "repo", {
    name: "news-api",
    tags: prefixes === null ? undefined : { DeploymentTagPrefixes: prefixes },
  });
  new EcrLifecyclePolicy(s, "lifecycle", {
    repository: repository.name,
    policy: JSON.stringify({ rules: rules.map((selection, i) => ({ rulePriority: i + 1, selection, action: { type: "expire" } })) }),
  });
};
const untaggedAfterADay = { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 };
const lastTagged = { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 10 };
const keepProd = { tagStatus: "tagged", tagPatternList: ["prod-*"], countType: "imageCountMoreThan", countNumber: 6 };

/** An alarm notifying a topic, with or without an e-mail subscriber. */
const alertedTopic = (subscribed: boolean) => (s: TerraformStack) => {
  const topic = new SnsTopic(s, "t", { name: "news-test-alerts", kmsMasterKeyId: "k" });
  new CloudwatchMetricAlarm(s, "alarm", {
    alarmName: "a",
    namespace: "AWS/ECS",
    metricName: "CPUUtilization",
    statistic: "Average",
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanThreshold",
    alarmActions: [topic.arn],
  });
  if (subscribed) new SnsTopicSubscription(s, "sub", { topicArn: topic.arn, protocol: "email", endpoint: "oncall@example.com" });
};

/** [rule, a minimal stack that violates it, the same stack fixed]; checked at the tier the rule applies to. */
const CASES: [string, Build, Build][] = [
  ["SEC-001", (s) => new S3Bucket(s, "b", { bucket: "news-test-bucket" }), bucket],
  ["SEC-002", (s) => new S3Bucket(s, "b", { bucket: "news-test-bucket" }), bucket],
  ["SEC-003", (s) => new S3Bucket(s, "b", { bucket: "news-test-bucket" }), bucket],
  ["SEC-004", (s) => db(s, { storageEncrypted: false, publiclyAccessible: true }), (s) => db(s)],
  ["SEC-005", (s) => db(s, {}, false), (s) => db(s)],
  ["SEC-006", (s) => redis(s, { atRestEncryptionEnabled: "false", transitEncryptionEnabled: false }), (s) => redis(s)],
  ["SEC-006", (s) => redis(s, { kmsKeyId: undefined, transitEncryptionMode: "preferred" }), (s) => redis(s)],
  [
    "SEC-007",
    (s) => new CloudwatchLogGroup(s, "g", { name: "/news/test" }),
    (s) => new CloudwatchLogGroup(s, "g", { name: "/news/test", retentionInDays: 7, kmsKeyId: "arn:aws:kms:us-east-1:1:key/x" }),
  ],
  [
    "SEC-008",
    (s) => new SnsTopic(s, "t", { name: "news-test-alerts" }),
    (s) => new SnsTopic(s, "t", { name: "news-test-alerts", kmsMasterKeyId: "arn:aws:kms:us-east-1:1:key/x" }),
  ],
  [
    "SEC-009",
    (s) => new EcrRepository(s, "r", { name: "news-api", imageTagMutability: "MUTABLE" }),
    (s) =>
      new EcrRepository(s, "r", {
        name: "news-api",
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: "k" }],
      }),
  ],
  [
    "SEC-010",
    (s) => new SecretsmanagerSecret(s, "x", { name: "news/test/x" }),
    (s) => new SecretsmanagerSecret(s, "x", { name: "news/test/x", kmsKeyId: "k" }),
  ],
  ["SEC-011", (s) => (alb(s), ingress(s, "sg-app", 22)), (s) => (alb(s), ingress(s, "sg-alb", 443), ingress(s, "sg-alb", 80))],
  ["SEC-012", (s) => redis(s, { securityGroupIds: [] }), cacheInNetwork(false)],
  ["SEC-012", cacheInNetwork(true), cacheInNetwork(false)],
  [
    "SEC-013",
    (s) => inlinePolicy(s, { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" }),
    (s) => inlinePolicy(s, { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }),
  ],
  [
    "SEC-014",
    (s) => inlinePolicy(s, { Effect: "Allow", Action: ["ecs:UpdateService"], Resource: "*" }),
    (s) => inlinePolicy(s, { Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecs:DescribeServices"], Resource: "*" }),
  ],
  ["SEC-016", (s) => new KmsKey(s, "k", { enableKeyRotation: false }), (s) => new KmsKey(s, "k", { enableKeyRotation: true })],
  [
    "SEC-019",
    (s) =>
      inlinePolicy(s, {
        Effect: "Allow",
        Action: "rds-db:connect",
        Resource: "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKL/*",
      }),
    (s) => {
      const instance = db(s, { iamDatabaseAuthenticationEnabled: true });
      inlinePolicy(s, {
        Effect: "Allow",
        Action: "rds-db:connect",
        Resource: `arn:aws:rds-db:us-east-1:123456789012:dbuser:${instance.resourceId}/news_api`,
      });
    },
  ],
  ["SEC-017", (s) => alb(s, { dropInvalidHeaderFields: false }), (s) => alb(s)],
  [
    "IAM-001",
    (s) =>
      inlinePolicy(s, {
        Effect: "Allow",
        Action: ["iam:CreateRole", "iam:PutRolePolicy"],
        Resource: "arn:aws:iam::123456789012:role/news-test-*",
      }),
    (s) =>
      inlinePolicy(s, {
        Effect: "Allow",
        Action: ["iam:CreateRole", "iam:PutRolePolicy"],
        Resource: "arn:aws:iam::123456789012:role/news-test-*",
        Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/news-test-boundary" } },
      }),
  ],
  [
    "IAM-002",
    (s) => inlinePolicy(s, { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/news-test-*" }),
    (s) =>
      inlinePolicy(s, {
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::123456789012:role/news-test-*",
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      }),
  ],
  [
    "IAM-003",
    (s) => new IamRolePolicyAttachment(s, "a", { role: role(s).name, policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
    (s) => new IamRolePolicyAttachment(s, "a", { role: role(s).name, policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }),
  ],
  [
    "IAM-010",
    (s) =>
      new EcrRepositoryPolicy(s, "pull", {
        repository: "news-api",
        policy: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "ecr:BatchGetImage" }),
      }),
    (s) =>
      new EcrRepositoryPolicy(s, "pull", {
        repository: "news-api",
        policy: policy({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::210987654321:root" },
          Action: "ecr:BatchGetImage",
          Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/news-prod-api-execution" } },
        }),
      }),
  ],
  ["PRD-001", (s) => alb(s, { enableDeletionProtection: false }), (s) => alb(s)],
  ["PRD-002", (s) => db(s, { deletionProtection: false }), (s) => db(s)],
  ["PRD-003", (s) => db(s, { multiAz: false }), (s) => db(s)],
  ["PRD-004", (s) => redis(s, { automaticFailoverEnabled: false, multiAzEnabled: false, numCacheClusters: 1 }), (s) => redis(s)],
  ["PRD-005", (s) => db(s, { backupRetentionPeriod: 1 }), (s) => db(s)],
  ["PRD-006", (s) => alb(s), (s) => waf(s, alb(s))],
  [
    "DEP-001",
    shiftingService(undefined, true),
    shiftingService({ strategy: "CANARY", bakeTimeInMinutes: "15", canaryConfiguration: { canaryPercent: 10 } }, true),
  ],
  ["AWS-001", (s) => alb(s, { name: "news-staging-load-balancer-public-1" }), (s) => alb(s)],
  [
    "AWS-002",
    (s) => new LbTargetGroup(s, "tg", { name: "news-staging-api-target-group-1234" }),
    (s) => new LbTargetGroup(s, "tg", { name: "news-staging-api" }),
  ],
  ["AWS-003", (s) => redis(s, { replicationGroupId: "News_Test_Cache" }), (s) => redis(s)],
  ["AWS-004", (s) => db(s, { identifier: "1news--db" }), (s) => db(s)],
  [
    "AWS-005",
    (s) => new S3Bucket(s, "b", { bucket: "News_Bucket" }),
    (s) => new S3Bucket(s, "b", { bucket: "news-logs-${data.aws_caller_identity.x.account_id}" }),
  ],
  ["AWS-006", (s) => role(s, "role", "r".repeat(65)), (s) => role(s)],
  [
    "AWS-007",
    (s) => new CloudwatchLogGroup(s, "g", { name: "/news/test api" }),
    (s) => new CloudwatchLogGroup(s, "g", { name: "/news/test/api" }),
  ],
  ["AWS-008", (s) => new SnsTopic(s, "t", { name: "news.alerts" }), (s) => new SnsTopic(s, "t", { name: "news-alerts" })],
  [
    "AWS-009",
    (s) => new CloudwatchDashboard(s, "d", { dashboardName: "news test", dashboardBody: "{}" }),
    (s) => new CloudwatchDashboard(s, "d", { dashboardName: "news-test", dashboardBody: "{}" }),
  ],
  [
    "AWS-010",
    (s) =>
      new EcsTaskDefinition(s, "td", {
        family: "f",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "4096",
        containerDefinitions: "[]",
      }),
    (s) =>
      new EcsTaskDefinition(s, "td", {
        family: "f",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        containerDefinitions: "[]",
      }),
  ],
  [
    "AWS-011",
    (s) => {
      const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });
      new Subnet(s, "a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
      new Subnet(s, "b", { vpcId: vpc.id, cidrBlock: "10.0.0.128/25" });
      new Subnet(s, "c", { vpcId: vpc.id, cidrBlock: "10.1.0.0/24" });
    },
    (s) => {
      const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });
      new Subnet(s, "a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
      new Subnet(s, "b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    },
  ],
  ["AWS-012", (s) => alarm(s, 90, 2000, 3000), (s) => alarm(s, 300, 3, 2)],
  [
    "AWS-013",
    (s) => new SecurityGroup(s, "sg", { name: "news-test-app", description: "App – tasks" }),
    (s) => new SecurityGroup(s, "sg", { name: "news-test-app", description: "App - tasks" }),
  ],
  [
    "AWS-014",
    (s) => new KmsAlias(s, "a", { name: "alias/aws/news", targetKeyId: "k" }),
    (s) => new KmsAlias(s, "a", { name: "alias/news-test", targetKeyId: "k" }),
  ],
  [
    "AWS-015",
    (s) => {
      const group = new CloudwatchLogGroup(s, "g", { name: "/news/waf" });
      new Wafv2WebAclLoggingConfiguration(s, "l", { resourceArn: waf(s, alb(s)).arn, logDestinationConfigs: [group.arn] });
    },
    (s) => {
      const group = new CloudwatchLogGroup(s, "g", { name: "aws-waf-logs-news-test" });
      new Wafv2WebAclLoggingConfiguration(s, "l", { resourceArn: waf(s, alb(s)).arn, logDestinationConfigs: [group.arn] });
    },
  ],
  [
    "AWS-016",
    (s) => new SecretsmanagerSecret(s, "x", { name: "news test secret" }),
    (s) => new SecretsmanagerSecret(s, "x", { name: "news/test/secret" }),
  ],
  ["AWS-017", (s) => new EcsCluster(s, "c", { name: "news test" }), (s) => new EcsCluster(s, "c", { name: "news-test" })],
  [
    "SEC-018",
    (s) => new SecretsmanagerSecretVersion(s, "v", { secretId: "news/test/x", secretString: "${random_password.x.result}" }),
    (s) =>
      new SecretsmanagerSecretVersion(s, "v", {
        secretId: "news/test/x",
        secretStringWo: "${ephemeral.aws_secretsmanager_random_password.x.random_password}",
        secretStringWoVersion: 1,
      }),
  ],
  ["OPS-001", alertedTopic(false), alertedTopic(true)],
  ["OPS-002", alertedTopic(false), alertedTopic(true)],
  ["REG-001", (s) => registry(s, [untaggedAfterADay, lastTagged]), (s) => registry(s, [untaggedAfterADay, keepProd, lastTagged])],
  [
    "TF-001",
    (s) => (
      replacedFirst(s, { name: "news-test-app" }),
      new DbParameterGroup(s, "pg", { name: "news-test-pg16", family: "postgres16", lifecycle: { createBeforeDestroy: true } })
    ),
    (s) => (
      replacedFirst(s, { namePrefix: "news-test-app-" }),
      new DbParameterGroup(s, "pg", { namePrefix: "news-test-pg16-", family: "postgres16", lifecycle: { createBeforeDestroy: true } }),
      new SecurityGroup(s, "fixed", { name: "news-test-fixed", description: "No create-before-destroy: a fixed name is fine" })
    ),
  ],
  [
    "TF-002",
    (s) => scheduledService(s, {}),
    (s) => scheduledService(s, { service: ["desired_count"], target: ["min_capacity", "max_capacity"] }),
  ],
  ["PRV-001", stoppedDatabaseAlarm("breaching"), stoppedDatabaseAlarm("notBreaching")],
  [
    "TF-003",
    (s) => new LocalBackend(s, { path: "terraform.news-test.tfstate" }),
    (s) => new LocalBackend(s, { path: "../../../terraform.news-test.tfstate" }),
  ],
  ["TF-004", cacheParameterGroup("fixed name, destroy-first"), cacheParameterGroup("replacement name, create-first")],
  [
    "TF-001",
    cacheParameterGroup("stale replacement name, create-first"),
    (s) => (cacheParameterGroup("replacement name, create-first")(s), redisParameterGroupUnused(s)),
  ],
];
const tierOf = (ruleId: string) => (RULES.find((r) => r.id === ruleId)!.scope === "development" ? "development" : "production");

describe("each guardrail fails its minimal bad case and passes the fixed one", () => {
  test("every rule has a case here (except those tested below)", () => {
    const covered = new Set([...CASES.map(([id]) => id), "SEC-015"]);
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test.each(CASES)("%s", (ruleId, bad, good) => {
    expect(findingsOf(ruleId, bad, tierOf(ruleId)).length).toBeGreaterThan(0);
    expect(findingsOf(ruleId, good, tierOf(ruleId))).toEqual([]);
  });

  test("SEC-015: a provider without the default tags", () => {
    const rule = RULES.find((r) => r.id === "SEC-015")!;
    const untagged = checkStack(
      stackWith(() => undefined, { Project: "news" }),
      "production",
      [rule],
    );
    expect(untagged.errors[0].message).toBe("default_tags lack Environment, ManagedBy, CostCenter, Repository");
    expect(
      checkStack(
        stackWith(() => undefined),
        "production",
        [rule],
      ).errors,
    ).toEqual([]);
  });

  test("cache rules name what they read: the KMS key, the transit mode, the routes and the ingress", () => {
    expect(findingsOf("SEC-006", (s) => redis(s, { kmsKeyId: undefined, transitEncryptionMode: "preferred" }))).toEqual([
      "no kms_key_id: at-rest encryption uses the AWS-owned key",
      "transit_encryption_mode is preferred, not required",
    ]);
    expect(findingsOf("SEC-012", cacheInNetwork(true))).toEqual([
      "ingress cache-in admits 10.0.0.0/8",
      "subnet data routes to an internet gateway",
    ]);
    expect(findingsOf("SEC-012", (s) => redis(s))).toEqual([
      "security group sg-123 is not defined in this stack, so its ingress cannot be checked",
      "no subnet group of this stack: the default VPC's (public) subnets apply",
    ]);
  });

  test("messages name the bad value and the limit", () => {
    expect(findingsOf("AWS-001", (s) => alb(s, { name: "news-staging-load-balancer-public-1" }))).toEqual([
      'name "news-staging-load-balancer-public-1" is 35 characters; the limit is 32',
    ]);
    expect(findingsOf("TF-001", (s) => replacedFirst(s, { name: "news-test-app" }))).toEqual([
      'create_before_destroy with a fixed name "news-test-app": the replacement would collide with it; use name_prefix',
    ]);
    expect(findingsOf("TF-002", (s) => scheduledService(s, { service: ["desired_count"], target: ["max_capacity"] }))).toEqual([
      "scheduled action news-test/night changes min_capacity of this aws_appautoscaling_target, which does not ignore it",
    ]);
    expect(findingsOf("TF-004", cacheParameterGroup("fixed name, destroy-first"))).toEqual([
      "used by aws_elasticache_replication_group.redis but replaced destroy-first: a new family would fail while it is in use",
    ]);
    expect(findingsOf("TF-001", cacheParameterGroup("stale replacement name, create-first"))).toEqual([
      expect.stringMatching(
        /^create_before_destroy with a fixed name "news-test-cache-valkey8-[0-9a-f]{6}": the replacement would collide/,
      ),
    ]);
    expect(findingsOf("TF-003", (s) => new LocalBackend(s, { path: "terraform.news-test.tfstate" }))).toEqual([
      'local backend path "terraform.news-test.tfstate" resolves to ' +
        "cdktf.out/stacks/news-test/terraform.news-test.tfstate, inside the synth output",
    ]);
    expect(findingsOf("SEC-011", (s) => (alb(s), ingress(s, "sg-app", 22)))).toEqual([
      "ingress from 0.0.0.0/0 on tcp 22-22 to a group that is not the ALB's on 80/443",
    ]);
    expect(findingsOf("AWS-011", CASES.find(([id]) => id === "AWS-011")![1]).sort()).toEqual([
      "cidr_block 10.0.0.128/25 overlaps 10.0.0.0/24 (news-test/a)",
      "cidr_block 10.1.0.0/24 is not inside the VPC's 10.0.0.0/16",
    ]);
  });

  test("SEC-012 follows a subnet without an explicit association to the VPC's main route table", () => {
    type MainTable = "main_route_table_id" | "default route table" | "main-table association" | "none";
    const cacheOnMainTable = (main: MainTable) => (s: TerraformStack) => {
      const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });
      const subnet = new Subnet(s, "data", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
      const igw = new InternetGateway(s, "igw", { vpcId: vpc.id });
      const toIgw = { destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id };
      if (main === "main_route_table_id") new Route(s, "out", { routeTableId: vpc.mainRouteTableId, ...toIgw });
      if (main === "default route table")
        new DefaultRouteTable(s, "main", {
          defaultRouteTableId: vpc.defaultRouteTableId,
          route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        });
      if (main === "main-table association") {
        const table = new RouteTable(s, "public-rt", { vpcId: vpc.id });
        new Route(s, "out", { routeTableId: table.id, ...toIgw });
        new MainRouteTableAssociation(s, "main", { vpcId: vpc.id, routeTableId: table.id });
      }
      const cache = new SecurityGroup(s, "cache", { name: "news-test-cache", description: "cache", vpcId: vpc.id });
      const group = new ElasticacheSubnetGroup(s, "subnets", { name: "news-test-cache", subnetIds: [subnet.id] });
      redis(s, { securityGroupIds: [cache.id], subnetGroupName: group.name });
    };
    for (const main of ["main_route_table_id", "default route table", "main-table association"] as const)
      expect(findingsOf("SEC-012", cacheOnMainTable(main))).toEqual(["subnet data routes to an internet gateway"]);
    expect(findingsOf("SEC-012", cacheOnMainTable("none"))).toEqual([]);
  });

  test("SEC-019 refuses a wildcard user or instance in an rds-db:connect grant, naming the statement and the ARN", () => {
    const grant = (Resource: string[]) => (s: TerraformStack) =>
      void inlinePolicy(s, { Sid: "Db", Effect: "Allow", Action: ["rds-db:connect"], Resource });
    const arn = (tail: string) => `arn:aws:rds-db:us-east-1:123456789012:dbuser:${tail}`;
    expect(findingsOf("SEC-019", grant([arn("*/news_api"), arn("db-ABCDEFGHIJKL/*"), arn("db-ABCDEFGHIJKL/news_api")]))).toEqual([
      `statement Db allows rds-db:connect on ${arn("*/news_api")}`,
      `statement Db allows rds-db:connect on ${arn("db-ABCDEFGHIJKL/*")}`,
    ]);
  });

  test("DEP-001 names what is missing: strategy, bake time, alarm rollback", () => {
    expect(findingsOf("DEP-001", shiftingService(undefined, true))).toEqual(["deployment_configuration.strategy is unset (ROLLING)"]);
    expect(findingsOf("DEP-001", shiftingService({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "0" }, true))).toEqual([
      "bake_time_in_minutes is 0",
    ]);
    expect(findingsOf("DEP-001", shiftingService({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" }, false))).toEqual([
      "no deployment alarms with rollback",
    ]);
    expect(findingsOf("DEP-001", shiftingService(undefined, false), "development")).toEqual([]);
  });

  test("TF-002 also covers the listener rules ECS reweighs in a blue-green, canary or linear deployment", () => {
    const bake = { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" };
    expect(findingsOf("TF-002", shiftingService(bake, true, false))).toEqual([
      "ECS traffic shifting of news-test/svc changes action of this aws_lb_listener_rule, which does not ignore it",
      "ECS traffic shifting of news-test/svc changes action of this aws_lb_listener_rule, which does not ignore it",
    ]);
    expect(findingsOf("TF-002", shiftingService(bake, true, true))).toEqual([]);
  });

  test("IAM-001: wildcards and conditions do not hide boundary escapes; IAM-003 catches *FullAccess and managed_policy_arns", () => {
    const grant = (Action: string[], Condition?: object) => (s: TerraformStack) =>
      void inlinePolicy(s, { Sid: "X", Effect: "Allow", Action, Resource: "*", Condition });
    const bounded = { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/b" } };
    expect(findingsOf("IAM-001", grant(["iam:Put*"]))).toEqual([
      "statement X allows iam:PutRolePolicy without an iam:PermissionsBoundary condition",
      "statement X allows iam:PutRolePermissionsBoundary without an iam:PermissionsBoundary condition",
      "statement X allows iam:PutUserPolicy without an iam:PermissionsBoundary condition",
      "statement X allows iam:PutUserPermissionsBoundary without an iam:PermissionsBoundary condition",
    ]);
    expect(findingsOf("IAM-001", grant(["iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion"], bounded))).toEqual([
      "statement X allows iam:DeleteRolePermissionsBoundary, which removes or rewrites a boundary",
      "statement X allows iam:CreatePolicyVersion, which removes or rewrites a boundary",
    ]);
    expect(findingsOf("IAM-002", grant(["iam:*"], bounded))).toEqual(["statement X allows iam:PassRole to any service"]);
    expect(
      findingsOf(
        "IAM-003",
        (s) => void new IamRolePolicyAttachment(s, "a", { role: role(s).name, policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }),
      ),
    ).toEqual(["attaches arn:aws:iam::aws:policy/AmazonS3FullAccess"]);
    expect(
      findingsOf(
        "IAM-003",
        (s) =>
          void new IamRole(s, "r", {
            name: "news-test-r",
            assumeRolePolicy: "{}",
            managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
          }),
      ),
    ).toEqual(["attaches arn:aws:iam::aws:policy/AdministratorAccess"]);
  });

  test("IAM-010 reads key and bucket policies too, names the account, and leaves the stack's own accounts alone", () => {
    const key = (AWS: string, allowed?: string[]) => (s: TerraformStack) => {
      if (allowed) new AwsProvider(s, "own", { alias: "own", region: "us-east-1", allowedAccountIds: allowed });
      new KmsKey(s, "k", {
        enableKeyRotation: true,
        policy: policy({ Sid: "Use", Effect: "Allow", Principal: { AWS }, Action: "kms:Decrypt", Resource: "*" }),
      });
    };
    expect(findingsOf("IAM-010", key("210987654321"))).toEqual([
      "statement Use allows every principal of account 210987654321 (no aws:PrincipalArn condition)",
    ]);
    expect(findingsOf("IAM-010", key("arn:aws:iam::210987654321:root", ["210987654321"]))).toEqual([]);
    expect(findingsOf("IAM-010", key("arn:aws:iam::${data.aws_caller_identity.c.account_id}:root"))).toEqual([]);
    const bucketPolicy = (s: TerraformStack) =>
      void new S3BucketPolicy(s, "p", {
        bucket: "b",
        policy: policy({
          Sid: "Read",
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::210987654321:root"] },
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::b/*",
        }),
      });
    expect(findingsOf("IAM-010", bucketPolicy)).toEqual([
      "statement Read allows every principal of account 210987654321 (no aws:PrincipalArn condition)",
    ]);
  });

  test("SEC-019 lets a permissions boundary (tagged PermissionsBoundary) name the user on any instance, never any user", () => {
    const boundary = (user: string, tags?: Record<string, string>) => (s: TerraformStack) =>
      void new IamPolicy(s, "b", {
        name: "news-test-boundary",
        tags,
        policy: policy({
          Sid: "Db",
          Effect: "Allow",
          Action: "rds-db:connect",
          Resource: `arn:aws:rds-db:*:123456789012:dbuser:*/${user}`,
        }),
      });
    expect(findingsOf("SEC-019", boundary("news_api", { PermissionsBoundary: "true" }))).toEqual([]);
    expect(findingsOf("SEC-019", boundary("*", { PermissionsBoundary: "true" }))).toEqual([
      "statement Db allows rds-db:connect on arn:aws:rds-db:*:123456789012:dbuser:*/*",
    ]);
    expect(findingsOf("SEC-019", boundary("news_api"))).toEqual([
      "statement Db allows rds-db:connect on arn:aws:rds-db:*:123456789012:dbuser:*/news_api",
    ]);
  });

  test("TF-002 also covers EC2 Auto Scaling schedules and an ECS service under a scalable target", () => {
    const group = (s: TerraformStack, ignore?: string[]) => {
      const asg = new AutoscalingGroup(s, "asg", {
        name: "news-test-workers",
        minSize: 1,
        maxSize: 2,
        desiredCapacity: 1,
        lifecycle: ignore && { ignoreChanges: ignore },
      });
      new AutoscalingSchedule(s, "night", {
        autoscalingGroupName: asg.name,
        scheduledActionName: "night",
        recurrence: "0 20 * * *",
        minSize: 0,
        maxSize: 0,
        desiredCapacity: 0,
      });
    };
    expect(findingsOf("TF-002", (s) => group(s))).toEqual([
      "scheduled action news-test/night changes min_size, max_size, desired_capacity of this " +
        "aws_autoscaling_group, which does not ignore them",
    ]);
    expect(findingsOf("TF-002", (s) => group(s, ["min_size", "max_size", "desired_capacity"]))).toEqual([]);
    expect(findingsOf("TF-002", (s) => scheduledService(s, { target: ["min_capacity", "max_capacity"] }))).toEqual([
      "scalable target news-test/target changes desired_count of this aws_ecs_service, which does not ignore it",
    ]);
  });

  test("REG-001: the general rule, an age rule or any other tagged rule ahead of a deployment prefix's keep rule is refused", () => {
    expect(findingsOf("REG-001", (s) => registry(s, [untaggedAfterADay, lastTagged, keepProd]))).toEqual([
      "rule 2 can expire images tagged prod-… (they carry their SHA tag too): before rule 3 keeps the newest of them",
    ]);
    const byAge = { tagStatus: "tagged", tagPatternList: ["prod-*"], countType: "sinceImagePushed", countUnit: "days", countNumber: 90 };
    expect(findingsOf("REG-001", (s) => registry(s, [byAge, keepProd]))).toEqual([
      "rule 1 can expire images tagged prod-… (they carry their SHA tag too): before rule 2 keeps the newest of them",
    ]);
    // A rule aimed at SHA tags still selects a deployed image: the image carries its SHA tag as well.
    const shaTags = { tagStatus: "tagged", tagPrefixList: ["3f"], countType: "imageCountMoreThan", countNumber: 1 };
    expect(findingsOf("REG-001", (s) => registry(s, [shaTags, keepProd]))).toHaveLength(1);
    expect(
      findingsOf("REG-001", (s) => registry(s, [keepProd, { ...keepProd, tagPatternList: ["staging-*"] }, lastTagged], "prod- staging-")),
    ).toEqual([]);
    expect(findingsOf("REG-001", (s) => registry(s, [keepProd, lastTagged], "prod- staging-"))).toEqual([
      "rule 2 can expire images tagged staging-… (they carry their SHA tag too): no rule keeps the newest of them",
    ]);
  });

  test("REG-001: a repository that declares no deployment prefixes may expire only untagged images", () => {
    expect(findingsOf("REG-001", (s) => registry(s, [untaggedAfterADay, lastTagged], null))[0]).toMatch(
      /^rule 2 expires tagged images, and repository news-api declares no deployment-tag prefixes/,
    );
    expect(findingsOf("REG-001", (s) => registry(s, [untaggedAfterADay], null))).toEqual([]);
  });

  test("production rules do not apply to development stacks, development rules not to production", () => {
    expect(findingsOf("PRD-003", (s) => db(s, { multiAz: false }), "development")).toEqual([]);
    expect(findingsOf("OPS-001", alertedTopic(false), "production")).toEqual([]);
  });
});

describe("suppressions", () => {
  test("a suppression with a reason moves the finding to the suppressed list, which the report prints", () => {
    const stack = stackWith((s) => {
      const lb = alb(s, { enableDeletionProtection: false });
      suppressGuardrail(lb, "PRD-001", "Blue/green replaces this ALB on every release; DNS points at the pair.");
    });
    const report = checkStack(
      stack,
      "production",
      RULES.filter((r) => r.id === "PRD-001"),
    );
    expect(report.errors).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "PRD-001",
        path: "news-test/alb",
        suppressedAt: "news-test/alb",
        reason: expect.stringContaining("Blue/green"),
      }),
    ]);
    expect(formatReport(report)).toContain("suppressed at news-test/alb: Blue/green");
  });

  test("a suppression on a parent scope covers what is below it, only for its rule", () => {
    const stack = stackWith((s) => {
      alb(s, { enableDeletionProtection: false, dropInvalidHeaderFields: false });
      suppressGuardrail(s, "PRD-001", "This test stack stands in for a throwaway preview environment.");
    });
    const report = checkStack(
      stack,
      "production",
      RULES.filter((r) => ["PRD-001", "SEC-017"].includes(r.id)),
    );
    expect(report.suppressed.map((f) => f.ruleId)).toEqual(["PRD-001"]);
    expect(report.warnings.map((f) => f.ruleId)).toEqual(["SEC-017"]);
  });

  test("no reason, or no such rule, is refused", () => {
    const stack = stackWith(() => undefined);
    expect(() => suppressGuardrail(stack, "PRD-001", "because")).toThrow(ConfigError);
    expect(() => suppressGuardrail(stack, "NOPE", "a long enough reason for the check")).toThrow('"NOPE" is not a guardrail; known: ');
    // Well-formed but unknown: before RULE_IDS was the source of this check, it was accepted and suppressed nothing.
    expect(() => suppressGuardrail(stack, "SEC-999", "a long enough reason for the check")).toThrow(
      /"SEC-999" is not a guardrail; known: .*SEC-001, /,
    );
  });
});

describe("guardrails on the real stacks", () => {
  const app = testingApp();
  const stacks = defineStacks(app, validatePlatform(), loadEnvironments());
  const report = applyGuardrails(stacks).checkAll(allStacks(stacks));

  test("dev, staging, prod and the account-wide stacks pass with no errors, warnings or suppressions", () => {
    expect(formatReport(report)).toBe("");
  });

  test("a plain app.synth() also fails on an error, through the aspect's annotations", () => {
    const outdir = mkdtempSync(join(tmpdir(), "newsstack-guardrails-"));
    try {
      const broken = new App({ outdir });
      const stack = new TerraformStack(broken, "news-broken");
      new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: TAGS }] });
      new KmsKey(stack, "k", { enableKeyRotation: false });
      new Guardrails(() => "development").applyTo([stack]);
      expect(() => broken.synth()).toThrow(/SEC-016 news-broken\/k: enable_key_rotation is not true/);
      expect(existsSync(join(outdir, "stacks", "news-broken", "cdk.tf.json"))).toBe(false);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("an environment whose alarms reach nobody: a warning in development, an error in production", () => {
    const [dev, staging, prod] = ["dev", "staging", "prod"].map((name) => loadEnvironments().find((e) => e.name === name)!);
    const unheard = defineStacks(testingApp(), validatePlatform(), [
      { ...dev, alarms: { ...dev.alarms, emails: [] } },
      staging,
      { ...prod, alarms: { ...prod.alarms, emails: [] } },
    ]);
    const result = applyGuardrails(unheard).checkAll(allStacks(unheard));
    expect(result.warnings.map((w) => `${w.ruleId} ${w.path}`)).toEqual(["OPS-001 news-dev/observability/alerts/topic"]);
    expect(result.errors.map((e) => `${e.ruleId} ${e.path}`)).toEqual(["OPS-002 news-prod/observability/alerts/topic"]);
    expect(result.warnings[0].message).toMatch(/^topic news-dev-alerts is notified by \d+ alarm\(s\)\/budget\(s\) but has no subscriber$/);
    expect(formatReport(result)).toContain("fix: Add an address to alarms.emails in environments/<env>.ts");
  });

  test("main.ts lists every violation of every stack at once and writes nothing", () => {
    const app2 = testingApp();
    const two = defineStacks(app2, validatePlatform(), loadEnvironments());
    new KmsKey(two.environments.dev, "bad-key", { enableKeyRotation: false });
    new KmsKey(two.environments.prod, "bad-key", { enableKeyRotation: false });
    const result = applyGuardrails(two).checkAll(allStacks(two));
    expect(result.errors.map((e) => `${e.ruleId} ${e.path}`)).toEqual(["SEC-016 news-dev/bad-key", "SEC-016 news-prod/bad-key"]);
    expect(formatReport(result)).toMatch(/^Guardrails: 2 error\(s\); nothing was written\./);
  });
});

test("docs/guardrails.md lists every rule (run `npm run docs` after changing one)", () => {
  const doc = readFileSync(join(__dirname, "..", "docs", "guardrails.md"), "utf8");
  const block = doc.slice(doc.indexOf(GUARDRAILS_DOC_START) + GUARDRAILS_DOC_START.length, doc.indexOf(GUARDRAILS_DOC_END)).trim();
  expect(block).toBe(renderGuardrailsTable(RULES));
});

test("the README states how many checks synth runs", () => {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  expect(readme).toMatch(new RegExp(`^Synth runs ${RULES.length} checks on every stack`, "m"));
});
