import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEcrRepository } from "@cdktf/provider-aws/lib/data-aws-ecr-repository";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig, PlatformConfig } from "../environments/schema";
import { ServiceAutoscaling } from "../modules/autoscaling/service-autoscaling";
import { Cache, REDIS_AUTH_JSON_KEY } from "../modules/cache/cache";
import { Database, MASTER_SECRET_JSON_KEYS } from "../modules/database/database";
import { DatabaseStopSchedule } from "../modules/database/database-stop-schedule";
import { AliasRecord } from "../modules/dns/alias-record";
import { DnsValidatedCertificate } from "../modules/dns/dns-validated-certificate";
import { EnvironmentKey } from "../modules/encryption/environment-key";
import { LoadBalancer, TEST_TRAFFIC_HEADER } from "../modules/load-balancer/load-balancer";
import { imageRepositoryName, Naming } from "../modules/naming";
import { Network } from "../modules/network/network";
import { GeneratedSecret } from "../modules/secrets/generated-secret";
import { NEWS_API_CONTAINER } from "../modules/service/container-contract";
import { shiftsTraffic } from "../modules/service/deployment-strategy";
import { FargateService, FargateServiceProps } from "../modules/service/fargate-service";
import { applyPermissionsBoundary, permissionsBoundaryArn } from "../modules/iam/permissions-boundary";
import { shutdownEnvironment } from "../modules/service/shutdown-timing";
import { TestTrafficHook } from "../modules/service/test-traffic-hook";
import { awsProvider } from "./aws-provider";
import { EnvironmentObservability } from "./environment-observability";
import { RemoteState, useRemoteState } from "./backend";
import { EXPIRES_TAG, PREVIEW_TAG } from "./preview-tags";
import { PREVIEW_ENVIRONMENT_PREFIX } from "../modules/ci/preview-deploy-role";

export interface EnvironmentStackProps {
  readonly platform: PlatformConfig;
  readonly environment: EnvironmentConfig;
  readonly state: RemoteState;
  /**
   * Set for a pull request's preview: every resource is tagged `Preview=<PR>` and `Expires=<date>`
   * (what the CI preview role and the expiry job go by), and secrets are deleted at once on destroy.
   * @default - a long-lived environment
   */
  readonly preview?: PreviewTags;
}

/** Tags that mark a preview environment. */
export interface PreviewTags {
  readonly pullRequest: number;
  /** YYYY-MM-DD after which the scheduled job destroys it. */
  readonly expires: string;
}

/** Deploy-time input: the image tag to run (the pipeline passes the git SHA). */
const IMAGE_TAG_VARIABLE = "image_tag";
/** JSON key of the API key in its secret (GeneratedSecret writes it, ECS injects it as API_KEY). */
const API_KEY_JSON_KEY = "key";
/** Where the service finds the RDS CA bundle inside its image (services/news-api/Dockerfile). */
export const RDS_CA_BUNDLE_PATH = "/app/certs/rds-global-bundle.pem";

/**
 * news-<env>: the whole runtime of one environment. The only place that maps config fields onto
 * module props; modules never see the config itself.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly naming: Naming;
  public readonly key: EnvironmentKey;
  public readonly network: Network;
  public readonly loadBalancer: LoadBalancer;
  /** The API's DNS-validated certificate, where the config gives a hosted zone. */
  public readonly certificate?: DnsValidatedCertificate;
  /** The API's alias record to the ALB, where the config gives a hosted zone. */
  public readonly apiRecord?: AliasRecord;
  public readonly database: Database;
  /** Out-of-hours stop and start of the database, where the config asks for it. */
  public readonly databaseSchedule?: DatabaseStopSchedule;
  public readonly cache: Cache;
  public readonly service: FargateService;
  public readonly autoscaling: ServiceAutoscaling;
  public readonly observability: EnvironmentObservability;
  /** Which guardrails apply (production adds deletion protection, multi-AZ, backups, WAF). */
  public readonly tier: EnvironmentConfig["tier"];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { platform, environment: env } = props;
    this.tier = env.tier;
    const naming = (this.naming = new Naming(platform.project, env.name));
    awsProvider(this, env.region, env.allowedAccountIds, {
      project: platform.project,
      environment: env.name,
      costCenter: env.costCenter,
      repository: platform.repository,
      extra: props.preview ? { [PREVIEW_TAG]: String(props.preview.pullRequest), [EXPIRES_TAG]: props.preview.expires } : undefined,
    });
    useRemoteState(this, props.state);
    const accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    // Production-grade secrets outlive an accidental delete by a month; others can be recreated within a week.
    // A preview's are deleted at once: a reopened PR creates them again under the same names.
    const secretRecoveryWindowDays = props.preview ? 0 : env.database.deletionProtection ? 30 : 7;

    const imageTag = this.imageTagVariable();
    // Looked up by name (not a cross-stack reference): deploying one environment never needs news-shared's state.
    const repository = new DataAwsEcrRepository(this, "repository", {
      name: imageRepositoryName(platform.project),
      registryId: platform.accountId,
    });

    this.key = new EnvironmentKey(this, "key", {
      naming,
      region: env.region,
      accountId,
      description: "encrypts logs, database, cache, secrets and topics",
    });
    const keyArn = this.key.keyArn;

    this.network = new Network(this, "network", {
      naming,
      region: env.region,
      accountId,
      vpcCidr: env.network.vpcCidr,
      availabilityZones: env.network.availabilityZones,
      natStrategy: env.network.natStrategy,
      containerPort: env.service.containerPort,
      flowLogRetentionDays: env.logRetentionDays,
      logsKmsKeyArn: keyArn,
    });
    ({
      certificate: this.certificate,
      loadBalancer: this.loadBalancer,
      apiRecord: this.apiRecord,
    } = this.entryPoint(env, naming, accountId));
    this.database = this.createDatabase(env, naming, accountId, keyArn);
    this.databaseSchedule = this.createDatabaseSchedule(env, naming, accountId);
    this.cache = this.createCache(env, naming, keyArn, secretRecoveryWindowDays);
    const apiKey = this.createApiKey(naming, keyArn, secretRecoveryWindowDays);
    this.service = this.createService(env, naming, accountId, keyArn, { repository, imageTag, apiKey });
    this.autoscaling = this.createAutoscaling(env, naming);

    this.observability = new EnvironmentObservability(this, "observability", {
      platform,
      environment: env,
      naming,
      accountId,
      kmsKeyArn: keyArn,
      loadBalancer: this.loadBalancer,
      service: this.service,
      database: this.database,
      cache: this.cache,
    });

    // Every role carries the boundary its deploy role is held to (news-shared or the account's CI stack defines it).
    // A preview's roles carry the one boundary of all previews (modules/ci/preview-deploy-role.ts).
    applyPermissionsBoundary(
      this,
      permissionsBoundaryArn(accountId, props.preview ? new Naming(naming.project, PREVIEW_ENVIRONMENT_PREFIX) : naming),
    );
    this.outputs(env, repository, apiKey, keyArn);
  }

  /** Deploy-time input: the image tag to run, validated as an image tag. */
  private imageTagVariable(): TerraformVariable {
    return new TerraformVariable(this, IMAGE_TAG_VARIABLE, {
      type: "string",
      nullable: false,
      description: "Tag of the news-api image to run (the git SHA the pipeline built and pushed).",
      validation: [
        {
          condition: '${can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.' + IMAGE_TAG_VARIABLE + "))}",
          errorMessage: "image_tag must be a valid image tag: letters, digits, _ . - (max 128), e.g. the git SHA.",
        },
      ],
    });
  }

  /** The ALB, and where the config gives a hosted zone, the API's certificate and alias record. */
  private entryPoint(
    env: EnvironmentConfig,
    naming: Naming,
    accountId: string,
  ): { certificate?: DnsValidatedCertificate; loadBalancer: LoadBalancer; apiRecord?: AliasRecord } {
    const { subnetIds, securityGroups } = this.network;
    // With a hosted zone the stack issues the API's certificate itself (DNS-validated) and points the name at the ALB.
    const domain = env.loadBalancer.domain;
    const zoneId = domain?.hostedZoneId;
    const certificate =
      domain && zoneId ? new DnsValidatedCertificate(this, "certificate", { domainName: domain.name, hostedZoneId: zoneId }) : undefined;
    const certificateArn = certificate?.certificateArn ?? domain?.certificateArn;

    const loadBalancer = new LoadBalancer(this, "load-balancer", {
      naming,
      region: env.region,
      accountId,
      vpcId: this.network.vpcId,
      subnetIds: subnetIds.public,
      securityGroupId: securityGroups.alb,
      targetPort: env.service.containerPort,
      healthCheck: { path: NEWS_API_CONTAINER.healthPath, ...env.loadBalancer.healthCheck },
      https: domain && certificateArn ? { domainName: domain.name, certificateArn } : undefined,
      deletionProtection: env.loadBalancer.deletionProtection,
      idleTimeoutSeconds: env.loadBalancer.idleTimeoutSeconds,
      accessLogRetentionDays: env.loadBalancer.accessLogRetentionDays,
      deregistrationDelaySeconds: env.loadBalancer.deregistrationDelaySeconds,
      trafficShifting: shiftsTraffic(env.service.deployment.strategy),
    });
    const apiRecord =
      domain && zoneId
        ? new AliasRecord(this, "api-record", {
            hostedZoneId: zoneId,
            name: domain.name,
            target: { dnsName: loadBalancer.alb.dnsName, zoneId: loadBalancer.alb.zoneId },
          })
        : undefined;
    return { certificate, loadBalancer, apiRecord };
  }

  private createDatabase(env: EnvironmentConfig, naming: Naming, accountId: string, keyArn: string): Database {
    const { subnetIds, securityGroups } = this.network;
    return new Database(this, "database", {
      naming,
      subnetIds: subnetIds.data,
      securityGroupId: securityGroups.database,
      kmsKeyArn: keyArn,
      engineVersion: env.database.engineVersion,
      instanceClass: env.database.instanceClass,
      allocatedStorageGb: env.database.allocatedStorageGb,
      maxAllocatedStorageGb: env.database.maxAllocatedStorageGb,
      multiAz: env.database.multiAz,
      backupRetentionDays: env.database.backupRetentionDays,
      deletionProtection: env.database.deletionProtection,
      backupWindow: env.database.backupWindow,
      maintenanceWindow: env.database.maintenanceWindow,
      logRetentionDays: env.logRetentionDays,
      region: env.region,
      accountId,
      appUsername: NEWS_API_CONTAINER.databaseRole,
    });
  }

  /** Out-of-hours stop and start of the database, where the config asks for it. */
  private createDatabaseSchedule(env: EnvironmentConfig, naming: Naming, accountId: string): DatabaseStopSchedule | undefined {
    const stopSchedule = env.database.stopSchedule;
    return stopSchedule
      ? new DatabaseStopSchedule(this, "database-schedule", {
          naming,
          accountId,
          region: env.region,
          instanceIdentifier: this.database.identifier,
          stopAt: stopSchedule.stopAt,
          startAt: stopSchedule.startAt,
          timezone: stopSchedule.timezone,
        })
      : undefined;
  }

  private createCache(env: EnvironmentConfig, naming: Naming, keyArn: string, secretRecoveryWindowDays: number): Cache {
    const { subnetIds, securityGroups } = this.network;
    return new Cache(this, "cache", {
      naming,
      subnetIds: subnetIds.data,
      securityGroupId: securityGroups.cache,
      kmsKeyArn: keyArn,
      nodeType: env.cache.nodeType,
      engine: env.cache.engine,
      engineVersion: env.cache.engineVersion,
      replicas: env.cache.replicas,
      snapshotRetentionDays: env.cache.snapshotRetentionDays,
      logRetentionDays: env.logRetentionDays,
      authSecretName: naming.secretName("redis-auth"),
      secretRecoveryWindowDays,
    });
  }

  /** The key for the news API's write routes, generated by Secrets Manager. */
  private createApiKey(naming: Naming, keyArn: string, recoveryWindowDays: number): GeneratedSecret {
    return new GeneratedSecret(this, "api-key", {
      name: naming.secretName("api-key"),
      description: `${naming.prefix}: key for the news API's write routes (x-api-key header)`,
      kmsKeyArn: keyArn,
      jsonKey: API_KEY_JSON_KEY,
      recoveryWindowDays,
    });
  }

  /** The ECS service and, with traffic shifting, the smoke-test hook it calls before production traffic moves. */
  private createService(
    env: EnvironmentConfig,
    naming: Naming,
    accountId: string,
    keyArn: string,
    inputs: { repository: DataAwsEcrRepository; imageTag: TerraformVariable; apiKey: GeneratedSecret },
  ): FargateService {
    const { subnetIds, securityGroups } = this.network;
    const { repository, imageTag, apiKey } = inputs;
    const shifting = this.loadBalancer.trafficShifting;
    // The smoke test runs against the new revision before production traffic moves (test listener rule).
    const smokeHook = shifting
      ? new TestTrafficHook(this, "smoke-hook", {
          naming,
          accountId,
          serviceUrl: this.loadBalancer.url,
          testHeader: TEST_TRAFFIC_HEADER,
          kmsKeyArn: keyArn,
          logRetentionDays: env.logRetentionDays,
        })
      : undefined;
    return new FargateService(this, "service", {
      naming,
      region: env.region,
      accountId,
      subnetIds: subnetIds.app,
      assignPublicIp: this.network.tasksNeedPublicIp,
      securityGroupId: securityGroups.app,
      repositoryArn: repository.arn,
      repositoryUrl: repository.repositoryUrl,
      imageTag: imageTag.stringValue,
      cpu: env.service.cpu,
      memory: env.service.memory,
      containerPort: env.service.containerPort,
      desiredCount: env.service.minTasks,
      healthCheckGracePeriodSeconds: env.service.healthCheckGracePeriodSeconds,
      stopTimeoutSeconds: env.service.stopTimeoutSeconds,
      enableExec: env.service.enableExec,
      environment: this.containerEnvironment(env),
      secrets: this.containerSecrets(apiKey),
      databaseConnectArn: this.database.appConnectArn,
      kmsKeyArn: keyArn,
      logRetentionDays: env.logRetentionDays,
      targetGroupArn: this.loadBalancer.targetGroup.arn,
      listener: this.loadBalancer.serviceListener,
      capacity: env.service.capacity,
      deployment: env.service.deployment,
      trafficShifting: shifting && {
        alternateTargetGroupArn: shifting.alternateTargetGroup.arn,
        productionListenerRuleArn: shifting.productionRule.arn,
        testListenerRuleArn: shifting.testRule.arn,
        smokeTestFunctionArn: smokeHook?.function.arn,
      },
    });
  }

  /** The service's plain environment: where the database and cache are, how it logs and shuts down. */
  private containerEnvironment(env: EnvironmentConfig): FargateServiceProps["environment"] {
    return {
      NODE_ENV: "production",
      PORT: String(env.service.containerPort),
      LOG_LEVEL: env.service.logLevel,
      DATABASE_HOST: this.database.address,
      DATABASE_PORT: String(this.database.port),
      DATABASE_NAME: this.database.databaseName,
      DATABASE_SSL: "verify-full",
      DATABASE_SSL_CA_FILE: RDS_CA_BUNDLE_PATH,
      // The app pool logs in as this role with IAM tokens; the master secret below only migrates.
      DATABASE_IAM_USER: this.database.appUsername,
      AWS_REGION: env.region,
      REDIS_HOST: this.cache.primaryAddress,
      REDIS_PORT: String(this.cache.port),
      REDIS_TLS: "true",
      CACHE_TTL_SECONDS: String(env.service.cacheTtlSeconds),
      // Keep serving through the ALB's deregistration delay, then finish and close before SIGKILL.
      ...shutdownEnvironment(env.service.stopTimeoutSeconds, env.loadBalancer.deregistrationDelaySeconds),
    };
  }

  /** Secrets ECS injects into the container: `<secret arn>:<json key>::`. */
  private containerSecrets(apiKey: GeneratedSecret): FargateServiceProps["secrets"] {
    return {
      DATABASE_USER: { secretArn: this.database.masterSecretArn, jsonKey: MASTER_SECRET_JSON_KEYS.username },
      DATABASE_PASSWORD: { secretArn: this.database.masterSecretArn, jsonKey: MASTER_SECRET_JSON_KEYS.password },
      REDIS_AUTH_TOKEN: { secretArn: this.cache.authSecretArn, jsonKey: REDIS_AUTH_JSON_KEY },
      API_KEY: { secretArn: apiKey.secretArn, jsonKey: API_KEY_JSON_KEY },
    };
  }

  private createAutoscaling(env: EnvironmentConfig, naming: Naming): ServiceAutoscaling {
    const scaling = env.service.autoscaling;
    return new ServiceAutoscaling(this, "autoscaling", {
      naming,
      clusterName: this.service.cluster.name,
      serviceName: this.service.service.name,
      minTasks: env.service.minTasks,
      maxTasks: env.service.maxTasks,
      cpuTargetPercent: scaling.cpuTargetPercent,
      memoryTargetPercent: scaling.memoryTargetPercent,
      requestsPerTarget: scaling.requestsPerTarget,
      requestCountResourceLabel: `${this.loadBalancer.alb.arnSuffix}/${this.loadBalancer.targetGroup.arnSuffix}`,
      scaleOutCooldownSeconds: scaling.scaleOutCooldownSeconds,
      scaleInCooldownSeconds: scaling.scaleInCooldownSeconds,
      schedules: scaling.schedules,
    });
  }

  /** What the pipeline, the smoke test and the runbooks read after an apply. */
  private outputs(env: EnvironmentConfig, repository: DataAwsEcrRepository, apiKey: GeneratedSecret, keyArn: string): void {
    const shifting = this.loadBalancer.trafficShifting;
    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    output("alb_dns_name", this.loadBalancer.alb.dnsName, "DNS name of the load balancer");
    output(
      "service_url",
      this.loadBalancer.url,
      "Base URL of the news API: https://<API domain>, or http://<ALB DNS name> where there is no domain (dev)",
    );
    output("ecr_repository_url", repository.repositoryUrl, "Image repository the service pulls from");
    output("cluster_name", this.service.cluster.name, "ECS cluster");
    output("service_name", this.service.service.name, "ECS service");
    // The deploy smoke-tests the new revision through the test rule before production traffic moves.
    output("deployment_strategy", env.service.deployment.strategy, "rolling, blue-green, canary or linear (service.deployment.strategy)");
    output(
      "test_traffic_header",
      shifting ? `${TEST_TRAFFIC_HEADER.name}: ${TEST_TRAFFIC_HEADER.value}` : "",
      "Header sending a request at service_url to the revision being deployed (empty with rolling)",
    );
    output(
      "task_definition_arn",
      this.service.taskDefinition.arn,
      "Task definition this apply registered; the deploy verifies the service rolled out to it",
    );
    output("log_group_name", this.service.logGroupName, "Application log group (Logs Insights)");
    output("database_endpoint", this.database.instance.endpoint, "PostgreSQL host:port");
    output("redis_endpoint", this.cache.primaryAddress, "Redis primary endpoint (TLS, AUTH)");
    output("database_secret_arn", this.database.masterSecretArn, "RDS-managed secret with username and password");
    output("redis_auth_secret_arn", this.cache.authSecretArn, "Secret with the Redis AUTH token");
    output(
      "redis_replication_group_id",
      this.cache.replicationGroup.id,
      "Redis replication group (AUTH rotation: npm run rotate:redis-auth)",
    );
    output("api_key_secret_arn", apiKey.secretArn, "Secret with the API key for write routes");
    output("vpc_id", this.network.vpcId, "VPC of the environment");
    output("kms_key_arn", keyArn, "The environment's KMS key");
    output("alerts_topic_arn", this.observability.topic.topicArn, "SNS topic of the environment's alarms and budget");
    const { dashboard } = this.observability;
    if (dashboard) output("dashboard_name", dashboard.dashboardName, "CloudWatch dashboard of the golden signals");
  }
}
