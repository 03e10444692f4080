import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { REDIS_PORT } from "../cache/cache";
import { POSTGRES_PORT } from "../database/database";
import { Naming } from "../naming";

export interface ServiceSecurityGroupsProps {
  readonly naming: Naming;
  readonly vpcId: string;
  /** Port the service's containers listen on; the only port the ALB may reach them on. */
  readonly containerPort: number;
  /**
   * PostgreSQL port.
   * @default 5432
   */
  readonly databasePort?: number;
  /**
   * Redis port.
   * @default 6379
   */
  readonly cachePort?: number;
}

/** Ids of the four groups of the service chain. */
export interface ServiceSecurityGroupIds {
  readonly alb: string;
  readonly app: string;
  readonly database: string;
  readonly cache: string;
}

const ANYWHERE_IPV4 = "0.0.0.0/0";

/**
 * The security-group chain ALB → app → database/cache, one rule per resource (each with a
 * description), so adding a rule never rewrites the others. Only the ALB accepts traffic from the
 * internet, on 80/443; every other hop names the group it trusts. Groups created by Terraform start
 * with no egress, so the database and cache groups can reach nothing.
 */
export class ServiceSecurityGroups extends Construct {
  public readonly ids: ServiceSecurityGroupIds;

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupsProps) {
    super(scope, id);
    const { naming, vpcId, containerPort } = props;
    const databasePort = props.databasePort ?? POSTGRES_PORT;
    const cachePort = props.cachePort ?? REDIS_PORT;

    const group = (key: string, description: string) =>
      new SecurityGroup(this, key, {
        // A prefix, not a name: a replacement is created before the old group goes, and EC2 refuses two groups of one name.
        namePrefix: naming.namePrefix(key, { maxLength: NAME_LIMITS.securityGroup }),
        description,
        vpcId,
        tags: { Name: naming.name(key, { maxLength: NAME_LIMITS.generic }) },
        lifecycle: { createBeforeDestroy: true },
      });
    const alb = group("alb", "Load balancer: HTTP/HTTPS from the internet");
    const app = group("app", "News API tasks: container port from the load balancer");
    const database = group("database", "PostgreSQL: from the news API tasks only");
    const cache = group("cache", "Redis: from the news API tasks only");

    type Peer = { cidrIpv4: string } | { referencedSecurityGroupId: string };
    const rule = (kind: "in" | "out", key: string, groupId: string, port: number, peer: Peer, description: string) => {
      const config = { securityGroupId: groupId, ipProtocol: "tcp", fromPort: port, toPort: port, description, ...peer };
      return kind === "in" ? new VpcSecurityGroupIngressRule(this, key, config) : new VpcSecurityGroupEgressRule(this, key, config);
    };

    rule(
      "in",
      "alb-in-http",
      alb.id,
      80,
      { cidrIpv4: ANYWHERE_IPV4 },
      "HTTP from the internet (redirected to HTTPS where a certificate exists)",
    );
    rule("in", "alb-in-https", alb.id, 443, { cidrIpv4: ANYWHERE_IPV4 }, "HTTPS from the internet");
    rule("out", "alb-out-app", alb.id, containerPort, { referencedSecurityGroupId: app.id }, "To the news API tasks");

    rule("in", "app-in-alb", app.id, containerPort, { referencedSecurityGroupId: alb.id }, "From the load balancer only");
    rule("out", "app-out-database", app.id, databasePort, { referencedSecurityGroupId: database.id }, "To PostgreSQL");
    rule("out", "app-out-cache", app.id, cachePort, { referencedSecurityGroupId: cache.id }, "To Redis");
    rule(
      "out",
      "app-out-https",
      app.id,
      443,
      { cidrIpv4: ANYWHERE_IPV4 },
      "HTTPS to AWS APIs (ECR, Secrets Manager, CloudWatch) and the news upstream",
    );

    rule("in", "database-in-app", database.id, databasePort, { referencedSecurityGroupId: app.id }, "PostgreSQL from the news API tasks");
    rule("in", "cache-in-app", cache.id, cachePort, { referencedSecurityGroupId: app.id }, "Redis from the news API tasks");

    this.ids = { alb: alb.id, app: app.id, database: database.id, cache: cache.id };
  }
}
