import { asList, policyStatements } from "../../modules/iam/policy-document";
import type { SynthesizedStacks } from "./synthesize-ref";

/** What changed in one resource: attribute paths with their old and new values. */
export interface AttributeChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceDiff {
  readonly address: string;
  readonly action: "add" | "remove" | "change";
  readonly changes: AttributeChange[];
  /** Why a reviewer must look closely; empty when the change is routine. */
  readonly risks: string[];
}

export interface StackDiff {
  readonly stack: string;
  readonly status: "added" | "removed" | "changed";
  readonly resources: ResourceDiff[];
}

/** Resources holding data or identity: replacing or removing them loses something. */
const STATEFUL: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ["identifier", "engine", "db_subnet_group_name", "storage_encrypted", "kms_key_id", "username", "db_name"],
  aws_elasticache_replication_group: ["replication_group_id", "engine", "subnet_group_name", "at_rest_encryption_enabled", "kms_key_id"],
  aws_s3_bucket: ["bucket"],
  aws_kms_key: [],
  aws_ecr_repository: ["name", "encryption_configuration"],
  aws_secretsmanager_secret: ["name"],
  aws_lb: ["name", "internal", "load_balancer_type"],
  aws_cloudwatch_log_group: ["name"],
};

const DELETION_PROTECTION = ["deletion_protection", "enable_deletion_protection", "lifecycle.prevent_destroy"];
const ENCRYPTION = [
  "storage_encrypted",
  "kms_key_id",
  "kms_master_key_id",
  "at_rest_encryption_enabled",
  "transit_encryption_enabled",
  "encrypt",
  "kms_key_arn",
];
const OPEN = ["0.0.0.0/0", "::/0"];

/** Leaf values by dotted path (`a.0.b`), Terraform comments (`//`) left out. */
export function flatten(value: unknown, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value).filter(([k]) => k !== "//");
    if (entries.length === 0) out.set(prefix, value);
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else out.set(prefix, value);
  return out;
}

/** The Allow statements of a JSON policy, as "action on resource" pairs. */
function grants(policy: unknown): Set<string> {
  return new Set(
    policyStatements(policy)
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) =>
        asList<string>(s.Action).flatMap((a) =>
          asList<unknown>(s.Resource ?? s.Principal ?? "*").map((r) => `${a} on ${JSON.stringify(r)}`),
        ),
      ),
  );
}

const attributeRoot = (path: string) => path.split(".")[0];
const truthy = (v: unknown) => v === true || v === "true";

function risksOf(
  type: string,
  action: ResourceDiff["action"],
  before: Record<string, any> | undefined,
  after: Record<string, any> | undefined,
  changes: AttributeChange[],
): string[] {
  const risks: string[] = [];
  if (action === "remove" && type in STATEFUL) risks.push(`destroys a stateful ${type}`);
  if (action === "change" && type in STATEFUL) {
    const replacing = changes.filter((c) => STATEFUL[type].includes(attributeRoot(c.path)));
    if (replacing.length)
      risks.push(`replaces a stateful ${type} (${[...new Set(replacing.map((c) => attributeRoot(c.path)))].join(", ")} changed)`);
  }
  for (const c of changes) {
    if (DELETION_PROTECTION.includes(c.path) && truthy(c.before) && !truthy(c.after)) risks.push(`turns ${c.path} off`);
    if (
      ENCRYPTION.includes(c.path) &&
      (truthy(c.before) || (typeof c.before === "string" && c.before !== "")) &&
      (c.after === undefined || c.after === false || c.after === "false")
    )
      risks.push(`removes encryption (${c.path})`);
  }
  if (type === "aws_s3_bucket_server_side_encryption_configuration" && action === "remove")
    risks.push("removes a bucket's encryption configuration");
  const opens = (attrs?: Record<string, any>) =>
    [...flatten(attrs ?? {}).entries()].some(([path, v]) => /cidr/.test(path) && OPEN.includes(v as string));
  if (/security_group/.test(type) && /ingress/.test(type + JSON.stringify(after ?? {})) && opens(after) && !opens(before))
    risks.push("opens ingress to the internet (0.0.0.0/0 or ::/0)");
  if (type === "aws_iam_role_policy_attachment" && action !== "remove" && after?.policy_arn !== before?.policy_arn)
    risks.push(`attaches managed policy ${after?.policy_arn}`);
  for (const attr of ["policy", "assume_role_policy"]) {
    const granted = grants(before?.[attr]);
    const added = [...grants(after?.[attr])].filter((g) => !granted.has(g));
    if (added.length && (action === "change" || /iam/.test(type)))
      risks.push(`widens IAM (${attr}): ${added.slice(0, 3).join("; ")}${added.length > 3 ? `; +${added.length - 3} more` : ""}`);
  }
  return risks;
}

function resourcesOf(stack: Record<string, any> | undefined): Map<string, { type: string; attrs: Record<string, any> }> {
  const out = new Map<string, { type: string; attrs: Record<string, any> }>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {}))
    for (const [name, attrs] of Object.entries(byName as Record<string, any>)) out.set(`${type}.${name}`, { type, attrs });
  return out;
}

/** Resource-level differences between two syntheses, per stack, with the risky ones flagged. */
export function diffStacks(before: SynthesizedStacks, after: SynthesizedStacks): StackDiff[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const diffs: StackDiff[] = [];
  for (const id of ids) {
    const [old, neu] = [resourcesOf(before[id]), resourcesOf(after[id])];
    const resources: ResourceDiff[] = [];
    for (const address of [...new Set([...old.keys(), ...neu.keys()])].sort()) {
      const [a, b] = [old.get(address), neu.get(address)];
      const type = (a ?? b)!.type;
      const action = !a ? "add" : !b ? "remove" : "change";
      const [fa, fb] = [flatten(a?.attrs ?? {}), flatten(b?.attrs ?? {})];
      const changes = [...new Set([...fa.keys(), ...fb.keys()])]
        .filter((path) => JSON.stringify(fa.get(path)) !== JSON.stringify(fb.get(path)))
        .sort()
        .map((path) => ({ path, before: fa.get(path), after: fb.get(path) }));
      if (action === "change" && changes.length === 0) continue;
      resources.push({
        address,
        action,
        changes: action === "change" ? changes : [],
        risks: risksOf(type, action, a?.attrs, b?.attrs, changes),
      });
    }
    if (resources.length || !before[id] || !after[id])
      diffs.push({ stack: id, status: !before[id] ? "added" : !after[id] ? "removed" : "changed", resources });
  }
  return diffs;
}

export const riskyChanges = (diffs: readonly StackDiff[]) =>
  diffs.flatMap((d) => d.resources.filter((r) => r.risks.length > 0).map((r) => ({ stack: d.stack, ...r })));
