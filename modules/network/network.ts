import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { NAT_STRATEGIES, NatStrategy } from "./nat-strategy";
import { NAME_LIMITS } from "../aws-limits";
import { ConfigError } from "../errors";
import { Naming } from "../naming";
import { requireIntInRange, requireOneOf } from "../validate";
import { parseCidr } from "./cidr";
import { VpcFlowLogs } from "./flow-logs";
import { ServiceSecurityGroupIds, ServiceSecurityGroups } from "./security-groups";
import { MAX_AZS, subnetCidr, SubnetTier, VPC_PREFIX_RANGE } from "./subnet-plan";

export interface NetworkProps {
  readonly naming: Naming;
  readonly region: string;
  /** Account id (or a token resolving to it); scopes the flow-log role's trust. */
  readonly accountId: string;
  /** VPC range, /16 to /22; cut into per-tier, per-AZ blocks (see subnet-plan.ts). */
  readonly vpcCidr: string;
  /** 2 or 3 AZ names of `region`. */
  readonly availabilityZones: readonly string[];
  /**
   * How the app tier reaches the internet: `none` puts tasks in the public subnets (with public IPs,
   * ingress still only from the ALB) and creates no app subnets; `single` shares one NAT gateway;
   * `per-az` gives each AZ its own, so losing an AZ never cuts the others off.
   */
  readonly natStrategy: NatStrategy;
  /** Port the service's containers listen on (the app security group's only ingress). */
  readonly containerPort: number;
  /** Retention of the flow-log group (days). */
  readonly flowLogRetentionDays: number;
  /** KMS key ARN encrypting the flow-log group. */
  readonly logsKmsKeyArn: string;
}

/** Subnet ids per tier, in AZ order. */
export interface SubnetIds {
  /** Public subnets: ALB and NAT gateways (and tasks when the NAT strategy is `none`). */
  readonly public: string[];
  /** Where service tasks run: private app subnets, or the public ones when there is no NAT. */
  readonly app: string[];
  /** Isolated subnets for RDS and ElastiCache: no route to the internet in either direction. */
  readonly data: string[];
}

/**
 * The environment's network: a VPC with DNS, three subnet tiers per AZ, an internet gateway, NAT per
 * strategy, an S3 gateway endpoint (image layers and S3 traffic stay off the NAT), flow logs, the
 * default security group stripped of its rules, and the service's security-group chain.
 */
export class Network extends Construct {
  public readonly vpcId: string;
  public readonly subnetIds: SubnetIds;
  public readonly securityGroups: ServiceSecurityGroupIds;
  /** True when tasks must get a public IP to reach the internet (NAT strategy `none`). */
  public readonly tasksNeedPublicIp: boolean;
  public readonly natGatewayCount: number;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, availabilityZones: azs, natStrategy } = props;
    const vpcRange = validateNetworkProps(props);
    this.nameTag = (component: string) => ({ Name: naming.name(component, { maxLength: NAME_LIMITS.generic }) });
    const nameTag = this.nameTag;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true, // RDS and ElastiCache endpoints resolve through VPC DNS
      tags: nameTag("vpc"),
    });
    new DefaultSecurityGroup(this, "default-sg", { vpcId: vpc.id, tags: nameTag("default-do-not-use") });

    const publicSubnets = this.subnets(vpc, vpcRange, azs, "public");
    const appSubnets = natStrategy === "none" ? [] : this.subnets(vpc, vpcRange, azs, "app");
    const dataSubnets = this.subnets(vpc, vpcRange, azs, "data");
    const { igw, publicRouteTable } = this.publicRouting(vpc, publicSubnets, azs);
    const natGateways = this.natGateways(natStrategy, publicSubnets, azs, igw);
    const appRouteTables = this.appRouting(vpc, appSubnets, azs, natGateways, natStrategy);
    // The data tier's table has only the implicit local route: nothing in it can reach or be reached from the internet.
    const dataRouteTable = new RouteTable(this, "data-rt", { vpcId: vpc.id, tags: nameTag("data") });
    dataSubnets.forEach(
      (subnet, i) => new RouteTableAssociation(this, `data-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: dataRouteTable.id }),
    );

    new VpcEndpoint(this, "s3-endpoint", {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [publicRouteTable.id, ...appRouteTables.map((t) => t.id)],
      tags: nameTag("s3"),
    });

    new VpcFlowLogs(this, "flow-logs", {
      naming,
      vpcId: vpc.id,
      region: props.region,
      accountId: props.accountId,
      retentionDays: props.flowLogRetentionDays,
      kmsKeyArn: props.logsKmsKeyArn,
    });

    this.securityGroups = new ServiceSecurityGroups(this, "security-groups", {
      naming,
      vpcId: vpc.id,
      containerPort: props.containerPort,
    }).ids;
    this.vpcId = vpc.id;
    const ids = (list: Subnet[]) => list.map((s) => s.id);
    this.subnetIds = {
      public: ids(publicSubnets),
      app: natStrategy === "none" ? ids(publicSubnets) : ids(appSubnets),
      data: ids(dataSubnets),
    };
    this.tasksNeedPublicIp = natStrategy === "none";
    this.natGatewayCount = natGateways.length;
  }

  private readonly nameTag: (component: string) => { Name: string };

  /** One subnet of `tier` per AZ, cut from the VPC range by the subnet plan. */
  private subnets(vpc: Vpc, vpcRange: NonNullable<ReturnType<typeof parseCidr>>, azs: readonly string[], tier: SubnetTier): Subnet[] {
    const nameTag = this.nameTag;
    return azs.map(
      (az, i) =>
        new Subnet(this, `${tier}-${az}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: subnetCidr(vpcRange, tier, i),
          mapPublicIpOnLaunch: false,
          tags: { ...nameTag(`${tier}-${az.slice(-1)}`), Tier: tier },
        }),
    );
  }

  /** The internet gateway and the public subnets' route table to it. */
  private publicRouting(vpc: Vpc, publicSubnets: Subnet[], azs: readonly string[]): { igw: InternetGateway; publicRouteTable: RouteTable } {
    const nameTag = this.nameTag;
    const igw = new InternetGateway(this, "igw", { vpcId: vpc.id, tags: nameTag("igw") });
    const publicRouteTable = new RouteTable(this, "public-rt", { vpcId: vpc.id, tags: nameTag("public") });
    new Route(this, "public-default", { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    publicSubnets.forEach(
      (subnet, i) => new RouteTableAssociation(this, `public-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: publicRouteTable.id }),
    );
    return { igw, publicRouteTable };
  }

  /** None, one, or one NAT gateway per AZ (with its Elastic IP), in the public subnets. */
  private natGateways(natStrategy: NatStrategy, publicSubnets: Subnet[], azs: readonly string[], igw: InternetGateway): NatGateway[] {
    const nameTag = this.nameTag;
    const natSubnets = natStrategy === "per-az" ? publicSubnets : natStrategy === "single" ? publicSubnets.slice(0, 1) : [];
    return natSubnets.map((subnet, i) => {
      const eip = new Eip(this, `nat-eip-${azs[i]}`, { domain: "vpc", tags: nameTag(`nat-${azs[i].slice(-1)}`) });
      return new NatGateway(this, `nat-${azs[i]}`, {
        subnetId: subnet.id,
        allocationId: eip.allocationId,
        tags: nameTag(`nat-${azs[i].slice(-1)}`),
        dependsOn: [igw],
      });
    });
  }

  // One route table per AZ even with a single NAT: switching to per-az then changes routes, not tables.
  private appRouting(
    vpc: Vpc,
    appSubnets: Subnet[],
    azs: readonly string[],
    natGateways: NatGateway[],
    natStrategy: NatStrategy,
  ): RouteTable[] {
    const nameTag = this.nameTag;
    return appSubnets.map((subnet, i) => {
      const table = new RouteTable(this, `app-rt-${azs[i]}`, { vpcId: vpc.id, tags: nameTag(`app-${azs[i].slice(-1)}`) });
      const nat = natGateways[natStrategy === "per-az" ? i : 0];
      new Route(this, `app-default-${azs[i]}`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
      new RouteTableAssociation(this, `app-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: table.id });
      return table;
    });
  }
}

/** Checks the strategy, the AZ count and the VPC range before anything is created; returns the parsed range. */
function validateNetworkProps(props: NetworkProps): NonNullable<ReturnType<typeof parseCidr>> {
  const { availabilityZones: azs, natStrategy } = props;
  requireOneOf("Network", "natStrategy", natStrategy, NAT_STRATEGIES);
  requireIntInRange("Network", "availabilityZones.length", azs.length, 2, MAX_AZS);
  const vpcRange = parseCidr(props.vpcCidr);
  if (!vpcRange || vpcRange.prefixLength < VPC_PREFIX_RANGE.min || vpcRange.prefixLength > VPC_PREFIX_RANGE.max) {
    throw new ConfigError(
      `Network: vpcCidr = "${props.vpcCidr}" must be an IPv4 network from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}.`,
    );
  }
  return vpcRange;
}
