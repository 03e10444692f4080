import { asList as list, policyStatements as statements } from "../../iam/policy-document";
import { WILDCARD_RESOURCE_ACTIONS } from "../../iam/wildcard-allowlist";
import { perResource, ResourceView, Rule, StackView } from "../rule";

const sec = (id: string, title: string, rationale: string, fix: string) => ({ id, severity: "error" as const, scope: "all" as const, title, rationale, fix });

/** Buckets with no companion resource of `type` referring to them (passing `accept`). */
function bucketsWithout(stack: StackView, type: string, accept: (r: ResourceView) => boolean = () => true) {
  const companions = stack.ofType(type).filter(accept);
  return stack.ofType("aws_s3_bucket").filter((bucket) => !companions.some((c) => stack.refersTo(c.attrs.bucket, bucket)));
}

const bucketRule = (meta: Omit<Rule, "check">, type: string, accept?: (r: ResourceView) => boolean, what?: string): Rule => ({
  ...meta,
  check: (stack) => bucketsWithout(stack, type, accept).map((b) => ({ path: b.path, message: `bucket ${b.attrs.bucket ?? b.name} has no ${what ?? type}` })),
});

/** One database user on one instance: `dbuser:<resource id>/<user>`, no wildcard anywhere (references are fine). */
const ONE_DATABASE_USER = /^arn:aws[a-z-]*:rds-db:[^:*]+:[^:*]+:dbuser:[^/*]+\/[^*/]+$/;
/** A permissions boundary caps every instance of an environment, so it names the user only. */
const NAMED_DATABASE_USER = /^arn:aws[a-z-]*:rds-db:[^:]+:[^:*]+:dbuser:[^/]+\/[^*/]+$/;
const isBoundary = (r: ResourceView) => r.type === "aws_iam_policy" && r.attrs.tags?.PermissionsBoundary === "true";

/** Security groups of a cache: defined in this stack, with ingress only from other security groups. */
function cacheGroupProblems(cache: ResourceView, stack: StackView): string[] {
  const ids = list(cache.attrs.security_group_ids);
  if (ids.length === 0) return ["no security group: the default group applies"];
  return ids.flatMap((id: unknown) => {
    const group = stack.ofType("aws_security_group").find((g) => stack.refersTo(id, g));
    if (!group) return [`security group ${id} is not defined in this stack, so its ingress cannot be checked`];
    const rules = stack.ofType("aws_vpc_security_group_ingress_rule").filter((rule) => stack.refersTo(rule.attrs.security_group_id, group));
    const fromAddresses = rules.filter((rule) => rule.attrs.cidr_ipv4 || rule.attrs.cidr_ipv6 || rule.attrs.prefix_list_id).map((rule) => `ingress ${rule.name} admits ${rule.attrs.cidr_ipv4 ?? rule.attrs.cidr_ipv6 ?? rule.attrs.prefix_list_id}`);
    const inline = (group.attrs.ingress ?? []).filter((rule: any) => [...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks), ...list(rule.prefix_list_ids)].length > 0).map(() => `security group ${group.name} has inline ingress from addresses`);
    return [...fromAddresses, ...inline];
  });
}

/** Subnets of a cache: its subnet group's, none public or routed to an internet gateway. */
function cacheSubnetProblems(cache: ResourceView, stack: StackView): string[] {
  const group = stack.ofType("aws_elasticache_subnet_group").find((g) => stack.refersTo(cache.attrs.subnet_group_name, g));
  if (!group) return ["no subnet group of this stack: the default VPC's (public) subnets apply"];
  const gateways = stack.ofType("aws_internet_gateway");
  const routedOut = (table: ResourceView) =>
    stack.ofType("aws_route").some((route) => stack.refersTo(route.attrs.route_table_id, table) && gateways.some((igw) => stack.refersTo(route.attrs.gateway_id, igw))) ||
    list(table.attrs.route).some((route: any) => gateways.some((igw) => stack.refersTo(route.gateway_id, igw)));
  return list(group.attrs.subnet_ids).flatMap((id: unknown) => {
    const subnet = stack.ofType("aws_subnet").find((s) => stack.refersTo(id, s));
    if (!subnet) return [`subnet ${id} is not defined in this stack, so its routes cannot be checked`];
    const tables = stack.ofType("aws_route_table_association").filter((a) => stack.refersTo(a.attrs.subnet_id, subnet)).flatMap((a) => stack.ofType("aws_route_table").filter((t) => stack.refersTo(a.attrs.route_table_id, t)));
    return [
      ...(subnet.attrs.map_public_ip_on_launch === true ? [`subnet ${subnet.name} gives public addresses`] : []),
      ...(tables.some(routedOut) ? [`subnet ${subnet.name} routes to an internet gateway`] : []),
    ];
  });
}

const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get|BatchGet|Head|Search|Lookup|Scan|Query|Select|View)/i; // View: budgets:ViewBudget reads
const IAM_POLICY_TYPES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

export const SECURITY_RULES: Rule[] = [
  bucketRule(sec("SEC-001", "S3 buckets are encrypted at rest", "Unencrypted objects are readable by anyone who gets the disks or a misrouted copy.", "Create the bucket with modules/s3/private-bucket.ts (SSE-KMS, or SSE-S3 where the writer requires it)."), "aws_s3_bucket_server_side_encryption_configuration", undefined, "server-side encryption configuration"),
  bucketRule(
    sec("SEC-002", "S3 buckets block all public access", "One public ACL or policy publishes the bucket to the internet.", "Add an aws_s3_bucket_public_access_block with all four settings true (PrivateBucket does)."),
    "aws_s3_bucket_public_access_block",
    (r) => ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((k) => r.attrs[k] === true),
    "public access block with all four settings on",
  ),
  bucketRule(
    sec("SEC-003", "S3 buckets refuse plain HTTP", "Without a TLS-only policy, clients may read and write over unencrypted connections.", "Attach the policy from modules/s3/tls-only-bucket-policy.ts."),
    "aws_s3_bucket_policy",
    (r) => statements(r.attrs.policy).some((s) => s.Effect === "Deny" && JSON.stringify(s.Condition ?? {}).includes('"aws:SecureTransport":"false"')),
    "policy denying aws:SecureTransport=false",
  ),
  perResource(sec("SEC-004", "RDS storage is encrypted and the instance is not public", "Database files and snapshots hold every article and credential hash.", "Set storage_encrypted = true with the environment key, publicly_accessible = false."), ["aws_db_instance"], (r) => [
    ...(r.attrs.storage_encrypted === true ? [] : ["storage_encrypted is not true"]),
    ...(r.attrs.publicly_accessible === true ? ["publicly_accessible is true"] : []),
  ]),
  perResource(sec("SEC-005", "PostgreSQL forces TLS", "RDS accepts plain-text connections unless rds.force_ssl is 1.", "Set the parameter rds.force_ssl = 1 in the instance's parameter group."), ["aws_db_instance"], (r, stack) => {
    const group = stack.ofType("aws_db_parameter_group").find((g) => stack.refersTo(r.attrs.parameter_group_name, g));
    const forced = (group?.attrs.parameter ?? []).some((p: any) => p.name === "rds.force_ssl" && String(p.value) === "1");
    return forced ? undefined : "its parameter group does not set rds.force_ssl = 1";
  }),
  perResource(sec("SEC-006", "Redis is encrypted at rest with a customer KMS key and in transit with TLS required", "Cached responses and the AUTH token cross the network and sit on disk in snapshots; transit mode \"preferred\" still accepts plain-text clients.", "Set at_rest_encryption_enabled, kms_key_id (the environment key), transit_encryption_enabled and transit_encryption_mode = \"required\"."), ["aws_elasticache_replication_group"], (r) => [
    ...(String(r.attrs.at_rest_encryption_enabled) === "true" ? [] : ["at_rest_encryption_enabled is not true"]),
    ...(r.attrs.kms_key_id ? [] : ["no kms_key_id: at-rest encryption uses the AWS-owned key"]),
    ...(r.attrs.transit_encryption_enabled === true ? [] : ["transit_encryption_enabled is not true"]),
    ...(r.attrs.transit_encryption_mode === "required" ? [] : [`transit_encryption_mode is ${r.attrs.transit_encryption_mode ?? "unset"}, not required`]),
  ]),
  perResource(sec("SEC-007", "Log groups are KMS-encrypted and expire", "Logs hold request details; kept forever they cost more every month.", "Create log groups with modules/logs/encrypted-log-group.ts (retention and key are required props)."), ["aws_cloudwatch_log_group"], (r) => [
    ...(r.attrs.kms_key_id ? [] : ["no kms_key_id"]),
    ...(Number(r.attrs.retention_in_days) > 0 ? [] : ["no retention_in_days (kept forever)"]),
  ]),
  perResource(sec("SEC-008", "SNS topics are KMS-encrypted", "Alarm messages name resources and thresholds.", "Set kms_master_key_id (AlertTopic does)."), ["aws_sns_topic"], (r) => (r.attrs.kms_master_key_id ? undefined : "no kms_master_key_id")),
  perResource(sec("SEC-009", "ECR repositories: immutable tags, scan on push, KMS", "A mutable tag lets a deploy run code nobody reviewed; unscanned images ship known CVEs.", "Use modules/registry/registry.ts."), ["aws_ecr_repository"], (r) => [
    ...(r.attrs.image_tag_mutability === "IMMUTABLE" ? [] : ["image_tag_mutability is not IMMUTABLE"]),
    ...((r.attrs.image_scanning_configuration?.scan_on_push ?? r.attrs.image_scanning_configuration?.[0]?.scan_on_push) === true ? [] : ["scan_on_push is not on"]),
    ...(JSON.stringify(r.attrs.encryption_configuration ?? "").includes("KMS") ? [] : ["not encrypted with KMS"]),
  ]),
  perResource(sec("SEC-010", "Secrets use the environment's KMS key", "The AWS-managed key cannot be restricted by key policy or shared deliberately.", "Set kms_key_id (GeneratedSecret does)."), ["aws_secretsmanager_secret"], (r) => (r.attrs.kms_key_id ? undefined : "no kms_key_id")),
  {
    ...sec("SEC-011", "No ingress from the internet except the ALB on 80/443", "Anything else reachable from 0.0.0.0/0 or ::/0 is an attack surface (SSH, databases).", "Reference the ALB's security group instead of a CIDR, or restrict the CIDR."),
    check: (stack) => {
      const albGroups = stack.ofType("aws_lb").flatMap((lb) => list(lb.attrs.security_groups));
      const open = (cidr: unknown) => cidr === "0.0.0.0/0" || cidr === "::/0";
      const findings = stack.ofType("aws_vpc_security_group_ingress_rule")
        .filter((r) => open(r.attrs.cidr_ipv4) || open(r.attrs.cidr_ipv6))
        .filter((r) => !(albGroups.includes(r.attrs.security_group_id) && r.attrs.from_port === r.attrs.to_port && [80, 443].includes(r.attrs.from_port) && r.attrs.ip_protocol === "tcp"))
        .map((r) => ({ path: r.path, message: `ingress from ${r.attrs.cidr_ipv4 ?? r.attrs.cidr_ipv6} on ${r.attrs.ip_protocol} ${r.attrs.from_port}-${r.attrs.to_port} to a group that is not the ALB's on 80/443` }));
      for (const group of stack.ofType("aws_security_group")) {
        for (const rule of group.attrs.ingress ?? []) {
          if ([...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks)].some(open)) findings.push({ path: group.path, message: `inline ingress from the internet on ports ${rule.from_port}-${rule.to_port}` });
        }
      }
      return findings;
    },
  },
  perResource(
    sec("SEC-012", "The cache is not reachable from outside the VPC", "ElastiCache has no authentication beyond AUTH; it belongs in subnets with no internet route, behind groups that admit only other groups.", "Use the data subnets' subnet group and the cache security group, whose ingress names the app's group (Cache and Network do)."),
    ["aws_elasticache_replication_group"],
    (r, stack) => [...cacheGroupProblems(r, stack), ...cacheSubnetProblems(r, stack)],
  ),
  perResource(sec("SEC-013", "IAM policies grant no `*` actions", "`s3:*` or `*` grants actions nobody reviewed, including future ones.", "List the actions the role needs."), [...IAM_POLICY_TYPES, "aws_iam_role"], (r) =>
    statements(r.attrs.policy ?? r.attrs.inline_policy?.policy)
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) => list(s.Action).filter((a) => a === "*" || a.endsWith(":*")).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a}`)),
  ),
  perResource(sec("SEC-014", "Write actions are scoped to resources", "A write action on Resource \"*\" reaches every resource of its kind in the account.", `Scope the statement to ARNs, or add the action to WILDCARD_RESOURCE_ACTIONS (modules/iam/wildcard-allowlist.ts) with the reason AWS offers no resource-level permission.`), IAM_POLICY_TYPES, (r) =>
    statements(r.attrs.policy)
      .filter((s) => s.Effect === "Allow" && list(s.Resource).includes("*"))
      .flatMap((s) => list(s.Action).filter((a) => !READ_ONLY.test(a) && !(a in WILDCARD_RESOURCE_ACTIONS)).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a} on "*"`)),
  ),
  {
    ...sec("SEC-015", "Every resource is tagged for ownership and cost", "Untagged resources cannot be attributed to a team, an environment or a budget.", "Create the stack's AWS providers with stacks/aws-provider.ts (default tags Project, Environment, ManagedBy, CostCenter, Repository)."),
    check: (stack) =>
      (stack.providers.aws ?? []).flatMap((provider) => {
        const tags = provider.default_tags?.[0]?.tags ?? provider.default_tags?.tags ?? {};
        const missing = ["Project", "Environment", "ManagedBy", "CostCenter", "Repository"].filter((k) => !tags[k]);
        return missing.length ? [{ path: `${stack.stackName}/provider${provider.alias ? ` ${provider.alias}` : ""}`, message: `default_tags lack ${missing.join(", ")}` }] : [];
      }),
  },
  perResource(sec("SEC-016", "KMS keys rotate yearly", "Rotation limits how much data one key version protects.", "Set enable_key_rotation = true (EnvironmentKey does)."), ["aws_kms_key"], (r) => (r.attrs.enable_key_rotation === true ? undefined : "enable_key_rotation is not true")),
  perResource(sec("SEC-019", "IAM database logins name one user on one instance", "rds-db:connect on `dbuser:*/*` (or `<instance>/*`) lets the role log in as any IAM-enabled user, the admin's break-glass roles included.", "Grant `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>` (Database.appConnectArn)."), IAM_POLICY_TYPES, (r) =>
    statements(r.attrs.policy)
      .filter((s) => s.Effect === "Allow" && list(s.Action).some((a) => a.toLowerCase() === "rds-db:connect"))
      .flatMap((s) => list(s.Resource).filter((arn) => !(isBoundary(r) ? NAMED_DATABASE_USER : ONE_DATABASE_USER).test(arn)).map((arn) => `statement ${s.Sid ?? "(no Sid)"} allows rds-db:connect on ${arn}`)),
  ),
  perResource(
    { ...sec("SEC-017", "Load balancers drop invalid HTTP headers", "Malformed headers are a request-smuggling vector between the ALB and the service.", "Set drop_invalid_header_fields = true."), severity: "warning" },
    ["aws_lb"],
    (r) => (r.attrs.load_balancer_type === "network" || r.attrs.drop_invalid_header_fields === true ? undefined : "drop_invalid_header_fields is not true"),
  ),
];

