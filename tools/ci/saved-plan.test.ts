import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { explainApplyFailure, MANIFEST, manifestDifferences, manifestOf } from "./saved-plan";

describe("the saved plan's manifest", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "saved-plan-"));
    writeFileSync(join(dir, "cdk.tf.json"), '{"resource":{}}');
    writeFileSync(join(dir, "tfplan"), "plan bytes");
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "assets", "a.txt"), "asset");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("lists every file with its SHA-256, sorted, like sha256sum", () => {
    const lines = manifestOf(dir).trim().split("\n");
    expect(lines.map((l) => l.slice(66))).toEqual(["assets/a.txt", "cdk.tf.json", "tfplan"]);
    expect(lines[2]).toMatch(/^[0-9a-f]{64} {2}tfplan$/);
  });

  test("matches itself; what terraform init adds later is not sealed", () => {
    const sealed = manifestOf(dir);
    mkdirSync(join(dir, ".terraform"));
    writeFileSync(join(dir, ".terraform", "x"), "provider");
    writeFileSync(join(dir, ".terraform.lock.hcl"), "lock");
    writeFileSync(join(dir, "plan.sha256"), sealed);
    expect(manifestDifferences(sealed, manifestOf(dir))).toEqual([]);
  });

  test("a changed plan, a missing file or an added file is reported", () => {
    const sealed = manifestOf(dir);
    writeFileSync(join(dir, "tfplan"), "another plan");
    rmSync(join(dir, "assets", "a.txt"));
    writeFileSync(join(dir, "extra.tf.json"), "{}");
    expect(manifestDifferences(sealed, manifestOf(dir)).sort()).toEqual([
      "changed: tfplan",
      "missing: assets/a.txt",
      "not in the reviewed plan: extra.tf.json",
    ]);
  });
});

describe("a refused apply", () => {
  test("Terraform's stale-plan error (recorded from Terraform 1.11) gets the reason and how to re-run", () => {
    const log = readFileSync(join(__dirname, "fixtures", "terraform", "apply-stale-plan.txt"), "utf8");
    const message = explainApplyFailure(log, "prod");
    expect(message).toMatch(/saved plan of prod is stale/);
    expect(message).toMatch(/nothing was changed/);
    expect(message).toMatch(/Re-run failed jobs/);
  });

  test("any other failure is left to Terraform's own message", () => {
    expect(explainApplyFailure("Error: creating ECS Service: AccessDeniedException", "prod")).toBeUndefined();
  });
});

describe("saved-plan.sh, the commands the deploy workflow and the rehearsal run", () => {
  const script = join(__dirname, "saved-plan.sh");
  const run = (...args: string[]) => spawnSync("bash", [script, ...args], { encoding: "utf8" });
  let dir: string;
  // What the plan job seals: the encrypted plan and its wrapped key, never tfplan itself.
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "saved-plan-sh-"));
    writeFileSync(join(dir, "cdk.tf.json"), '{"resource":{}}');
    writeFileSync(join(dir, "tfplan.enc"), "encrypted plan bytes");
    writeFileSync(join(dir, "tfplan.key"), "wrapped key");
    writeFileSync(join(dir, MANIFEST), manifestOf(dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("verify passes on the sealed directory and stops on a changed plan, naming the file", () => {
    expect(run("verify", dir)).toMatchObject({ status: 0, stdout: expect.stringContaining("Plan artifact verified: 3 files") });
    writeFileSync(join(dir, "tfplan.enc"), "another plan");
    const tampered = run("verify", dir);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(
      "::error::The plan artifact does not match what was planned and reviewed; not applying.\nchanged: tfplan.enc",
    );
  }, 60000);

  test("apply of a tampered directory stops at verify, before terraform runs", () => {
    writeFileSync(join(dir, "extra.tf.json"), "{}");
    const applied = run("apply", dir);
    expect(applied.status).toBe(1);
    expect(applied.stderr).toContain("not in the reviewed plan: extra.tf.json");
    expect(applied.stdout).not.toMatch(/Terraform|Initializing/);
  }, 60000);

  test("a plaintext plan (tfplan, any plan.json), even one the manifest lists, is refused by verify and apply before terraform", () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "assets", "plan.json"), "plan with secrets in clear");
    writeFileSync(join(dir, "tfplan"), "plan with secrets in clear");
    writeFileSync(join(dir, MANIFEST), manifestOf(dir));
    const verified = run("verify", dir);
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain(
      "::error::The plan directory holds a plaintext plan (assets/plan.json, tfplan), which carries sensitive values",
    );
    rmSync(join(dir, "assets", "plan.json"));
    writeFileSync(join(dir, MANIFEST), manifestOf(dir));
    const applied = run("apply", dir);
    expect(applied.status).toBe(1);
    expect(applied.stderr).toContain("::error::The plan directory holds a plaintext plan (tfplan)");
    expect(applied.stdout).not.toMatch(/Terraform|Initializing/);
  }, 60000);

  test("an unknown command or a missing directory is a usage error", () => {
    expect(run("deploy", dir)).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command: deploy") });
    expect(run("plan", join(dir, "nope"))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("usage: saved-plan.sh plan|verify|apply <stack dir>"),
    });
  });
});
