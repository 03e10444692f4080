import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typescriptChildArgs } from "./support/typescript-child";

/**
 * main.ts as cdktf-cli runs it (CDKTF_OUTDIR set): what users see on success and on a mistake. The
 * first case runs cdktf.json's "app" command itself (ts-node); the others run main.ts on the tests'
 * light TypeScript loader, a second of CPU less per process.
 */
const root = join(__dirname, "..");

/** cdktf.json's "app" command as node arguments, run by this node (the one npm scripts run on). */
function appCommand(): string[] {
  const app: string = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app;
  const [program, ...args] = app.split(" ");
  if (program !== "node") throw new Error(`cdktf.json: app = ${JSON.stringify(app)}: main.test.ts runs a "node …" command only`);
  return args;
}

/** Without DEBUG main.ts prints no stack trace: source maps would only slow it (cdktf). */
const lightLoader = typescriptChildArgs("main.ts", [], { sourceMaps: false });

function runMain(environment: Record<string, string>, args = lightLoader) {
  const outdir = mkdtempSync(join(tmpdir(), "newsstack-main-"));
  rmSync(outdir, { recursive: true }); // the App must create it only when it writes
  const {
    DEBUG: _debug,
    NEWSSTACK_ENVIRONMENTS: _selection,
    NEWSSTACK_PREVIEW: _preview,
    NEWSSTACK_ACTIVE_PREVIEWS: _active,
    ...inherited
  } = process.env;
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...inherited, CDKTF_OUTDIR: outdir, ...environment },
    encoding: "utf8",
  });
  const stacks = existsSync(join(outdir, "stacks")) ? readdirSync(join(outdir, "stacks")).sort() : [];
  const written = existsSync(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { ...result, stacks, written };
}

test("cdktf.json's app command synthesizes news-state, news-shared and every environment", () => {
  const run = runMain({}, appCommand());
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stacks).toEqual(["news-dev", "news-prod", "news-shared", "news-staging", "news-state"]);
});

// Each case is a whole process (about 1.5 s of CPU): the selection rules themselves are unit-tested in
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
