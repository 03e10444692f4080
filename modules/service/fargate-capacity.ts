import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import type { EcsServiceCapacityProviderStrategy } from "@cdktf/provider-aws/lib/ecs-service";
import { Construct } from "constructs";
import { ConfigError } from "../errors";
import { requireIntInRange } from "../validate";

/** One capacity provider's share of a service's tasks. */
export interface CapacityShare {
  /** Tasks placed on this provider before weights apply (at most one provider may have a base above 0). */
  readonly base: number;
  /** Relative share of the tasks above the base. */
  readonly weight: number;
}

/** How a service's tasks split between on-demand Fargate and Fargate Spot. */
export interface FargateCapacitySplit {
  /**
   * Share on FARGATE_SPOT: spare capacity at a discount, reclaimed with a 2-minute notice (SIGTERM).
   * @default - no Spot tasks
   */
  readonly spot?: CapacityShare;
  /**
   * Share on FARGATE (on-demand).
   * @default - no on-demand tasks
   */
  readonly onDemand?: CapacityShare;
}

export const FARGATE = "FARGATE";
export const FARGATE_SPOT = "FARGATE_SPOT";

export interface FargateCapacityProps {
  /** Name of the cluster the providers are attached to. */
  readonly clusterName: string;
  readonly split: FargateCapacitySplit;
}

/**
 * The cluster's FARGATE and FARGATE_SPOT capacity providers and the service strategy that splits tasks
 * between them. ECS places `base` tasks first, then the rest in proportion to the weights.
 */
export class FargateCapacity extends Construct {
  /** The cluster-provider association; the service must be created after it. */
  public readonly providers: EcsClusterCapacityProviders;
  /** The service's `capacity_provider_strategy`. */
  public readonly strategy: EcsServiceCapacityProviderStrategy[];

  constructor(scope: Construct, id: string, props: FargateCapacityProps) {
    super(scope, id);
    const shares = [
      [FARGATE, props.split.onDemand],
      [FARGATE_SPOT, props.split.spot],
    ].filter((entry): entry is [string, CapacityShare] => entry[1] !== undefined);
    for (const [provider, share] of shares) {
      requireIntInRange("FargateCapacity", `${provider}.base`, share.base, 0, 100_000);
      requireIntInRange("FargateCapacity", `${provider}.weight`, share.weight, 0, 1000);
    }
    if (shares.every(([, share]) => share.weight === 0)) {
      throw new ConfigError("FargateCapacity: split needs spot or onDemand with a weight above 0.");
    }
    if (shares.filter(([, share]) => share.base > 0).length > 1) {
      throw new ConfigError("FargateCapacity: only one of spot and onDemand may have a base above 0 (ECS rule).");
    }
    this.providers = new EcsClusterCapacityProviders(this, "providers", {
      clusterName: props.clusterName,
      capacityProviders: [FARGATE, FARGATE_SPOT],
    });
    this.strategy = shares.map(([capacityProvider, share]) => ({ capacityProvider, base: share.base, weight: share.weight }));
  }
}
