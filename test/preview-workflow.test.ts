import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ACTIVE_PREVIEWS_VARIABLE, PREVIEW_VARIABLE } from "../environments/preview";
import { PREVIEW_GITHUB_ENVIRONMENT } from "../modules/ci/preview-deploy-role";

/** .github/workflows/preview.yml: create/update on the label, destroy on close/unlabel/expiry, one comment. */
const preview = parse(readFileSync(join(__dirname, "..", ".github", "workflows", "preview.yml"), "utf8"));
const { deploy, destroy, expired } = preview.jobs;
const stepsOf = (job: any) => JSON.stringify(job.steps);
const step = (job: any, name: string) => job.steps.find((s: any) => s.name === name);

test("runs on label changes, pushes, reopen and close of pull requests, and daily", () => {
  expect(preview.on.pull_request.types).toEqual(["labeled", "unlabeled", "synchronize", "reopened", "closed"]);
  expect(preview.on.schedule).toHaveLength(1);
});

test("every job assumes the preview role in the GitHub environment its trust names; runs of one preview queue, never cancel", () => {
  for (const job of [deploy, destroy, preview.jobs["destroy-expired"]]) {
    expect(job.environment).toEqual({ name: PREVIEW_GITHUB_ENVIRONMENT });
    expect(job.concurrency["cancel-in-progress"]).toBe(false);
    expect(stepsOf(job)).toContain("vars.CI_PREVIEW_ROLE_ARN");
    expect(stepsOf(job)).not.toContain("CI_DEPLOY_ROLE");
  }
});

test("deploy: only with the preview label; lists existing previews before synth so the limit applies; verifies the rollout", () => {
  expect(deploy.if).toContain("contains(github.event.pull_request.labels.*.name, 'preview')");
  expect(deploy.if).toContain("github.event.action != 'closed'");
  const names = deploy.steps.map((s: any) => s.name ?? s.run);
  const synth = step(deploy, "Synthesize the preview (refused clearly beyond the limit)");
  expect(names.indexOf("Previews that exist (state keys news-pr<N>/), for the limit in environments/previews.ts")).toBeLessThan(
    names.indexOf(synth.name),
  );
  expect(stepsOf(deploy)).toContain(ACTIVE_PREVIEWS_VARIABLE);
  expect(synth.env[PREVIEW_VARIABLE]).toBe("${{ env.PR }}");
  expect(names.indexOf("terraform apply of the saved plan")).toBeLessThan(names.indexOf("Verify the rollout"));
  expect(step(deploy, "Verify the rollout").run).toContain("tools/ci/verify-rollout.ts");
});

test("deploy: one comment with the URL and the preview's monthly cost, updated in place", () => {
  const body = step(deploy, "URL and monthly cost").run;
  expect(body).toContain('url="$(terraform output -raw service_url)"');
  expect(body).toContain('cost -- --dir cdktf.out --stack "$STACK" --markdown');
  const comment = step(deploy, "Create or update the one preview comment").with.script;
  expect(comment).toContain("<!-- newsstack:preview -->");
  expect(comment).toContain("updateComment");
  expect(deploy.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
});

test("destroy: when the PR closes or the preview label goes; never refused by the limit", () => {
  expect(destroy.if).toContain("github.event.action == 'closed'");
  expect(destroy.if).toContain("github.event.action == 'unlabeled' && github.event.label.name == 'preview'");
  expect(stepsOf(destroy)).not.toContain(ACTIVE_PREVIEWS_VARIABLE);
  expect(step(destroy, "terraform destroy through a saved plan").run).toContain(
    'terraform plan -destroy -input=false -no-color -out=tfplan -var "image_tag=destroyed"\nterraform apply -input=false -no-color tfplan',
  );
});

test("expiry: the daily run finds previews by their Expires tag and destroys each", () => {
  expect(expired.if).toBe("github.event_name == 'schedule'");
  expect(stepsOf(expired)).toContain("Key=Preview");
  expect(stepsOf(expired)).toContain("select(.Expires < $today)");
  const each = preview.jobs["destroy-expired"];
  expect(each.needs).toBe("expired");
  expect(each.strategy.matrix.pr).toBe("${{ fromJSON(needs.expired.outputs.previews) }}");
  expect(stepsOf(each)).toContain("terraform destroy through a saved plan");
});
