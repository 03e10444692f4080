import { App, TerraformStack } from "cdktf";
import { Guardrails } from "../modules/guardrails/guardrails";
import type { EnvironmentConfig, PlatformConfig } from "../environments/schema";
import { deliveryRoleName } from "../modules/ci/github-oidc";
import { ACCOUNT_WIDE_STACKS, Naming } from "../modules/naming";
import type { StateKeyAccess } from "../modules/state-bucket/state-access-policy";
import { remoteState } from "./backend";
import { EnvironmentStack } from "./environment-stack";
import { SharedStack } from "./shared-stack";
import { StateStack } from "./state-stack";

export interface NewsStacks {
  readonly state: StateStack;
  readonly shared: SharedStack;
  /** One stack per selected environment, keyed by environment name. */
  readonly environments: Readonly<Record<string, EnvironmentStack>>;
}

/** Every stack, in synth order. */
export const allStacks = (stacks: NewsStacks): TerraformStack[] => [stacks.state, stacks.shared, ...Object.values(stacks.environments)];

/**
 * The guardrails on every stack: environment stacks at their configured tier; account-wide stacks
 * (state, registry, billing) at production's, since production depends on them.
 */
export function applyGuardrails(stacks: NewsStacks): Guardrails {
  return new Guardrails((stack) => (stack instanceof EnvironmentStack ? stack.tier : "production")).applyTo(allStacks(stacks));
}

/** Stack id of an environment (or an account-wide stack): `<project>-<env>`, e.g. `news-dev`, `news-shared`. */
export function environmentStackId(platform: PlatformConfig, environment: string): string {
  return new Naming(platform.project, environment).stackId;
}

/**
 * Who may touch each stack's state: an environment's deploy role reads and writes its own, the PR plan
 * role reads non-production ones; news-state's and news-shared's are for administrators only.
 */
export function stateAccess(platform: PlatformConfig, environments: readonly EnvironmentConfig[]): StateKeyAccess[] {
  const ciNaming = new Naming(platform.project, ACCOUNT_WIDE_STACKS.shared);
  const roleArn = (component: string) => `arn:aws:iam::${platform.accountId}:role/${deliveryRoleName(ciNaming, component)}`;
  return [
    { stackId: environmentStackId(platform, ACCOUNT_WIDE_STACKS.state), writers: [], readers: [] },
    { stackId: environmentStackId(platform, ACCOUNT_WIDE_STACKS.shared), writers: [], readers: [] },
    ...environments.map((env) => ({
      stackId: environmentStackId(platform, env.name),
      writers: [roleArn(`ci-deploy-${env.name}`)],
      readers: env.tier === "production" ? [] : [roleArn("ci-plan")],
    })),
  ];
}

/**
 * Adds every stack to `app`: news-state, news-shared and news-<env> for each selected environment.
 * Account-wide stacks always see all environments, so selecting one never changes them.
 */
export function defineStacks(
  app: App,
  platform: PlatformConfig,
  allEnvironments: readonly EnvironmentConfig[],
  selected: readonly EnvironmentConfig[] = allEnvironments,
): NewsStacks {
  const state = remoteState(platform);
  return {
    state: new StateStack(app, environmentStackId(platform, ACCOUNT_WIDE_STACKS.state), { platform, state, stateAccess: stateAccess(platform, allEnvironments) }),
    shared: new SharedStack(app, environmentStackId(platform, ACCOUNT_WIDE_STACKS.shared), {
      platform,
      state,
      environmentAccountIds: allEnvironments.flatMap((e) => e.allowedAccountIds),
      environmentsInAccount: allEnvironments
        .filter((e) => e.allowedAccountIds.includes(platform.accountId))
        .map((e) => ({ name: e.name, region: e.region, production: e.tier === "production" })),
      imageDeployments: allEnvironments.map((e) => ({ environment: e.name, keepPrevious: e.images.keepPrevious })),
    }),
    environments: Object.fromEntries(
      selected.map((environment) => [
        environment.name,
        new EnvironmentStack(app, environmentStackId(platform, environment.name), { platform, environment, state }),
      ]),
    ),
  };
}
