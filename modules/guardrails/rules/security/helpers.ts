import { asList as list } from "../../../iam/policy-document";
import { ResourceView, Rule, StackView } from "../../rule";

/** Buckets with no companion resource of `type` referring to them (passing `accept`). */
function bucketsWithout(stack: StackView, type: string, accept: (r: ResourceView) => boolean = () => true) {
  const companions = stack.ofType(type).filter(accept);
  return stack.ofType("aws_s3_bucket").filter((bucket) => !companions.some((c) => stack.refersTo(c.attrs.bucket, bucket)));
}

export const bucketRule = (meta: Omit<Rule, "check">, type: string, accept?: (r: ResourceView) => boolean, what?: string): Rule => ({
  ...meta,
  check: (stack) =>
    bucketsWithout(stack, type, accept).map((b) => ({
      path: b.path,
      message: `bucket ${b.attrs.bucket ?? b.name} has no ${what ?? type}`,
    })),
});

/** One database user on one instance: `dbuser:<resource id>/<user>`, no wildcard anywhere (references are fine). */
export const ONE_DATABASE_USER = /^arn:aws[a-z-]*:rds-db:[^:*]+:[^:*]+:dbuser:[^/*]+\/[^*/]+$/;

/** A permissions boundary caps every instance of an environment, so it names the user only. */
export const NAMED_DATABASE_USER = /^arn:aws[a-z-]*:rds-db:[^:]+:[^:*]+:dbuser:[^/]+\/[^*/]+$/;

export const isBoundary = (r: ResourceView) => r.type === "aws_iam_policy" && r.attrs.tags?.PermissionsBoundary === "true";

/** Security groups of a cache: defined in this stack, with ingress only from other security groups. */
export function cacheGroupProblems(cache: ResourceView, stack: StackView): string[] {
  const ids = list(cache.attrs.security_group_ids);
  if (ids.length === 0) return ["no security group: the default group applies"];
  return ids.flatMap((id: unknown) => {
    const group = stack.ofType("aws_security_group").find((g) => stack.refersTo(id, g));
    if (!group) return [`security group ${id} is not defined in this stack, so its ingress cannot be checked`];
    const rules = stack.ofType("aws_vpc_security_group_ingress_rule").filter((rule) => stack.refersTo(rule.attrs.security_group_id, group));
    const fromAddresses = rules
      .filter((rule) => rule.attrs.cidr_ipv4 || rule.attrs.cidr_ipv6 || rule.attrs.prefix_list_id)
      .map((rule) => `ingress ${rule.name} admits ${rule.attrs.cidr_ipv4 ?? rule.attrs.cidr_ipv6 ?? rule.attrs.prefix_list_id}`);
    const inline = (group.attrs.ingress ?? [])
      .filter((rule: any) => [...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks), ...list(rule.prefix_list_ids)].length > 0)
      .map(() => `security group ${group.name} has inline ingress from addresses`);
    return [...fromAddresses, ...inline];
  });
}

/** Subnets of a cache: its subnet group's, none public or routed to an internet gateway. */
export function cacheSubnetProblems(cache: ResourceView, stack: StackView): string[] {
  const group = stack.ofType("aws_elasticache_subnet_group").find((g) => stack.refersTo(cache.attrs.subnet_group_name, g));
  if (!group) return ["no subnet group of this stack: the default VPC's (public) subnets apply"];
  return list(group.attrs.subnet_ids).flatMap((id: unknown) => {
    const subnet = stack.ofType("aws_subnet").find((s) => stack.refersTo(id, s));
    if (!subnet) return [`subnet ${id} is not defined in this stack, so its routes cannot be checked`];
    return [
      ...(subnet.attrs.map_public_ip_on_launch === true ? [`subnet ${subnet.name} gives public addresses`] : []),
      ...(subnetRouteTables(subnet, stack).some((table) => routesToInternetGateway(table, stack))
        ? [`subnet ${subnet.name} routes to an internet gateway`]
        : []),
    ];
  });
}

/**
 * The route tables a subnet uses: those of its explicit associations; without one, the VPC's main
 * table, which is the table a main-table association names, or else the VPC's own (its default route
 * table, or routes added to its `main_route_table_id`) — represented by the VPC resource itself.
 */
function subnetRouteTables(subnet: ResourceView, stack: StackView): ResourceView[] {
  const tables = (ref: unknown) => stack.ofType("aws_route_table").filter((t) => stack.refersTo(ref, t));
  const explicit = stack
    .ofType("aws_route_table_association")
    .filter((a) => stack.refersTo(a.attrs.subnet_id, subnet))
    .flatMap((a) => tables(a.attrs.route_table_id));
  if (explicit.length > 0) return explicit;
  const vpc = stack.ofType("aws_vpc").find((v) => stack.refersTo(subnet.attrs.vpc_id, v));
  if (!vpc) return [];
  const named = stack
    .ofType("aws_main_route_table_association")
    .filter((a) => stack.refersTo(a.attrs.vpc_id, vpc))
    .flatMap((a) => tables(a.attrs.route_table_id));
  if (named.length > 0) return named;
  return [vpc, ...stack.ofType("aws_default_route_table").filter((t) => stack.refersTo(t.attrs.default_route_table_id, vpc))];
}

/** Whether `table` (a route table, default route table, or a VPC standing for its main table) has a route to an internet gateway. */
function routesToInternetGateway(table: ResourceView, stack: StackView): boolean {
  const gateways = stack.ofType("aws_internet_gateway");
  const toGateway = (target: unknown) => gateways.some((igw) => stack.refersTo(target, igw));
  // A VPC stands for its main table: only routes on its main_route_table_id / default_route_table_id count.
  const onTable = (ref: unknown) =>
    table.type === "aws_vpc"
      ? ["main_route_table_id", "default_route_table_id"].some((attribute) => stack.refersTo(ref, table, attribute))
      : stack.refersTo(ref, table);
  return (
    stack.ofType("aws_route").some((route) => onTable(route.attrs.route_table_id) && toGateway(route.attrs.gateway_id)) ||
    list(table.attrs.route).some((route: any) => toGateway(route.gateway_id))
  );
}

export const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get|BatchGet|Head|Search|Lookup|Scan|Query|Select|View)/i;

// View: budgets:ViewBudget reads
export const IAM_POLICY_TYPES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];
