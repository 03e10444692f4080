import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { requireDomainName, requireHostedZoneId } from "./dns-names";

/** What an alias points at: a load balancer's DNS name and its canonical hosted zone. */
export interface AliasTarget {
  readonly dnsName: string;
  readonly zoneId: string;
}

export interface AliasRecordProps {
  /** Route 53 hosted zone holding `name`. */
  readonly hostedZoneId: string;
  /** The record's name, e.g. "api.example.com". */
  readonly name: string;
  readonly target: AliasTarget;
  /**
   * Also an AAAA alias. Only useful when the target answers on IPv6 (a dual-stack load balancer);
   * for an IPv4-only one Route 53 would answer AAAA queries with no address.
   * @default false
   */
  readonly ipv6?: boolean;
}

/**
 * An alias A record (and AAAA when `ipv6`) from a name to a load balancer: no TTL to wait out when
 * the load balancer's addresses change, no charge for the queries, and the target's health is evaluated.
 */
export class AliasRecord extends Construct {
  public readonly records: Route53Record[];
  /** The name the records answer for. */
  public readonly fqdn: string;

  constructor(scope: Construct, id: string, props: AliasRecordProps) {
    super(scope, id);
    requireDomainName("AliasRecord", "name", props.name);
    requireHostedZoneId("AliasRecord", "hostedZoneId", props.hostedZoneId);
    const types = props.ipv6 ? ["A", "AAAA"] : ["A"];
    this.records = types.map(
      (type) =>
        new Route53Record(this, type.toLowerCase(), {
          zoneId: props.hostedZoneId,
          name: props.name,
          type,
          alias: { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: true },
        }),
    );
    this.fqdn = this.records[0].fqdn;
  }
}
