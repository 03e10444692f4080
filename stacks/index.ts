import { App, TerraformStack } from "cdktf";
import { Guardrails } from "../modules/guardrails/guardrails";
import type { Preview } from "../environments/preview";
import { validateAccounts } from "../environments";
import { deployAccountId, EnvironmentConfig, PlatformConfig } from "../environments/schema";
import type { DeliveryEnvironment } from "../modules/ci/github-oidc";
import { ACCOUNT_WIDE_STACKS, accountStackId, deployRoleComponent, Naming } from "../modules/naming";
import type { OtherAccountRoles } from "../modules/registry/registry";
import { taskRoleName } from "../modules/service/task-roles";
import type { StateKeyAccess } from "../modules/state-bucket/state-access-policy";
import { remoteState } from "./backend";
import { AccountStack, ciRoleArn } from "./account-stack";
import { EnvironmentStack } from "./environment-stack";
import { SharedStack } from "./shared-stack";
import { StateStack } from "./state-stack";

export interface NewsStacks {
  readonly state: StateStack;
  readonly shared: SharedStack;
  /** One CI stack per environment account other than the platform's, keyed by account id. */
  readonly accounts: Readonly<Record<string, AccountStack>>;
  /** One stack per selected environment, keyed by environment name. */
  readonly environments: Readonly<Record<string, EnvironmentStack>>;
  /** news-pr<N>, where a pull request's preview was asked for. */
  readonly preview?: EnvironmentStack;
}

/** Every stack, in deploy order: state, shared, environment accounts' CI stacks, environments, a preview. */
export const allStacks = (stacks: NewsStacks): TerraformStack[] => [
  stacks.state,
  stacks.shared,
  ...Object.values(stacks.accounts),
  ...Object.values(stacks.environments),
  ...(stacks.preview ? [stacks.preview] : []),
];

/**
 * The guardrails on every stack: environment stacks at their configured tier; account-wide stacks
 * (state, registry, billing, CI identity) at production's, since production depends on them.
 */
export function applyGuardrails(stacks: NewsStacks): Guardrails {
  return new Guardrails((stack) => (stack instanceof EnvironmentStack ? stack.tier : "production")).applyTo(allStacks(stacks));
}

/** Stack id of an environment (or an account-wide stack): `<project>-<env>`, e.g. `news-dev`, `news-shared`. */
export function environmentStackId(platform: PlatformConfig, environment: string): string {
  return new Naming(platform.project, environment).stackId;
}

/** Accounts other than the platform's that environments are deployed into, in environment order. */
export const environmentAccounts = (platform: PlatformConfig, environments: readonly EnvironmentConfig[]): string[] =>
  [...new Set(environments.map(deployAccountId))].filter((account) => account !== platform.accountId);

/**
 * Who may touch each stack's state: an environment's deploy role reads and writes its own; the deploy
 * workflow's plan role of the environment's account reads it, and so does the PR plan role for
 * non-production ones; news-state's, news-shared's and the account stacks' are for administrators only.
 */
/** An environment's CI role `component` (ci-deploy-<env>, ci-plan, ci-release-plan), in the account it is deployed to. */
const environmentCiRole = (platform: PlatformConfig, env: EnvironmentConfig, component: string): string =>
  ciRoleArn(platform, deployAccountId(env), component);

/** Roles that plan an environment, so read its state: the deploy workflow's plan role, and the PR plan role outside production. */
const planRoles = (platform: PlatformConfig, env: EnvironmentConfig): string[] =>
  (env.tier === "production" ? ["ci-release-plan"] : ["ci-plan", "ci-release-plan"]).map((c) => environmentCiRole(platform, env, c));

export function stateAccess(platform: PlatformConfig, environments: readonly EnvironmentConfig[]): StateKeyAccess[] {
  return [
    { stackId: environmentStackId(platform, ACCOUNT_WIDE_STACKS.state), writers: [], readers: [] },
    { stackId: environmentStackId(platform, ACCOUNT_WIDE_STACKS.shared), writers: [], readers: [] },
    ...environmentAccounts(platform, environments).map((account) => ({
      stackId: accountStackId(platform.project, account),
      writers: [],
      readers: [],
    })),
    ...environments.map((env) => ({
      stackId: environmentStackId(platform, env.name),
      writers: [environmentCiRole(platform, env, deployRoleComponent(env.name))],
      readers: planRoles(platform, env),
      planSavers: [environmentCiRole(platform, env, "ci-release-plan")],
    })),
  ];
}

/** What the platform's registry lets roles of environment accounts do (none when all are in the platform's). */
function otherAccountRegistryRoles(platform: PlatformConfig, environments: readonly EnvironmentConfig[]): OtherAccountRoles {
  const elsewhere = environments.filter((env) => deployAccountId(env) !== platform.accountId);
  return {
    pull: elsewhere.map(
      (env) => `arn:aws:iam::${deployAccountId(env)}:role/${taskRoleName(new Naming(platform.project, env.name), "execution")}`,
    ),
    markDeployed: elsewhere.map((env) => environmentCiRole(platform, env, deployRoleComponent(env.name))),
    describe: [...new Set(elsewhere.flatMap((env) => planRoles(platform, env)))],
  };
}

const deliveryEnvironment = (env: EnvironmentConfig): DeliveryEnvironment => ({
  name: env.name,
  region: env.region,
  production: env.tier === "production",
});

/**
 * Adds every stack to `app`: news-state, news-shared, a CI stack per other environment account and
 * news-<env> for each selected environment. Account-wide stacks always see all environments, so
 * selecting one never changes them.
 */
export function defineStacks(
  app: App,
  platform: PlatformConfig,
  allEnvironments: readonly EnvironmentConfig[],
  selected: readonly EnvironmentConfig[] = allEnvironments,
  preview?: Preview,
): NewsStacks {
  validateAccounts(platform, allEnvironments);
  const state = remoteState(platform);
  const inAccount = (account: string) => allEnvironments.filter((e) => deployAccountId(e) === account);
  return {
    state: new StateStack(app, environmentStackId(platform, ACCOUNT_WIDE_STACKS.state), {
      platform,
      state,
      stateAccess: stateAccess(platform, allEnvironments),
    }),
    shared: new SharedStack(app, environmentStackId(platform, ACCOUNT_WIDE_STACKS.shared), {
      platform,
      state,
      otherAccountRoles: otherAccountRegistryRoles(platform, allEnvironments),
      environmentsInAccount: inAccount(platform.accountId).map(deliveryEnvironment),
      imageDeployments: allEnvironments.map((e) => ({ environment: e.name, keepPrevious: e.images.keepPrevious })),
    }),
    accounts: Object.fromEntries(
      environmentAccounts(platform, allEnvironments).map((account) => [
        account,
        new AccountStack(app, accountStackId(platform.project, account), {
          platform,
          state,
          accountId: account,
          environments: inAccount(account).map(deliveryEnvironment),
        }),
      ]),
    ),
    environments: Object.fromEntries(
      selected.map((environment) => [
        environment.name,
        new EnvironmentStack(app, environmentStackId(platform, environment.name), { platform, environment, state }),
      ]),
    ),
    // Its own stack, so its own state key (news-pr<N>/terraform.tfstate); account-wide stacks never see it.
    preview: preview
      ? new EnvironmentStack(app, environmentStackId(platform, preview.environment.name), {
          platform,
          environment: preview.environment,
          state,
          preview: { pullRequest: preview.pullRequest, expires: preview.expires },
        })
      : undefined,
  };
}
