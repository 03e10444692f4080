import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sealDirectory } from "./saved-plan";
import { decryptPlan, encryptPlan, ENCRYPTED_PLAN, PLAINTEXT_PLAN } from "./saved-plan-envelope";

const AAD = JSON.stringify({ purpose: "saved-plan", stack: "news-dev" });

describe("AES-256-GCM of the saved plan", () => {
  const key = randomBytes(32);
  const plan = Buffer.from("PK\u0003\u0004 a plan with auth_token = s3cr3t-value-in-clear");

  test("round trip; the ciphertext does not contain the plan", () => {
    const sealed = encryptPlan(plan, key, AAD);
    expect(sealed.includes("s3cr3t-value-in-clear")).toBe(false);
    expect(decryptPlan(sealed, key, AAD)).toEqual(plan);
  });

  test("a changed byte, another stack's context or another key does not decrypt", () => {
    const sealed = encryptPlan(plan, key, AAD);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => decryptPlan(flipped, key, AAD)).toThrow(/changed or made for another stack/);
    expect(() => decryptPlan(sealed, key, AAD.replace("news-dev", "news-prod"))).toThrow(/changed or made for another stack/);
    expect(() => decryptPlan(sealed, randomBytes(32), AAD)).toThrow(/changed or made for another stack/);
    expect(() => decryptPlan(Buffer.alloc(10), key, AAD)).toThrow(/too short/);
  });
});

test("seal refuses a directory still holding the JSON plan, before any KMS call", () => {
  const dir = mkdtempSync(join(tmpdir(), "saved-plan-leaky-"));
  try {
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ "//": { metadata: { stackName: "news-dev" } } }));
    writeFileSync(join(dir, PLAINTEXT_PLAN), "plan of news-dev: auth_token = s3cr3t-value-in-clear");
    writeFileSync(join(dir, "plan.json"), "{}");
    // No KMS endpoint is configured: reaching KMS would fail with another message.
    expect(() => sealDirectory(dir, { PATH: process.env.PATH })).toThrow("The plan directory holds a plaintext plan (plan.json)");
    expect(readdirSync(dir)).toContain(PLAINTEXT_PLAN);
    expect(readdirSync(dir)).not.toContain(ENCRYPTED_PLAN);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
