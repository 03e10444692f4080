import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { observeUpload, secretValues } from "./saved-plan-upload";

const TOKEN = 'Rk9vYmFyLXRva2VuLTQ4LWNoYXJz"quoted';

describe("the rehearsal's look at what the plan job uploads", () => {
  let dir: string;
  let jobPlan: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "upload-"));
    mkdirSync(join(dir, "stack", ".terraform"), { recursive: true });
    writeFileSync(join(dir, "stack", "cdk.tf.json"), "{}");
    writeFileSync(join(dir, "stack", "tfplan.enc"), "ciphertext");
    // Hidden files stay behind (upload-artifact's default), so a provider cache there is not an upload.
    writeFileSync(join(dir, "stack", ".terraform", "terraform.tfstate"), TOKEN);
    jobPlan = join(dir, "plan.json");
    writeFileSync(jobPlan, JSON.stringify({ after: { auth_token: TOKEN } }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const secrets = [
    ...secretValues("news/dev/cache-auth", JSON.stringify({ token: TOKEN, user: "default" })),
    ...secretValues("short", "abc"),
  ];

  test("secret values: the SecretString and each long string field of a JSON one", () => {
    expect(secrets.map((s) => s.value)).toEqual([JSON.stringify({ token: TOKEN, user: "default" }), TOKEN]);
  });

  test("a clean upload: no plaintext plan, no secret, and the job's plan.json holds the token (JSON-escaped)", () => {
    expect(observeUpload(join(dir, "stack"), jobPlan, secrets)).toEqual({
      files: ["cdk.tf.json", "tfplan.enc"],
      plaintext: [],
      secretsKnown: 2,
      secretsInJobPlan: 1,
      leaks: [],
    });
  });

  test("a plaintext plan is named, and the token is found inside it although the plan file is a compressed zip", () => {
    const plan = zipSync({ tfplan: new TextEncoder().encode(`auth_token = ${TOKEN}`.repeat(20)) }, { level: 9 });
    expect(Buffer.from(plan).includes(TOKEN)).toBe(false);
    writeFileSync(join(dir, "stack", "tfplan"), plan);
    mkdirSync(join(dir, "stack", "assets"));
    writeFileSync(join(dir, "stack", "assets", "plan.json"), JSON.stringify({ value: TOKEN }));
    const seen = observeUpload(join(dir, "stack"), jobPlan, secrets);
    expect(seen.plaintext).toEqual(["assets/plan.json", "tfplan"]);
    expect(seen.leaks).toEqual(["news/dev/cache-auth in assets/plan.json", "news/dev/cache-auth in tfplan"]);
  });
});
