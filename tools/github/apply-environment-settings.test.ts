import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = join(__dirname, "apply-environment-settings.sh");

/**
 * A fake `gh` on PATH: logs each call (arguments, and the body given on stdin) and answers the
 * lookups: team id 42; dev has a stray `release/*` branch policy, staging has main already.
 */
const FAKE_GH = `#!/usr/bin/env bash
set -euo pipefail
body=""
if [[ " $* " == *" --input - "* ]]; then body="$(cat)"; fi
echo "$* \${body}" >> "$GH_LOG"
case "$*" in
  "api orgs/example-org/teams/platform --jq .id") echo 42 ;;
  "api orgs/example-org/teams/nobody --jq .id") echo '{"message":"Not Found"}'; exit 1 ;;
  "api repos/example-org/newsstack/environments/dev/deployment-branch-policies --jq"*) echo "7 release/* branch" ;;
  "api repos/example-org/newsstack/environments/staging/deployment-branch-policies --jq"*) echo "9 main branch" ;;
  "api repos/example-org/newsstack/environments/prod/deployment-branch-policies --jq"*) ;;
esac
`;

function run(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "fake-gh-"));
  try {
    writeFileSync(join(dir, "gh"), FAKE_GH);
    chmodSync(join(dir, "gh"), 0o755);
    const log = join(dir, "log");
    writeFileSync(log, "");
    const result = spawnSync("bash", [SCRIPT, ...args], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, GH_LOG: log },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      calls: readFileSync(log, "utf8").trim().split("\n").filter(Boolean),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("deployments from main only everywhere; team reviewers without self-review on staging and prod", () => {
  const { status, calls, stdout } = run(["example-org/newsstack", "platform"]);
  expect(status).toBe(0);
  const put = (env: string) =>
    calls.find((c) => c.startsWith(`api --method PUT repos/example-org/newsstack/environments/${env} --input -`))!;
  const body = (env: string) => JSON.parse(put(env).slice(put(env).indexOf("{")));
  expect(body("dev")).toEqual({
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    reviewers: [],
    prevent_self_review: false,
  });
  for (const env of ["staging", "prod"]) {
    expect(body(env)).toEqual({
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      reviewers: [{ type: "Team", id: 42 }],
      prevent_self_review: true,
    });
  }
  // dev: the stray policy goes, main is added; staging: main is kept as it is; prod: main is added.
  expect(calls.filter((c) => /--method (DELETE|POST)/.test(c)).map((c) => c.trim())).toEqual([
    "api --method DELETE repos/example-org/newsstack/environments/dev/deployment-branch-policies/7",
    "api --method POST repos/example-org/newsstack/environments/dev/deployment-branch-policies -f name=main -f type=branch",
    "api --method POST repos/example-org/newsstack/environments/prod/deployment-branch-policies -f name=main -f type=branch",
  ]);
  expect(stdout).toContain("prod: deploys from main only; reviewers: example-org/platform, no self-review");
});

test.each([
  ["no arguments", []],
  ["a repository without owner", ["newsstack", "platform"]],
  ["a team slug with a space", ["example-org/newsstack", "plat form"]],
])("%s: usage, and gh is never called", (_, args) => {
  const { status, stderr, calls } = run(args);
  expect(status).toBe(2);
  expect(stderr).toMatch(/^usage: /);
  expect(calls).toEqual([]);
});

test("an unknown team stops before any environment is changed", () => {
  const { status, calls } = run(["example-org/newsstack", "nobody"]);
  expect(status).not.toBe(0);
  expect(calls.filter((c) => c.includes("environments"))).toEqual([]);
});
