import { cidrSubnet, formatCidr, Ipv4Cidr } from "./cidr";

/** The three subnet tiers of the network; every AZ gets one subnet of each (app only when NAT exists). */
export const SUBNET_TIERS = ["public", "app", "data"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * The VPC is cut into 16 equal blocks (4 extra prefix bits): tier t, AZ a gets block 4·t + a. Blocks
 * 3, 7, 11 and 12–15 stay free for a fourth AZ or a new tier, so adding one never renumbers (and so
 * never replaces) an existing subnet.
 */
const SUBNET_NEW_BITS = 4;
export const MAX_AZS = 3;

export function subnetCidr(vpc: Ipv4Cidr, tier: SubnetTier, azIndex: number): string {
  if (azIndex < 0 || azIndex >= MAX_AZS) throw new RangeError(`subnetCidr: AZ index ${azIndex} outside 0..${MAX_AZS - 1}`);
  return formatCidr(cidrSubnet(vpc, SUBNET_NEW_BITS, SUBNET_TIERS.indexOf(tier) * 4 + azIndex));
}

/**
 * Smallest and largest VPC prefix the plan supports: /16 gives /20 subnets; /22 gives /26 (64
 * addresses), still above the /27 an ALB subnet needs with room for tasks.
 */
export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;
