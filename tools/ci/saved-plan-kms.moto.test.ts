import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PYTHON_ENV } from "../rehearsal/prerequisites";
import { MotoServer, startMoto } from "../rehearsal/moto-server";
import { manifestDifferences, manifestOf, MANIFEST, sealDirectory } from "./saved-plan";
import { ENCRYPTED_PLAN, openPlanFile, PLAINTEXT_PLAN, WRAPPED_KEY } from "./saved-plan-envelope";

// The KMS half, through the aws CLI as the workflow runs it, against moto's KMS (as the rehearsal does);
// skipped where moto or the aws CLI is missing (`npm run rehearse` needs both).
const python = process.env[PYTHON_ENV] ?? "python3";
const available =
  spawnSync(python, ["-c", "import moto, flask"]).status === 0 && spawnSync("aws", ["--version"], { encoding: "utf8" }).status === 0;
const describeWithMoto = available ? describe : describe.skip;

describeWithMoto("saved-plan.ts seal / decrypt against moto's KMS", () => {
  let moto: MotoServer;
  let env: NodeJS.ProcessEnv;
  let work: string;

  const stack = (name: string, stackId: string) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const backend = { s3: { kms_key_id: "arn:aws:kms:us-east-1:123456789012:alias/news-tfstate", region: "us-east-1" } };
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ "//": { metadata: { stackName: stackId } }, terraform: { backend } }));
    writeFileSync(join(dir, PLAINTEXT_PLAN), `plan of ${stackId}: auth_token = s3cr3t-value-in-clear`);
    return dir;
  };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "saved-plan-kms-"));
    const faults = join(work, "faults");
    mkdirSync(faults);
    // moto as the rehearsal starts it (HTTPS with its own certificate, the newsstack extension).
    moto = await startMoto(python, work, join(work, "moto.log"), faults);
    env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_ENDPOINT_URL_KMS: moto.endpoint,
      AWS_CA_BUNDLE: moto.caFile,
    };
    delete env.AWS_PROFILE;
    // The state key and its alias, as news-state creates them.
    const kms = (...args: string[]) =>
      JSON.parse(execFileSync("aws", ["kms", ...args, "--output", "json"], { env, encoding: "utf8" }) || "{}");
    const keyId = kms("create-key").KeyMetadata.KeyId;
    kms("create-alias", "--alias-name", "alias/news-tfstate", "--target-key-id", keyId);
  }, 120000);

  afterAll(async () => {
    if (moto && moto.child.exitCode === null) await new Promise((resolve) => moto.child.once("exit", resolve).kill());
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("seal leaves only the encrypted plan and its wrapped key, sealed; decrypt gives back exactly the plan", () => {
    const dir = stack("dev", "news-dev");
    const plan = readFileSync(join(dir, PLAINTEXT_PLAN));
    expect(sealDirectory(dir, env)).toBe(
      "Saved plan of news-dev encrypted with a data key of arn:aws:kms:us-east-1:123456789012:alias/news-tfstate " +
        "and sealed in plan.sha256.",
    );
    expect(readdirSync(dir).sort()).toEqual(["cdk.tf.json", MANIFEST, ENCRYPTED_PLAN, WRAPPED_KEY].sort());
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes("s3cr3t-value-in-clear")).toBe(false);
    expect(manifestDifferences(readFileSync(join(dir, MANIFEST), "utf8"), manifestOf(dir))).toEqual([]);
    const out = join(work, "dev.tfplan");
    expect(openPlanFile(dir, out, env).stackId).toBe("news-dev");
    expect(readFileSync(out)).toEqual(plan);
  }, 60000);

  test("a plan sealed for one stack does not decrypt as another's: KMS refuses the other encryption context", () => {
    const dir = stack("staging", "news-staging");
    sealDirectory(dir, env);
    writeFileSync(join(dir, "cdk.tf.json"), readFileSync(join(dir, "cdk.tf.json"), "utf8").replace("news-staging", "news-prod"));
    expect(() => openPlanFile(dir, join(work, "staging.tfplan"), env)).toThrow(
      /^aws kms decrypt with .*"stack":"news-prod".*InvalidCiphertextException/,
    );
  }, 60000);
});
