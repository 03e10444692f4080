import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "PRD-004",
  severity: "error",
  scope: "production",
  title: "Redis fails over across AZs",
  rationale: "With one node, a node failure empties the cache and takes its endpoint away.",
  fix: "Set cache.replicas ≥ 1 (failover and multi-AZ follow).",
};

export const PRD_004: Rule = perResource(metadata, ["aws_elasticache_replication_group"], (r) =>
  r.attrs.automatic_failover_enabled === true && r.attrs.multi_az_enabled === true
    ? undefined
    : "automatic failover and multi-AZ are not both on",
);
