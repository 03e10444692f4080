import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * main.ts as cdktf-cli runs it (cdktf.json's "app" command, CDKTF_OUTDIR set): what users see on
 * success and on a mistake.
 */
const root = join(__dirname, "..");

function runMain(environment: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), "newsstack-main-"));
  rmSync(outdir, { recursive: true }); // the App must create it only when it writes
  const {
    DEBUG: _debug,
    NEWSSTACK_ENVIRONMENTS: _selection,
    NEWSSTACK_PREVIEW: _preview,
    NEWSSTACK_ACTIVE_PREVIEWS: _active,
    ...inherited
  } = process.env;
  const result = spawnSync(process.execPath, ["--require", "ts-node/register", "main.ts"], {
    cwd: root,
    env: { ...inherited, CDKTF_OUTDIR: outdir, ...environment },
    encoding: "utf8",
  });
  const stacks = existsSync(join(outdir, "stacks")) ? readdirSync(join(outdir, "stacks")).sort() : [];
  const written = existsSync(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { ...result, stacks, written };
}

test("synthesizes news-state, news-shared and every environment", () => {
  const run = runMain({});
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stacks).toEqual(["news-dev", "news-prod", "news-shared", "news-staging", "news-state"]);
});

// Each case is a whole process (about 2 s of CPU): the selection rules themselves are unit-tested in
// environments.test.ts and preview.test.ts; here, that main.ts reads both variables and reports their errors.
test("NEWSSTACK_ENVIRONMENTS limits the environment stacks; NEWSSTACK_PREVIEW adds the pull request's preview", () => {
  const run = runMain({ NEWSSTACK_ENVIRONMENTS: "dev", NEWSSTACK_PREVIEW: "42" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stacks).toEqual(["news-dev", "news-pr42", "news-shared", "news-state"]);
});

test("a bad preview request: one clear line, exit 1, nothing written", () => {
  const run = runMain({ NEWSSTACK_ENVIRONMENTS: "dev", NEWSSTACK_PREVIEW: "4x2" });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^error: NEWSSTACK_PREVIEW = "4x2": must be a pull-request number/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.written).toBe(false);
});

test("an unknown environment: one clear line, exit 1, no stack trace, nothing written", () => {
  const run = runMain({ NEWSSTACK_ENVIRONMENTS: "dev,qa" });
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toBe('error: Unknown environment "qa" in NEWSSTACK_ENVIRONMENTS; known: dev, staging, prod');
  expect(run.written).toBe(false);
});
