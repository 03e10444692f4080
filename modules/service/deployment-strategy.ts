import { EcsServiceDeploymentConfiguration, EcsServiceDeploymentConfigurationLifecycleHook } from "@cdktf/provider-aws/lib/ecs-service";
import { ConfigError } from "../errors";

/**
 * How ECS replaces a service revision. `rolling` swaps tasks in place; the others are ECS-native
 * deployments (deployment_configuration.strategy): the new revision runs beside the old one behind
 * the alternate target group, takes test traffic, then production traffic all at once (blue-green),
 * a canary share first (canary) or in equal steps (linear), and the old revision stays up for the
 * bake time so a deployment alarm can still roll back instantly.
 */
export const DEPLOYMENT_STRATEGIES = ["rolling", "blue-green", "canary", "linear"] as const;
export type DeploymentStrategyName = (typeof DEPLOYMENT_STRATEGIES)[number];

/** ECS's limits (API_DeploymentConfiguration, API_CanaryConfiguration, API_LinearConfiguration). */
export const DEPLOYMENT_LIMITS = {
  bakeMinutes: { min: 0, max: 1440 },
  canaryPercent: { min: 0.1, max: 100 },
  linearStepPercent: { min: 3, max: 100 },
} as const;

export interface DeploymentStrategy {
  readonly strategy: DeploymentStrategyName;
  /**
   * Minutes the old revision keeps running after all production traffic moved (not with rolling).
   * @default 0
   */
  readonly bakeMinutes?: number;
  /** canary: share of production traffic the canary takes first (0.1–100, multiples of 0.1). */
  readonly canaryPercent?: number;
  /** canary: minutes at the canary share before the rest moves. */
  readonly canaryBakeMinutes?: number;
  /** linear: share of production traffic moved per step (3–100, multiples of 0.1). */
  readonly linearStepPercent?: number;
  /** linear: minutes between steps. */
  readonly linearStepBakeMinutes?: number;
}

/** True when ECS shifts traffic between two target groups (needs the alternate target group and listener rules). */
export function shiftsTraffic(strategy: DeploymentStrategyName): boolean {
  return strategy !== "rolling";
}

const ECS_STRATEGY: Record<DeploymentStrategyName, string> = {
  rolling: "ROLLING",
  "blue-green": "BLUE_GREEN",
  canary: "CANARY",
  linear: "LINEAR",
};

/** A multiple of 0.1 within [min, max] (ECS's rule for traffic percentages). */
export function isTenthPercent(value: number, min: number, max: number): boolean {
  return Number.isFinite(value) && value >= min && value <= max && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

/** Fields that belong to another strategy than `d.strategy` (ECS would reject or ignore them). */
const STRATEGY_FIELDS: readonly [readonly (keyof DeploymentStrategy)[], readonly DeploymentStrategyName[]][] = [
  [["bakeMinutes"], ["blue-green", "canary", "linear"]],
  [["canaryPercent", "canaryBakeMinutes"], ["canary"]],
  [["linearStepPercent", "linearStepBakeMinutes"], ["linear"]],
];

export function misplacedDeploymentFields(d: DeploymentStrategy): { field: keyof DeploymentStrategy; message: string }[] {
  return STRATEGY_FIELDS.flatMap(([fields, strategies]) =>
    fields
      .filter((field) => d[field] !== undefined && !strategies.includes(d.strategy))
      .map((field) => ({
        field,
        message: `applies only to strategy ${strategies.map((s) => `"${s}"`).join(" or ")} (strategy is "${d.strategy}")`,
      })),
  );
}

/** Refuses values ECS would reject, naming the prop and the allowed range. */
export function validateDeploymentStrategy(construct: string, d: DeploymentStrategy): void {
  const fail = (prop: string, value: unknown, allowed: string) => {
    throw new ConfigError(`${construct}: deployment.${prop} = ${JSON.stringify(value)} ${allowed}.`);
  };
  if (!DEPLOYMENT_STRATEGIES.includes(d.strategy))
    fail("strategy", d.strategy, `must be one of ${DEPLOYMENT_STRATEGIES.map((s) => `"${s}"`).join(", ")}`);
  const bake = DEPLOYMENT_LIMITS.bakeMinutes;
  for (const prop of ["bakeMinutes", "canaryBakeMinutes", "linearStepBakeMinutes"] as const) {
    const v = d[prop];
    if (v !== undefined && !(Number.isInteger(v) && v >= bake.min && v <= bake.max))
      fail(prop, v, `must be a whole number of minutes from ${bake.min} to ${bake.max}`);
  }
  const { canaryPercent: canary, linearStepPercent: step } = DEPLOYMENT_LIMITS;
  if (d.canaryPercent !== undefined && !isTenthPercent(d.canaryPercent, canary.min, canary.max))
    fail("canaryPercent", d.canaryPercent, `must be a multiple of 0.1 from ${canary.min} to ${canary.max}`);
  if (d.linearStepPercent !== undefined && !isTenthPercent(d.linearStepPercent, step.min, step.max))
    fail("linearStepPercent", d.linearStepPercent, `must be a multiple of 0.1 from ${step.min} to ${step.max}`);
  for (const { field, message } of misplacedDeploymentFields(d)) fail(field, d[field], message);
}

/**
 * The ECS `deployment_configuration` block of a strategy (bake times are strings in the provider).
 * Rolling emits none: ECS's default, and the AWS provider 5.x the rehearsal runs has no such block.
 */
export function deploymentConfiguration(
  d: DeploymentStrategy,
  lifecycleHooks: readonly EcsServiceDeploymentConfigurationLifecycleHook[] = [],
): EcsServiceDeploymentConfiguration | undefined {
  if (!shiftsTraffic(d.strategy)) return undefined;
  const minutes = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    strategy: ECS_STRATEGY[d.strategy],
    bakeTimeInMinutes: String(d.bakeMinutes ?? 0),
    canaryConfiguration:
      d.strategy === "canary" ? { canaryPercent: d.canaryPercent, canaryBakeTimeInMinutes: minutes(d.canaryBakeMinutes) } : undefined,
    linearConfiguration:
      d.strategy === "linear" ? { stepPercent: d.linearStepPercent, stepBakeTimeInMinutes: minutes(d.linearStepBakeMinutes) } : undefined,
    lifecycleHook: lifecycleHooks.length > 0 ? [...lifecycleHooks] : undefined,
  };
}

/** Room for starting, health-checking and draining tasks on top of the waits a strategy adds (the provider's own default is 20 minutes). */
const DEPLOYMENT_SLACK_MINUTES = 20;

/**
 * Minutes an apply may wait for a deployment (wait_for_steady_state waits through canary, linear
 * steps and bake time): the strategy's waits plus slack for the tasks themselves.
 */
export function deploymentTimeoutMinutes(d: DeploymentStrategy): number {
  const steps = d.strategy === "linear" ? Math.ceil(100 / (d.linearStepPercent ?? 10)) * (d.linearStepBakeMinutes ?? 6) : 0;
  const canary = d.strategy === "canary" ? (d.canaryBakeMinutes ?? 10) : 0;
  const bake = shiftsTraffic(d.strategy) ? (d.bakeMinutes ?? 0) : 0;
  return bake + canary + steps + DEPLOYMENT_SLACK_MINUTES;
}
