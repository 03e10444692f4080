/**
 * `npm run iam:readonly-excerpt`: rewrites modules/iam/readonly-access-excerpt.json, the actions of
 * AWS's managed policy `ReadOnlyAccess` for the services the refresh table (modules/iam/refresh-reads.ts)
 * reads from. Source: the managed-policy documents moto ships (moto/iam/aws_managed_policies.py,
 * imported from AWS), read with the image's Python; unit tests then read only the JSON.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { refreshServices } from "../../modules/iam/refresh-reads";

export const EXCERPT_PATH = join(__dirname, "..", "..", "modules", "iam", "readonly-access-excerpt.json");
/** ViewOnlyAccess (lists and metadata, no data reads): what the PR plan role has attached. */
export const VIEW_ONLY_EXCERPT_PATH = join(__dirname, "..", "..", "modules", "iam", "viewonly-access-excerpt.json");

interface ManagedPolicy {
  readonly DefaultVersionId: string;
  readonly UpdateDate: string;
  readonly Document: { readonly Statement: readonly { Effect: string; Action: string | string[] }[] };
}

export interface ReadOnlyAccessExcerpt {
  readonly policyArn: string;
  readonly policyVersion: string;
  readonly policyUpdated: string;
  readonly source: string;
  readonly extracted: string;
  readonly services: readonly string[];
  readonly actions: readonly string[];
}

/** The Allow actions of `policy` whose service is one of `services`, sorted and unique. */
export function excerptActions(policy: ManagedPolicy, services: readonly string[]): string[] {
  const wanted = new Set(services);
  const actions = policy.Document.Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
  return [...new Set(actions.filter((a) => wanted.has(a.split(":")[0])))].sort();
}

const PYTHON = `
import json, moto, os
from moto.iam.aws_managed_policies import aws_managed_policies_data
print(json.dumps({"moto": moto.__version__, "file": os.path.join(os.path.dirname(moto.__file__), "iam", "aws_managed_policies.py"),
                  "policies": {name: json.loads(aws_managed_policies_data)[name] for name in ["ReadOnlyAccess", "ViewOnlyAccess"]}}))
`;

if (require.main === module) {
  const { moto, policies } = JSON.parse(execFileSync("python3", ["-c", PYTHON], { encoding: "utf8" })) as {
    moto: string;
    policies: Record<string, ManagedPolicy>;
  };
  const services = refreshServices();
  // ViewOnlyAccess is one of AWS's job-function policies, under that path.
  for (const [name, arn, path] of [
    ["ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", EXCERPT_PATH],
    ["ViewOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", VIEW_ONLY_EXCERPT_PATH],
  ]) {
    const policy = policies[name];
    const excerpt: ReadOnlyAccessExcerpt = {
      policyArn: arn,
      policyVersion: policy.DefaultVersionId,
      policyUpdated: policy.UpdateDate,
      source: `moto ${moto}, moto/iam/aws_managed_policies.py (AWS managed policy documents); regenerate: npm run iam:readonly-excerpt`,
      extracted: new Date().toISOString().slice(0, 10),
      services,
      actions: excerptActions(policy, services),
    };
    writeFileSync(path, `${JSON.stringify(excerpt, null, 2)}\n`);
    console.log(`${path}: ${excerpt.actions.length} actions of ${name} ${excerpt.policyVersion} for ${services.length} services`);
  }
}
