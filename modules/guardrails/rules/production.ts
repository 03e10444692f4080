import { perResource, Rule } from "../rule";

const prd = (id: string, title: string, rationale: string, fix: string) => ({ id, severity: "error" as const, scope: "production" as const, title, rationale, fix });

/** Rules for production-tier environments only (`tier: "production"` in environments/). */
export const PRODUCTION_RULES: Rule[] = [
  perResource(prd("PRD-001", "Load balancers have deletion protection", "Deleting the ALB takes the API's address with it.", "Set loadBalancer.deletionProtection: true."), ["aws_lb"], (r) =>
    r.attrs.enable_deletion_protection === true ? undefined : "enable_deletion_protection is not true",
  ),
  perResource(prd("PRD-002", "Databases have deletion protection", "A destroy or a mistaken replacement would drop the data.", "Set database.deletionProtection: true."), ["aws_db_instance"], (r) =>
    r.attrs.deletion_protection === true ? undefined : "deletion_protection is not true",
  ),
  perResource(prd("PRD-003", "Databases are multi-AZ", "A single-AZ database is down for the length of an AZ or instance failure.", "Set database.multiAz: true."), ["aws_db_instance"], (r) =>
    r.attrs.multi_az === true ? undefined : "multi_az is not true",
  ),
  perResource(prd("PRD-004", "Redis fails over across AZs", "With one node, a node failure empties the cache and takes its endpoint away.", "Set cache.replicas ≥ 1 (failover and multi-AZ follow)."), ["aws_elasticache_replication_group"], (r) =>
    r.attrs.automatic_failover_enabled === true && r.attrs.multi_az_enabled === true ? undefined : "automatic failover and multi-AZ are not both on",
  ),
  perResource(prd("PRD-005", "Backups are kept at least 7 days", "A problem noticed after a weekend must still be recoverable.", "Set database.backupRetentionDays ≥ 7."), ["aws_db_instance"], (r) =>
    Number(r.attrs.backup_retention_period) >= 7 ? undefined : `backup_retention_period is ${r.attrs.backup_retention_period}`,
  ),
  {
    ...prd("PRD-006", "Internet-facing load balancers have a WAF", "Managed rule sets and rate limits stop the commodity attacks and floods first.", "Set waf.enabled: true."),
    check: (stack) =>
      stack
        .ofType("aws_lb")
        .filter((lb) => lb.attrs.internal !== true)
        .filter((lb) => !stack.ofType("aws_wafv2_web_acl_association").some((a) => stack.refersTo(a.attrs.resource_arn, lb)))
        .map((lb) => ({ path: lb.path, message: "no WAF web ACL is associated with this load balancer" })),
  },
];
