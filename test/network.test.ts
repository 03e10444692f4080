import { parseCidr, cidrContains, cidrsOverlap } from "../modules/network/cidr";
import { realEnvironments, synthesizedApp, synthesizeEnvironment } from "./support/synth";
import { reference, refersTo, Resource, resourceNamed, resourcesOfType } from "./support/terraform-json";

const environments = realEnvironments();
const stackOf = (name: string) => synthesizedApp().environments[name];

const subnetsOfTier = (name: string, tier: string): Resource[] =>
  resourcesOfType(stackOf(name), "aws_subnet").filter((s) => s.values.tags.Tier === tier);

describe.each(environments.map((e) => [e.name, e] as const))("network of %s", (name, env) => {
  const stack = () => stackOf(name);
  const azCount = env.network.availabilityZones.length;
  const expectedNats = { none: 0, single: 1, "per-az": azCount }[env.network.natStrategy];

  test("a VPC with DNS support and hostnames on the configured range", () => {
    const [vpc] = resourcesOfType(stack(), "aws_vpc");
    expect(vpc.values).toMatchObject({ cidr_block: env.network.vpcCidr, enable_dns_support: true, enable_dns_hostnames: true });
  });

  test(`NAT gateways match the ${env.network.natStrategy} strategy (${expectedNats})`, () => {
    expect(resourcesOfType(stack(), "aws_nat_gateway")).toHaveLength(expectedNats);
    expect(resourcesOfType(stack(), "aws_eip")).toHaveLength(expectedNats);
  });

  test("one public and one data subnet per AZ; app subnets only when there is a NAT", () => {
    expect(subnetsOfTier(name, "public")).toHaveLength(azCount);
    expect(subnetsOfTier(name, "data")).toHaveLength(azCount);
    expect(subnetsOfTier(name, "app")).toHaveLength(expectedNats === 0 ? 0 : azCount);
    const azs = subnetsOfTier(name, "data").map((s) => s.values.availability_zone);
    expect(azs.sort()).toEqual([...env.network.availabilityZones].sort());
  });

  test("subnets lie inside the VPC and do not overlap each other", () => {
    const vpc = parseCidr(env.network.vpcCidr)!;
    const ranges = resourcesOfType(stack(), "aws_subnet").map((s) => parseCidr(s.values.cidr_block)!);
    ranges.forEach((range, i) => {
      expect(cidrContains(vpc, range)).toBe(true);
      ranges.slice(i + 1).forEach((other) => expect(cidrsOverlap(range, other)).toBe(false));
    });
  });

  test("no subnet hands out public IPs on launch", () => {
    for (const subnet of resourcesOfType(stack(), "aws_subnet")) expect(subnet.values.map_public_ip_on_launch).toBe(false);
  });

  test("data subnets have no route to an internet gateway or NAT gateway", () => {
    const associations = resourcesOfType(stack(), "aws_route_table_association");
    const dataTables = new Set(
      subnetsOfTier(name, "data").map(
        (subnet) => associations.find((a) => refersTo(a.values.subnet_id, "aws_subnet", subnet))!.values.route_table_id,
      ),
    );
    expect(dataTables.size).toBe(1);
    const routes = resourcesOfType(stack(), "aws_route").filter((r) => dataTables.has(r.values.route_table_id));
    expect(routes).toEqual([]);
    const endpoint = resourcesOfType(stack(), "aws_vpc_endpoint")[0];
    for (const table of dataTables) expect(endpoint.values.route_table_ids).not.toContain(table);
  });

  test("public subnets route to the internet gateway; app subnets to a NAT gateway", () => {
    const igw = resourcesOfType(stack(), "aws_internet_gateway")[0];
    const routes = resourcesOfType(stack(), "aws_route");
    const toIgw = routes.filter((r) => refersTo(r.values.gateway_id, "aws_internet_gateway", igw));
    expect(toIgw).toHaveLength(1);
    const toNat = routes.filter((r) => r.values.nat_gateway_id !== undefined);
    expect(toNat).toHaveLength(subnetsOfTier(name, "app").length);
    const natsUsed = new Set(toNat.map((r) => r.values.nat_gateway_id));
    expect(natsUsed.size).toBe(expectedNats);
  });

  test("an S3 gateway endpoint in the region", () => {
    const endpoints = resourcesOfType(stack(), "aws_vpc_endpoint");
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0].values).toMatchObject({ service_name: `com.amazonaws.${env.region}.s3`, vpc_endpoint_type: "Gateway" });
    expect(endpoints[0].values.route_table_ids).toHaveLength(1 + subnetsOfTier(name, "app").length);
  });

  test("flow logs capture all traffic into a KMS-encrypted log group with the env's retention", () => {
    const [flowLog] = resourcesOfType(stack(), "aws_flow_log");
    const logGroup = resourceNamed(stack(), "aws_cloudwatch_log_group", "flow-logs");
    const key = resourcesOfType(stack(), "aws_kms_key")[0];
    expect(flowLog.values.traffic_type).toBe("ALL");
    expect(flowLog.values.log_destination).toBe(reference("aws_cloudwatch_log_group", logGroup, "arn"));
    expect(logGroup.values.retention_in_days).toBe(env.logRetentionDays);
    expect(logGroup.values.kms_key_id).toBe(reference("aws_kms_key", key, "arn"));
  });

  test("the flow-log role may write only its own log group", () => {
    const policy = JSON.parse(resourceNamed(stack(), "aws_iam_role_policy", "flow-logs").values.policy);
    const resources = policy.Statement.flatMap((s: any) => s.Resource);
    expect(resources.every((r: string) => r.includes("aws_cloudwatch_log_group."))).toBe(true);
  });

  test("the default security group is stripped of all rules", () => {
    const [group] = resourcesOfType(stack(), "aws_default_security_group");
    expect(group.values.ingress).toBeUndefined();
    expect(group.values.egress).toBeUndefined();
  });

  test("every security group rule has a description", () => {
    const rules = [
      ...resourcesOfType(stack(), "aws_vpc_security_group_ingress_rule"),
      ...resourcesOfType(stack(), "aws_vpc_security_group_egress_rule"),
    ];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.values.description).toMatch(/\w{3,}/);
  });

  test("only the ALB group accepts 0.0.0.0/0, and only on 80 and 443", () => {
    const alb = resourceNamed(stack(), "aws_security_group", "security-groups_alb");
    const open = resourcesOfType(stack(), "aws_vpc_security_group_ingress_rule").filter(
      (r) => r.values.cidr_ipv4 !== undefined || r.values.cidr_ipv6 !== undefined,
    );
    expect(open.map((r) => [r.values.security_group_id, r.values.cidr_ipv4, r.values.from_port, r.values.to_port])).toEqual([
      [reference("aws_security_group", alb), "0.0.0.0/0", 80, 80],
      [reference("aws_security_group", alb), "0.0.0.0/0", 443, 443],
    ]);
  });

  test("the chain ALB → app → database/cache references groups by id", () => {
    const group = (key: string) => resourceNamed(stack(), "aws_security_group", `security-groups_${key}_`);
    const ingressTo = (key: string) =>
      resourcesOfType(stack(), "aws_vpc_security_group_ingress_rule").filter((r) =>
        refersTo(r.values.security_group_id, "aws_security_group", group(key)),
      );
    const from = (key: string) => reference("aws_security_group", group(key));

    expect(ingressTo("app").map((r) => [r.values.referenced_security_group_id, r.values.from_port])).toEqual([
      [from("alb"), env.service.containerPort],
    ]);
    expect(ingressTo("database").map((r) => [r.values.referenced_security_group_id, r.values.from_port])).toEqual([[from("app"), 5432]]);
    expect(ingressTo("cache").map((r) => [r.values.referenced_security_group_id, r.values.from_port])).toEqual([[from("app"), 6379]]);
  });

  test("database and cache groups have no egress at all", () => {
    const egress = resourcesOfType(stack(), "aws_vpc_security_group_egress_rule");
    for (const key of ["database", "cache"]) {
      const group = resourceNamed(stack(), "aws_security_group", `security-groups_${key}_`);
      expect(egress.filter((r) => refersTo(r.values.security_group_id, "aws_security_group", group))).toEqual([]);
      expect(group.values.egress).toBeUndefined();
    }
  });
});

describe("NAT strategies on one environment", () => {
  const dev = realEnvironments()[0];
  test.each([
    ["none", 0, 0],
    ["single", 1, 2],
    ["per-az", 2, 2],
  ] as const)("%s: %i NAT gateways, %i app subnets", (natStrategy, nats, appSubnets) => {
    const stack = synthesizeEnvironment({ ...dev, network: { ...dev.network, natStrategy } });
    expect(resourcesOfType(stack, "aws_nat_gateway")).toHaveLength(nats);
    expect(resourcesOfType(stack, "aws_subnet").filter((s) => s.values.tags.Tier === "app")).toHaveLength(appSubnets);
  });

  test("switching NAT strategy keeps the public and data subnets' ranges (no replacement)", () => {
    const cidrs = (natStrategy: "none" | "per-az") =>
      resourcesOfType(synthesizeEnvironment({ ...dev, network: { ...dev.network, natStrategy } }), "aws_subnet")
        .filter((s) => s.values.tags.Tier !== "app")
        .map((s) => [s.name, s.values.cidr_block]);
    expect(cidrs("per-az")).toEqual(cidrs("none"));
  });
});
