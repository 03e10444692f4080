/**
 * What the deploy's plan job uploads, checked on moto: the stack directory as actions/upload-artifact
 * takes it (hidden files stay behind) must hold no plaintext plan (tfplan, plan.json) and none of the
 * secret values Terraform read — each looked for as it is and JSON-escaped, in every file and inside
 * every zip (a plan file is one). The same values must be in the job's own plan.json, or the check
 * proved nothing.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { unzipSync } from "fflate";
import { PLAN_JSON } from "../ci/saved-plan";
import { PLAINTEXT_PLAN } from "../ci/saved-plan-envelope";

/** A secret value from Secrets Manager: the secret's name and the string to look for. */
export interface KnownSecret {
  readonly name: string;
  readonly value: string;
}

export interface UploadObservation {
  /** Files actions/upload-artifact would take (relative paths). */
  readonly files: readonly string[];
  /** Of those, plaintext plans by name. */
  readonly plaintext: readonly string[];
  readonly secretsKnown: number;
  /** Known secret values that the job's plan.json holds (what the encryption must keep in). */
  readonly secretsInJobPlan: number;
  /** `<secret name> in <file>` for every known value found in an uploaded file. */
  readonly leaks: readonly string[];
}

/** Shorter strings could match by chance; generated secrets are far longer. */
const MIN_SECRET_LENGTH = 12;

/** Every string worth looking for in one secret: the whole SecretString and, for a JSON object, each string field. */
export function secretValues(name: string, secretString: string): KnownSecret[] {
  const values = [secretString];
  try {
    const parsed: unknown = JSON.parse(secretString);
    if (parsed && typeof parsed === "object")
      values.push(...Object.values(parsed as Record<string, unknown>).filter((v): v is string => typeof v === "string"));
  } catch {
    // not JSON: the whole string is the value
  }
  return [...new Set(values)].filter((value) => value.length >= MIN_SECRET_LENGTH).map((value) => ({ name, value }));
}

/** Files under `dir` that upload-artifact uploads by default: no hidden files or folders. */
export function uploadedFiles(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .filter((entry) => !entry.startsWith("."))
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? uploadedFiles(path, root) : [relative(root, path)];
    });
}

/** A file's bytes and, when it is a zip, each entry's. */
function contentsOf(bytes: Uint8Array): Uint8Array[] {
  const zip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zip) return [bytes];
  try {
    return [bytes, ...Object.values(unzipSync(bytes))];
  } catch {
    return [bytes];
  }
}

const holds = (haystack: Uint8Array, secret: KnownSecret) => {
  const text = Buffer.from(haystack);
  return text.includes(secret.value) || text.includes(JSON.stringify(secret.value).slice(1, -1));
};

export function observeUpload(dir: string, jobPlanJson: string, secrets: readonly KnownSecret[]): UploadObservation {
  const files = uploadedFiles(dir).sort();
  const jobPlan = readFileSync(jobPlanJson);
  const leaks = files.flatMap((file) => {
    const parts = contentsOf(readFileSync(join(dir, file)));
    return secrets.filter((secret) => parts.some((part) => holds(part, secret))).map((secret) => `${secret.name} in ${file}`);
  });
  return {
    files,
    plaintext: files.filter((file) => [PLAINTEXT_PLAN, PLAN_JSON].includes(basename(file))),
    secretsKnown: secrets.length,
    secretsInJobPlan: secrets.filter((secret) => holds(jobPlan, secret)).length,
    leaks: [...new Set(leaks)],
  };
}

/** Every secret value in (emulated) Secrets Manager, through the AWS CLI with the rehearsal's environment. */
export function secretsInSecretsManager(env: NodeJS.ProcessEnv, region: string): KnownSecret[] {
  const aws = (...args: string[]) => {
    const result = spawnSync("aws", ["secretsmanager", ...args, "--region", region, "--output", "json"], {
      env: { ...env, AWS_PAGER: "" },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`aws secretsmanager ${args[0]} failed: ${result.stderr || result.error}`);
    return JSON.parse(result.stdout);
  };
  const listed: { Name: string; ARN: string }[] = aws("list-secrets").SecretList ?? [];
  return listed.flatMap((secret) => {
    let answer: { SecretString?: unknown };
    try {
      answer = aws("get-secret-value", "--secret-id", secret.ARN);
    } catch {
      return []; // a secret without a value yet holds nothing to leak
    }
    return typeof answer.SecretString === "string" ? secretValues(secret.Name, answer.SecretString) : [];
  });
}
