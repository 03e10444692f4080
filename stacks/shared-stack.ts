import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { DataAwsKmsAlias } from "@cdktf/provider-aws/lib/data-aws-kms-alias";
import { DeliveryEnvironment, GithubDeliveryRoles } from "../modules/ci/github-oidc";
import { PreviewDeployRole } from "../modules/ci/preview-deploy-role";
import { BillingAlarm } from "../modules/cost/billing-alarm";
import { EnvironmentKey } from "../modules/encryption/environment-key";
import { AlertTopic } from "../modules/monitoring/alert-topic";
import { ACCOUNT_WIDE_STACKS, imageRepositoryName, Naming } from "../modules/naming";
import { ImageDeployment, ImageRegistry, OtherAccountRoles } from "../modules/registry/registry";
import { awsProvider, StackTags } from "./aws-provider";
import { PREVIEW_TAG } from "./preview-tags";
import { RemoteState, useRemoteState } from "./backend";

export interface SharedStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
  /**
   * Roles of environments deployed into other accounts that use the registry: their task execution
   * roles pull, their deploy roles tag deployed images, their plan roles read the repository.
   * @default - none: every environment is in the platform's account
   */
  readonly otherAccountRoles?: OtherAccountRoles;
  /** Environments deployed into the platform's account: each gets a CI deploy role and a permissions boundary here. */
  readonly environmentsInAccount: readonly DeliveryEnvironment[];
  /** Every environment in promotion order, with the previously deployed images the registry keeps for it. */
  readonly imageDeployments: readonly ImageDeployment[];
}

/** The only region that publishes AWS/Billing metrics. */
const BILLING_REGION = "us-east-1";

/** news-shared: account-wide resources every environment uses (registry, CI identity, billing alarm). */
export class SharedStack extends TerraformStack {
  public readonly registry: ImageRegistry;
  public readonly billingAlarm: BillingAlarm;
  public readonly delivery: GithubDeliveryRoles;
  /** The role the preview workflow assumes (news-pr<N> stacks only). */
  public readonly previewRole: PreviewDeployRole;

  constructor(scope: Construct, id: string, props: SharedStackProps) {
    super(scope, id);
    const { platform } = props;
    const tags = { project: platform.project, environment: "shared", costCenter: platform.costCenter, repository: platform.repository };
    awsProvider(this, platform.region, [platform.accountId], tags);
    useRemoteState(this, props.state);
    const naming = new Naming(platform.project, ACCOUNT_WIDE_STACKS.shared);
    const key = new EnvironmentKey(this, "key", {
      naming,
      region: platform.region,
      accountId: platform.accountId,
      description: "encrypts the image registry and account-wide logs and topics",
    });
    this.registry = new ImageRegistry(this, "registry", {
      repositoryName: imageRepositoryName(platform.project),
      kmsKeyArn: key.keyArn,
      keepTaggedImages: platform.registry.keepTaggedImages,
      deployments: props.imageDeployments,
      otherAccountRoles: props.otherAccountRoles,
    });
    this.billingAlarm = this.createBillingAlarm(platform, naming, key.keyArn, tags);
    // The state key's ARN, looked up by alias: news-state is deployed first (see README, bootstrap).
    const stateKeyArn = new DataAwsKmsAlias(this, "state-key", { name: props.state.keyAlias }).targetKeyArn;
    this.delivery = this.createDeliveryRoles(props, naming, stateKeyArn);
    this.previewRole = this.createPreviewRole(props, naming, stateKeyArn);
    this.registryOutputs();
  }

  /** Billing metrics exist only in us-east-1: the alarm, its topic and the topic's key live there. */
  private createBillingAlarm(platform: PlatformConfig, naming: Naming, keyArn: string, tags: StackTags): BillingAlarm {
    const inBillingRegion = platform.region === BILLING_REGION;
    const billingProvider = inBillingRegion ? undefined : awsProvider(this, BILLING_REGION, [platform.accountId], tags, "billing");
    const billingKeyArn = inBillingRegion
      ? keyArn
      : new EnvironmentKey(this, "billing-key", {
          naming,
          region: BILLING_REGION,
          accountId: platform.accountId,
          description: "encrypts the billing alert topic",
          provider: billingProvider,
        }).keyArn;
    const billingTopic = new AlertTopic(this, "billing-alerts", {
      naming,
      component: "billing-alerts",
      kmsKeyArn: billingKeyArn,
      accountId: platform.accountId,
      emails: platform.billing.emails,
      provider: billingProvider,
    });
    return new BillingAlarm(this, "billing-alarm", {
      naming,
      topicArn: billingTopic.topicArn,
      repository: platform.repository,
      thresholdUsd: platform.billing.alarmThresholdUsd,
      provider: billingProvider,
    });
  }

  /** The CI roles of the environments in this account, and their ARNs as outputs for the repository's variables. */
  private createDeliveryRoles(props: SharedStackProps, naming: Naming, stateKeyArn: string): GithubDeliveryRoles {
    const { platform } = props;
    const delivery = new GithubDeliveryRoles(this, "delivery", {
      naming,
      accountId: platform.accountId,
      repository: platform.repository,
      project: platform.project,
      stateBucket: props.state.bucket,
      stateKeyArn,
      environments: props.environmentsInAccount,
      imageRepositoryArn: this.registry.repository.arn,
      existingProviderArn: platform.ci.existingGithubOidcProviderArn,
    });
    new TerraformOutput(this, "ci_plan_role_arn", {
      value: delivery.planRole!.arn,
      description: "Role pull-request workflows assume for terraform plan",
    });
    new TerraformOutput(this, "ci_release_plan_role_arn", {
      value: delivery.releasePlanRole.arn,
      description: "Role the deploy workflow's plan job assumes to save the plan an environment's approval applies",
    });
    new TerraformOutput(this, "ci_image_push_role_arn", {
      value: delivery.imagePushRole!.arn,
      description: "Role the main branch assumes to push images",
    });
    for (const [env, role] of Object.entries(delivery.deployRoles)) {
      new TerraformOutput(this, `ci_deploy_role_arn_${env}`, {
        value: role.arn,
        description: `Role the ${env} GitHub environment assumes to deploy`,
      });
    }
    return delivery;
  }

  /** The role the preview workflow assumes, trusted through the same GitHub provider as the CI roles. */
  private createPreviewRole(props: SharedStackProps, naming: Naming, stateKeyArn: string): PreviewDeployRole {
    const { platform } = props;
    const previewRole = new PreviewDeployRole(this, "preview-delivery", {
      naming,
      accountId: platform.accountId,
      region: platform.region,
      repository: platform.repository,
      project: platform.project,
      providerArn: this.delivery.providerArn,
      stateBucket: props.state.bucket,
      stateKeyArn,
      previewTag: PREVIEW_TAG,
      imageRepositoryArn: this.registry.repository.arn,
    });
    new TerraformOutput(this, "ci_preview_role_arn", {
      value: previewRole.role.arn,
      description: "Role the preview workflow assumes for news-pr<N> stacks",
    });
    return previewRole;
  }

  /** What pushes and deploys from other accounts need to find the registry. */
  private registryOutputs(): void {
    new TerraformOutput(this, "ecr_registry_id", {
      value: this.registry.repository.registryId,
      description: "Account of the registry: repository variable ECR_REGISTRY_ID, for deploys from other accounts",
    });
    new TerraformOutput(this, "ecr_repository_url", {
      value: this.registry.repository.repositoryUrl,
      description: "Push news-api images here, tagged with the git SHA",
    });
  }
}
