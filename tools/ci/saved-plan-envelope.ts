/**
 * The saved plan leaves the plan job encrypted: `tfplan` embeds prior state and planned values in clear
 * (e.g. the cache's auth_token, read from Secrets Manager), and the artifact is readable by anyone who
 * can read the repository's Actions. Envelope encryption with the state key, the key that already
 * encrypts the state these values come from: KMS GenerateDataKey (the plan role) gives a fresh AES-256
 * key and its KMS-wrapped copy; tfplan is encrypted with AES-256-GCM and only the ciphertext and the
 * wrapped key stay in the stack directory; the apply job's deploy role unwraps the key with KMS Decrypt.
 * Both calls carry the stack's saved-plan encryption context (modules/naming.ts), which the roles' key
 * grants require: a deploy role can open its own stack's plan only. KMS through the `aws` CLI.
 */
import { spawnSync } from "node:child_process";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { savedPlanEncryptionContext } from "../../modules/naming";

/** What `terraform plan -out` writes, and must never leave the plan job. */
export const PLAINTEXT_PLAN = "tfplan";
/** AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext. */
export const ENCRYPTED_PLAN = "tfplan.enc";
/** The data key as KMS wrapped it (CiphertextBlob, raw bytes: `fileb://` in both CLI majors). */
export const WRAPPED_KEY = "tfplan.key";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where the stack's state key lives, from its synthesized S3 backend (the key encrypting its state). */
export interface StateKeyOfStack {
  readonly stackId: string;
  /** `kms_key_id` of the backend: the alias ARN, or the key ARN for a stack deployed from another account. */
  readonly keyId: string;
  readonly region: string;
}

export function stateKeyOfStack(dir: string): StateKeyOfStack {
  const file = join(dir, "cdk.tf.json");
  const json = JSON.parse(readFileSync(file, "utf8"));
  const stackId = json?.["//"]?.metadata?.stackName;
  const backend = json?.terraform?.backend?.s3;
  if (typeof stackId !== "string" || typeof backend?.kms_key_id !== "string" || typeof backend?.region !== "string")
    throw new Error(`${file}: no stack name (//.metadata.stackName) or S3 backend with kms_key_id and region; is it a synthesized stack?`);
  return { stackId, keyId: backend.kms_key_id, region: backend.region };
}

/** AES-256-GCM with the encryption context as additional data, so a ciphertext opens only as its stack's. */
export function encryptPlan(plan: Buffer, dataKey: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plan), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the ciphertext, its tag or the additional data do not match. */
export function decryptPlan(sealed: Buffer, dataKey: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error(`${ENCRYPTED_PLAN} is too short to be an encrypted plan`);
  const decipher = createDecipheriv("aes-256-gcm", dataKey, sealed.subarray(0, IV_BYTES)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`${ENCRYPTED_PLAN} does not decrypt with its key and this stack's context: it was changed or made for another stack`);
  }
}

/** `aws kms <args>` as JSON; the answer (a plaintext data key) only ever goes through this pipe. */
function kms(args: readonly string[], key: StateKeyOfStack, env: NodeJS.ProcessEnv): Record<string, string> {
  const context = JSON.stringify(savedPlanEncryptionContext(key.stackId));
  const result = spawnSync("aws", ["kms", ...args, "--encryption-context", context, "--region", key.region, "--output", "json"], {
    encoding: "utf8",
    env: { ...env, AWS_PAGER: "" },
  });
  if (result.status !== 0)
    throw new Error(`aws kms ${args[0]} with ${key.keyId}, context ${context} failed: ${(result.stderr || String(result.error)).trim()}`);
  return JSON.parse(result.stdout);
}

/** Encrypts `<dir>/tfplan` into tfplan.enc + tfplan.key and deletes the plaintext; `env` is the aws CLI's (credentials, endpoint). */
export function sealPlanFile(dir: string, env: NodeJS.ProcessEnv = process.env): StateKeyOfStack {
  const key = stateKeyOfStack(dir);
  const answer = kms(["generate-data-key", "--key-id", key.keyId, "--key-spec", "AES_256"], key, env);
  const dataKey = Buffer.from(answer.Plaintext, "base64");
  try {
    const aad = JSON.stringify(savedPlanEncryptionContext(key.stackId));
    writeFileSync(join(dir, ENCRYPTED_PLAN), encryptPlan(readFileSync(join(dir, PLAINTEXT_PLAN)), dataKey, aad));
    writeFileSync(join(dir, WRAPPED_KEY), Buffer.from(answer.CiphertextBlob, "base64"));
  } finally {
    dataKey.fill(0);
  }
  rmSync(join(dir, PLAINTEXT_PLAN));
  return key;
}

/** Decrypts the stack directory's plan into `out` (outside the directory: the apply job's temp folder). */
export function openPlanFile(dir: string, out: string, env: NodeJS.ProcessEnv = process.env): StateKeyOfStack {
  const key = stateKeyOfStack(dir);
  // --key-id pins the state key: a data key wrapped by any other key is refused.
  const answer = kms(["decrypt", "--key-id", key.keyId, "--ciphertext-blob", `fileb://${join(dir, WRAPPED_KEY)}`], key, env);
  const dataKey = Buffer.from(answer.Plaintext, "base64");
  try {
    const aad = JSON.stringify(savedPlanEncryptionContext(key.stackId));
    writeFileSync(out, decryptPlan(readFileSync(join(dir, ENCRYPTED_PLAN)), dataKey, aad), { mode: 0o600 });
  } finally {
    dataKey.fill(0);
  }
  return key;
}
