import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { cacheGroupProblems, cacheSubnetProblems } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-012",
  severity: "error",
  scope: "all",
  title: "The cache is not reachable from outside the VPC",
  rationale:
    "ElastiCache has no authentication beyond AUTH; it belongs in subnets with no internet route, " +
    "behind groups that admit only other groups.",
  fix: "Use the data subnets' subnet group and the cache security group, whose ingress names the app's group (Cache and Network do).",
};

export const SEC_012: Rule = perResource(metadata, ["aws_elasticache_replication_group"], (r, stack) => [
  ...cacheGroupProblems(r, stack),
  ...cacheSubnetProblems(r, stack),
]);
