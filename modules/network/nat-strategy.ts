/**
 * How app subnets reach the internet: `none` (tasks in public subnets with public IPs, ingress still
 * only from the ALB), `single` (one NAT gateway), `per-az` (one per AZ). The schema and Network both read this list.
 */
export const NAT_STRATEGIES = ["none", "single", "per-az"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];
