import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { DeliveryEnvironment, deliveryRoleName, GithubDeliveryRoles } from "../modules/ci/github-oidc";
import { ConfigError } from "../modules/errors";
import { ACCOUNT_WIDE_STACKS, imageRepositoryName, Naming } from "../modules/naming";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

/** The naming of CI roles in an environment account: `<project>-account-ci-…` (the name "account" is reserved). */
const accountCiNaming = (platform: PlatformConfig) => new Naming(platform.project, ACCOUNT_WIDE_STACKS.account);

/**
 * ARN of a CI role (`ci-deploy-<env>`, `ci-plan`, `ci-release-plan`) in the account that holds it: news-shared's
 * in the platform account, the account stack's elsewhere. The state bucket, its key and the registry grant these.
 */
export function ciRoleArn(platform: PlatformConfig, accountId: string, component: string): string {
  const naming = accountId === platform.accountId ? new Naming(platform.project, ACCOUNT_WIDE_STACKS.shared) : accountCiNaming(platform);
  return `arn:aws:iam::${accountId}:role/${deliveryRoleName(naming, component)}`;
}

/** ARN of the platform's image repository (news-shared), known before it exists. */
export const imageRepositoryArn = (platform: PlatformConfig): string =>
  `arn:aws:ecr:${platform.region}:${platform.accountId}:repository/${imageRepositoryName(platform.project)}`;

export interface AccountStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
  /** The environment account this stack is deployed into (not the platform's). */
  readonly accountId: string;
  /** The environments deployed into that account: a deploy role and a boundary each. */
  readonly environments: readonly DeliveryEnvironment[];
}

/**
 * `<project>-account-<id>`: the CI identity of an environment account other than the platform's,
 * deployed once by that account's administrators before its environments (README, "Working in a
 * team"). In that account: GitHub's OIDC provider, each environment's deploy role and permissions
 * boundary, the deploy workflow's plan role and, when a non-production environment lives there, the
 * pull-request plan role — the same trust and grants as news-shared's. Its state, like every stack's,
 * is in the platform account's bucket; news-state and news-shared grant these roles their state
 * objects, the state key and the registry.
 */
export class AccountStack extends TerraformStack {
  public readonly delivery: GithubDeliveryRoles;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const { platform, accountId } = props;
    if (accountId === platform.accountId)
      throw new ConfigError(`AccountStack: account ${accountId} is the platform's; news-shared holds its CI roles`);
    const stateKeyArn = props.state.keyArn;
    if (stateKeyArn === undefined)
      throw new ConfigError(`AccountStack: the state key's ARN (platform state.keyArn) is needed to use state from account ${accountId}`);
    awsProvider(this, platform.region, [accountId], {
      project: platform.project,
      environment: ACCOUNT_WIDE_STACKS.account,
      costCenter: platform.costCenter,
      repository: platform.repository,
    });
    useRemoteState(this, props.state);
    this.delivery = new GithubDeliveryRoles(this, "delivery", {
      naming: accountCiNaming(platform),
      accountId,
      repository: platform.repository,
      project: platform.project,
      stateBucket: props.state.bucket,
      stateKeyArn,
      environments: props.environments,
      imageRepositoryArn: imageRepositoryArn(platform),
      // Pull requests plan non-production environments only; images are pushed to the platform's registry.
      planRole: props.environments.some((env) => !env.production),
      imagePushRole: false,
    });
    if (this.delivery.planRole) {
      new TerraformOutput(this, "ci_plan_role_arn", {
        value: this.delivery.planRole.arn,
        description: `Pull-request plan role of this account's environments: repository variable CI_PLAN_ROLE_ARN_<ENV>`,
      });
    }
    new TerraformOutput(this, "ci_release_plan_role_arn", {
      value: this.delivery.releasePlanRole.arn,
      description: "The deploy workflow's plan role for this account's environments: repository variable CI_RELEASE_PLAN_ROLE_ARN_<ENV>",
    });
    for (const [env, role] of Object.entries(this.delivery.deployRoles)) {
      new TerraformOutput(this, `ci_deploy_role_arn_${env}`, {
        value: role.arn,
        description: `Role the ${env} GitHub environment assumes to deploy (its CI_DEPLOY_ROLE_ARN)`,
      });
    }
  }
}
