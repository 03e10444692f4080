import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploymentTag, deploymentTagPattern } from "../../modules/registry/deployment-tags";
import { synthesizedApp } from "../../test/support/synth";
import { resourcesOfType } from "../../test/support/terraform-json";
import { typescriptChildArgs } from "../../test/support/typescript-child";
import { expiresAtNextEvaluation, putImageArgs } from "./mark-deployed-image";

/** Recorded `aws ecr batch-get-image` outputs. */
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "fixtures", "batch-get-image", `${name}.json`), "utf8"));
const SHA = "3f9c2e7a1b5d4c8e9f0a1b2c3d4e5f6a7b8c9d0e";

describe("deployment tags", () => {
  test("environment, UTC time to the second, then the git SHA", () => {
    expect(deploymentTag("prod", SHA, new Date("2026-11-27T23:15:07.123Z"))).toBe(`prod-20261127T231507Z-${SHA}`);
  });

  test("the lifecycle pattern of an environment matches its tags, not another environment's or a SHA tag", () => {
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/\*/g, ".*")}$`);
    const tag = deploymentTag("dev", SHA, new Date());
    expect(glob(deploymentTagPattern("dev")).test(tag)).toBe(true);
    expect(glob(deploymentTagPattern("de")).test(tag)).toBe(false);
    expect(glob(deploymentTagPattern("dev")).test(deploymentTag("devtest", SHA, new Date()))).toBe(false);
    expect(glob(deploymentTagPattern("dev")).test(SHA)).toBe(false);
  });

  test("a tag ECR would refuse is refused here first", () => {
    expect(() => deploymentTag("prod", "not a sha", new Date())).toThrow('is not a valid image tag (environment "prod", sha "not a sha")');
  });
});

describe("putImageArgs on recorded batch-get-image output", () => {
  test("adds the new tag to the same manifest, digest-checked, with its media type", () => {
    const found = fixture("found");
    const { args, digest } = putImageArgs("news-api", SHA, found, "prod-20261127T231507Z-x");
    expect(digest).toBe(found.images[0].imageId.imageDigest);
    expect(args).toEqual([
      "ecr",
      "put-image",
      "--repository-name",
      "news-api",
      "--image-tag",
      "prod-20261127T231507Z-x",
      "--image-manifest",
      found.images[0].imageManifest,
      "--image-digest",
      digest,
      "--image-manifest-media-type",
      "application/vnd.oci.image.manifest.v1+json",
    ]);
  });

  test("an image that was never built fails with ECR's reason, before anything is deployed", () => {
    expect(() => putImageArgs("news-api", "0000000000000000000000000000000000000000", fixture("not-found"), "prod-x")).toThrow(
      "news-api:0000000000000000000000000000000000000000 cannot be marked as deployed (ImageNotFound: " +
        "Requested image not found). Only commits built on main have images.",
    );
  });
});

describe("expiresAtNextEvaluation on recorded describe-images output and news-shared's policy", () => {
  // 14 releases went through dev, staging and prod; prod was then rolled back to the 2nd (tagged again today).
  const found = JSON.parse(readFileSync(join(__dirname, "fixtures", "describe-images", "prod-rolled-back-far.json"), "utf8"));
  const rules = JSON.parse(resourcesOfType(synthesizedApp().shared, "aws_ecr_lifecycle_policy")[0].values.policy).rules;
  const release = (n: number) => found.imageDetails[found.imageDetails.length - n].imageDigest; // newest first
  const now = new Date("2026-11-27T23:20:00Z");

  test("a rollback beyond prod's current + 10 previous is flagged: push order, not tag time, decides", () => {
    expect(expiresAtNextEvaluation(rules, found, release(2), now)).toBe(true);
  });

  test("the releases prod keeps are not flagged", () => {
    for (const n of [4, 10, 14]) expect([n, expiresAtNextEvaluation(rules, found, release(n), now)]).toEqual([n, false]);
  });

  test("epoch-second timestamps (cli_timestamp_format = none) read the same", () => {
    const epoch = { imageDetails: found.imageDetails.map((d: any) => ({ ...d, imagePushedAt: Date.parse(d.imagePushedAt) / 1000 })) };
    expect(expiresAtNextEvaluation(rules, epoch, release(2), now)).toBe(true);
    expect(expiresAtNextEvaluation(rules, epoch, release(4), now)).toBe(false);
  });
});

describe("the command the deploy workflow runs, against an aws CLI that answers from the recordings", () => {
  const dir = mkdtempSync(join(tmpdir(), "mark-deployed-image-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fixtures = join(__dirname, "fixtures");
  const lifecyclePolicy = join(dir, "get-lifecycle-policy.json");
  const policy = resourcesOfType(synthesizedApp().shared, "aws_ecr_lifecycle_policy")[0].values.policy;
  writeFileSync(lifecyclePolicy, JSON.stringify({ lifecyclePolicyText: policy }));
  // Answers each ECR call from a recorded output and logs its arguments, NUL-terminated, in a file per call
  // numbered in order. Bash, not node: a node start is ~0.1 s of CPU and a run makes up to four calls.
  writeFileSync(
    join(dir, "aws"),
    `#!/usr/bin/env bash
shopt -s nullglob
earlier=("$AWS_CALLS"/*)
printf '%s\\0' "$@" > "$AWS_CALLS/\${#earlier[@]}"
case "$2" in
  batch-get-image) cat "$BATCH_GET_IMAGE" ;;
  put-image) printf '{}' ;;
  get-lifecycle-policy) cat ${JSON.stringify(lifecyclePolicy)} ;;
  describe-images) cat ${JSON.stringify(join(fixtures, "describe-images", "prod-rolled-back-far.json"))} ;;
  *) echo "aws: no recording for $2" >&2; exit 1 ;;
esac
`,
    { mode: 0o755 },
  );
  const run = (batchGetImage: string, extraEnv: Record<string, string> = {}) => {
    const calls = mkdtempSync(join(dir, `${batchGetImage}-calls-`));
    const summary = `${calls}.summary`;
    writeFileSync(summary, "");
    let status = 0;
    try {
      execFileSync(process.execPath, typescriptChildArgs(join(__dirname, "mark-deployed-image.ts"), ["news-api", SHA, "prod"]), {
        env: {
          ...process.env,
          PATH: `${dir}:${process.env.PATH}`,
          AWS_CALLS: calls,
          BATCH_GET_IMAGE: join(fixtures, "batch-get-image", `${batchGetImage}.json`),
          GITHUB_STEP_SUMMARY: summary,
          ECR_REGISTRY_ID: "",
          ...extraEnv,
        },
        stdio: "pipe",
      });
    } catch (error: any) {
      status = error.status;
    }
    const called = readdirSync(calls)
      .sort((a, b) => Number(a) - Number(b))
      .map((name) => readFileSync(join(calls, name), "utf8").split("\0").slice(0, -1));
    return { status, called, summary: readFileSync(summary, "utf8") };
  };

  test("reads the manifest, adds the prod deployment tag to it, checks the policy, notes it in the summary", () => {
    const { status, called, summary } = run("found");
    expect(status).toBe(0);
    expect(called.map((args: string[]) => args[1])).toEqual(["batch-get-image", "put-image", "get-lifecycle-policy", "describe-images"]);
    const put = called[1];
    expect(put[put.indexOf("--image-tag") + 1]).toMatch(new RegExp(`^prod-\\d{8}T\\d{6}Z-${SHA}$`));
    expect(summary).toMatch(new RegExp(`^### Image\\n\\nMarked news-api@sha256:9b7e\\w+ \\(${SHA}\\) as deployed to prod: tag prod-`));
  });

  test("a deploy role of another account names the platform's registry in every call (ECR_REGISTRY_ID), otherwise none", () => {
    const elsewhere = run("found", { ECR_REGISTRY_ID: "123456789012" });
    expect(elsewhere.status).toBe(0);
    for (const args of elsewhere.called) expect([args[1], args[args.indexOf("--registry-id") + 1]]).toEqual([args[1], "123456789012"]);
    for (const args of run("found").called) expect(args).not.toContain("--registry-id");
  });

  test("an image that does not exist stops the deploy before anything is written", () => {
    const { status, called } = run("not-found");
    expect(status).toBe(1);
    expect(called.map((args: string[]) => args[1])).toEqual(["batch-get-image"]);
  });
});
