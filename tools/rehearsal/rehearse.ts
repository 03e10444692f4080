/**
 * `npm run rehearse`: the README's deploy order applied to moto, offline (issue 11).
 *   news-state (local backend) → -migrate-state into its bucket → news-shared → each environment,
 *   each apply followed by a re-plan that must show no changes; the lock test; a half-way failed apply
 *   that the next apply converges from; a saved plan uploaded encrypted, applied, and a stale one refused (saved-plan.ts);
 *   destroy of the environments (production-tier ones refused).
 * Missing terraform / moto / provider mirror: `rehearsal skipped: <what>` and exit 0.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ACTIVE_PREVIEWS_VARIABLE, PREVIEW_VARIABLE } from "../../environments/preview";
import { readSynthesized, SynthesizedJson } from "../synth-output";
import { parseRehearsalArgs, RehearsalOptions } from "./args";
import { commandLine } from "../cli-args";
import { deployOrder, promotionOrder } from "./deploy-order";
import { halfwayFailedApply } from "./halfway-apply";
import { lockTest, LockTestResult } from "./lock-test";
import { MotoServer, startMoto } from "./moto-server";
import { notEmulated, withoutProviderOnlyAttributes } from "./not-emulated";
import { writePlanFixture } from "./plan-fixture";
import { withOwnPluginCache } from "./plugin-cache";
import { checkPrerequisites, Prerequisites } from "./prerequisites";
import { release, stopAll, stopAllOnSignals, strayProcesses } from "./processes";
import { protectedResources, REFUSAL_PATTERN } from "./protection";
import { savedPlanTest } from "./saved-plan";
import { DestroyOutcome, PhaseTiming, RehearsalReport, renderReport, renderTimings, reportJson, reportPassed, StackReport } from "./report";
import { apply, destroy, init, replan, StackContext, writeProviderOverride } from "./stack-steps";
import { stateVersion } from "./state-object";
import { Terraform } from "./terraform";
import {
  backendConfig,
  backendType,
  cliConfig,
  existingCertificates,
  existingHostedZones,
  migratedStateBackend,
  TEST_CREDENTIALS,
} from "./terraform-files";
import { variableArgs } from "./variables";

const ROOT = resolve(__dirname, "..", "..");
const STATE = "news-state";
const SHARED = "news-shared";

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Synthesizes the selected stacks into the work folder (never the repository's cdktf.out). */
function synthesize(out: string, options: RehearsalOptions): void {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    ...(options.env === "dev" ? { NEWSSTACK_ENVIRONMENTS: "dev" } : {}),
  };
  if (options.env === "all") delete env.NEWSSTACK_ENVIRONMENTS;
  // A preview is synthesized exactly as the preview workflow does it; no other preview exists on moto.
  delete env[PREVIEW_VARIABLE];
  delete env[ACTIVE_PREVIEWS_VARIABLE];
  if (options.preview !== undefined) env[PREVIEW_VARIABLE] = String(options.preview);
  const result = spawnSync("npx", ["cdktf", "synth", "--output", out], { cwd: ROOT, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr || result.stdout}`);
}

/** Test keys, the rehearsal's CLI config, and moto's certificate as the only CA (SSL_CERT_FILE). */
function terraformEnv(cliConfigFile: string, caFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_CREDENTIALS,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    SSL_CERT_FILE: caFile,
    AWS_CA_BUNDLE: caFile,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE", "TF_WORKSPACE", "SSL_CERT_DIR"]) delete env[name];
  return env;
}

/** What every phase of a run shares. */
interface Rehearsal {
  readonly options: RehearsalOptions;
  readonly work: string;
  readonly logs: string;
  /** Where moto's fault switches are set (halfway-apply.ts, lock-test.ts). */
  readonly faults: string;
  readonly out: string;
  /** The work folder's copies of the stacks, provider-only arguments removed. */
  readonly stacks: Record<string, SynthesizedJson>;
  /** The stacks as synthesized (what the not-emulated list is read from). */
  readonly synthesized: Record<string, SynthesizedJson>;
  readonly moto: MotoServer;
  /** Terraform's environment: test keys, the rehearsal's CLI config, moto's CA. */
  readonly env: NodeJS.ProcessEnv;
  readonly backendFile: string;
  readonly providerVersion: string;
  readonly timings: PhaseTiming[];
  readonly reports: StackReport[];
}

async function run(options: RehearsalOptions, prereq: Prerequisites, work: string): Promise<{ report: RehearsalReport; passed: boolean }> {
  const wallStarted = Date.now();
  const r = await prepare(options, prereq, work);
  const environments = deployOrder(
    Object.keys(r.stacks).filter((name) => name !== STATE && name !== SHARED),
    promotionOrder(),
  );
  await bootstrapState(r);
  const shared = await applyShared(r);
  const lockRun = startLockTest(r, shared);
  const { contexts, savedPlan } = await applyEnvironments(r, environments);
  const lock = await lockRun;
  lock.details.forEach((line) => log(`lock test: ${line}`));
  const { destroyed, expected } = await destroyEnvironments(contexts);

  const report: RehearsalReport = {
    provider: prereq.provider.version,
    stacks: r.reports,
    lock: { passed: lock.passed },
    savedPlan,
    destroy: destroyed,
  };
  log("");
  log(renderReport(report));
  log(renderTimings(r.timings, (Date.now() - wallStarted) / 1000));
  if (options.keep) {
    release(r.moto.child);
    log(
      `moto keeps running on ${r.moto.endpoint} (pid ${r.moto.child.pid}): AWS_ACCESS_KEY_ID=testing ` +
        `AWS_SECRET_ACCESS_KEY=testing AWS_CA_BUNDLE=${r.moto.caFile} aws --endpoint-url ${r.moto.endpoint} s3 ls`,
    );
  }
  return { report, passed: reportPassed(report, expected) };
}

/** Synthesizes into the work folder, starts moto, writes Terraform's CLI and backend config. */
async function prepare(options: RehearsalOptions, prereq: Prerequisites, work: string): Promise<Rehearsal> {
  const timings: PhaseTiming[] = [];
  const logs = join(work, "logs");
  mkdirSync(logs, { recursive: true });
  const out = join(work, "cdktf.out");
  const synthStarted = Date.now();
  synthesize(out, options);
  timings.push({ stack: "all", phase: "synth", seconds: (Date.now() - synthStarted) / 1000 });
  const stacks = readSynthesized(out);
  const faults = join(work, "faults");
  mkdirSync(faults);
  const moto = await startRehearsalMoto(prereq, work, logs, faults, stacks, timings);

  const cliConfigFile = join(work, "terraformrc");
  mkdirSync(join(work, "plugin-cache"), { recursive: true });
  writeFileSync(cliConfigFile, cliConfig(prereq.provider.mirror, join(work, "plugin-cache")));
  const backendFile = join(work, "backend.hcl");
  writeFileSync(backendFile, backendConfig(moto.endpoint));
  const env = terraformEnv(cliConfigFile, moto.caFile);
  const synthesized = removeProviderOnlyAttributes(stacks, out);
  const providerVersion = prereq.provider.version;
  return { options, work, logs, faults, out, stacks, synthesized, moto, env, backendFile, providerVersion, timings, reports: [] };
}

async function startRehearsalMoto(
  prereq: Prerequisites,
  work: string,
  logs: string,
  faults: string,
  stacks: Record<string, SynthesizedJson>,
  timings: PhaseTiming[],
): Promise<MotoServer> {
  const motoStarted = Date.now();
  const tlsDir = join(work, "tls");
  mkdirSync(tlsDir);
  // Zones and certificates the stacks only reference by id / ARN (made outside Terraform) exist before the
  // first apply, as in AWS (the extension's route53_existing_zones and acm_existing_certificates).
  const zones = existingHostedZones(stacks);
  const certificates = existingCertificates(stacks);
  if (zones) log(`hosted zones that exist before the stacks: ${zones}`);
  if (certificates) log(`ACM certificates that exist before the stacks: ${certificates}`);
  const moto = await startMoto(prereq.python, tlsDir, join(logs, "moto.log"), faults, 3, {
    NEWSSTACK_MOTO_HOSTED_ZONES: zones,
    NEWSSTACK_MOTO_CERTIFICATES: certificates,
  });
  timings.push({ stack: "moto", phase: "moto start", seconds: (Date.now() - motoStarted) / 1000 });
  log(
    `moto ${prereq.motoVersion} on ${moto.endpoint}; terraform ${prereq.terraformVersion}; AWS ` +
      `provider ${prereq.provider.version} from ${prereq.provider.mirror}; work in ${work}`,
  );
  return moto;
}

/**
 * Arguments only the pinned 6.x provider knows (PROVIDER_ONLY_ATTRIBUTES) are removed from the work
 * folder's copy of the stack — never cdktf.out — and every removal is listed as not emulated.
 * Returns the stacks as synthesized.
 */
function removeProviderOnlyAttributes(stacks: Record<string, SynthesizedJson>, out: string): Record<string, SynthesizedJson> {
  const synthesized = { ...stacks };
  for (const name of Object.keys(stacks)) {
    const { stack, removed } = withoutProviderOnlyAttributes(stacks[name]);
    if (removed.length === 0) continue;
    stacks[name] = stack;
    writeFileSync(join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(stack, null, 2));
    removed.forEach((line) => log(`${name}: not emulated: ${line}`));
  }
  return synthesized;
}

/** A stack's Terraform in the work folder, pointed at moto by its override file. */
function stackContext(r: Rehearsal, name: string): StackContext {
  const dir = join(r.out, "stacks", name);
  writeProviderOverride(dir, r.stacks[name], r.moto.endpoint, r.providerVersion);
  return {
    name,
    json: r.stacks[name],
    tf: new Terraform(dir, r.env, r.logs, name),
    vars: variableArgs(name, r.stacks[name]),
    timings: r.timings,
  };
}

/** The re-plan after an apply, and the stack's line in the report. */
async function finish(r: Rehearsal, ctx: StackContext, started: number): Promise<void> {
  const { drift, resources } = await replan(ctx);
  const stackReport = {
    name: ctx.name,
    resources,
    seconds: (Date.now() - started) / 1000,
    drift,
    notEmulated: notEmulated(r.synthesized[ctx.name] ?? ctx.json),
  };
  r.reports.push(stackReport);
  log(
    `${ctx.name}: ${resources} resources applied in ${stackReport.seconds.toFixed(1)} s, ` +
      `${drift.length === 0 ? "no changes on re-plan" : `DRIFT: ${drift.join("; ")}`}`,
  );
}

/** 1. news-state on its local backend, then its state migrated into the bucket it created. */
async function bootstrapState(r: Rehearsal): Promise<void> {
  const state = stackContext(r, STATE);
  const started = Date.now();
  if (backendType(state.json) !== "local")
    throw new Error(`${STATE} must synthesize with the local backend for the bootstrap (stateStackBackend: "local")`);
  await init(state);
  await apply(state);
  const migrated = { ...state.json, terraform: { ...state.json.terraform, backend: migratedStateBackend(r.stacks[SHARED], STATE) } };
  writeFileSync(join(state.tf.dir, "cdk.tf.json"), JSON.stringify(migrated, null, 2));
  await init({ ...state, json: migrated }, r.backendFile, ["-migrate-state", "-force-copy"]);
  const stateObject = { moto: r.moto, bucket: migrated.terraform.backend.s3.bucket, key: migrated.terraform.backend.s3.key };
  if (!(await stateVersion(stateObject)))
    throw new Error(`${STATE}: -migrate-state did not write s3://${stateObject.bucket}/${stateObject.key}`);
  // README bootstrap step 3: the local state file goes; from now on the bucket is the only copy.
  // (resolve: the synthesized path is relative to the stack folder, e.g. ../../../ for the repository root.)
  rmSync(resolve(state.tf.dir, state.json.terraform.backend.local.path), { force: true });
  await finish(r, { ...state, json: migrated }, started);
}

/** 2. news-shared on the synthesized S3 backend. */
async function applyShared(r: Rehearsal): Promise<StackContext> {
  const shared = stackContext(r, SHARED);
  const started = Date.now();
  await init(shared, r.backendFile);
  await apply(shared);
  await finish(r, shared, started);
  return shared;
}

/** 3. Locking, on news-shared's state object, while the environments apply (their state is separate). */
function startLockTest(r: Rehearsal, shared: StackContext): Promise<LockTestResult> {
  const s3 = r.stacks[SHARED].terraform.backend.s3;
  // It inits while the environments do: a plugin cache of its own.
  const env = withOwnPluginCache(r.env, join(r.work, "plugin-cache-second-checkout"));
  const second = new Terraform(join(r.work, "second-checkout", SHARED), env, r.logs, `${SHARED}-second-checkout`);
  return lockTest(shared, second, r.backendFile, { moto: r.moto, bucket: s3.bucket, key: s3.key }, r.faults).catch((error: unknown) => ({
    passed: false,
    details: [`lock test failed: ${error instanceof Error ? error.message : String(error)}`],
  }));
}

/**
 * 4. Environments: the first one's first apply fails half-way (fault switch), the next converges; then
 *    a saved plan is applied to it and a stale one refused, with the deploy workflow's commands.
 */
async function applyEnvironments(
  r: Rehearsal,
  environments: readonly string[],
): Promise<{ contexts: StackContext[]; savedPlan: RehearsalReport["savedPlan"] }> {
  const contexts: StackContext[] = [];
  let savedPlan = { stack: environments[0] ?? "(no environment)", passed: false };
  for (const [index, name] of environments.entries()) {
    const ctx = stackContext(r, name);
    contexts.push(ctx);
    const started = Date.now();
    await init(ctx, r.backendFile);
    if (index === 0) log(`${name}: ${await halfwayFailedApply(ctx, r.faults)}`);
    await apply(ctx);
    await finish(r, ctx, started);
    if (index === 0 && r.options.planFixture) log(`plan fixture: ${await writePlanFixture(ctx, resolve(r.options.planFixture))}`);
    if (index === 0) savedPlan = await rehearseSavedPlan(r, ctx);
  }
  return { contexts, savedPlan };
}

async function rehearseSavedPlan(r: Rehearsal, ctx: StackContext): Promise<RehearsalReport["savedPlan"]> {
  const backend = r.stacks[ctx.name].terraform.backend.s3;
  const result = await savedPlanTest(ctx, {
    env: r.env,
    logs: r.logs,
    backendConfigFile: r.backendFile,
    state: { moto: r.moto, bucket: backend.bucket, key: backend.key },
  });
  result.details.forEach((line) => log(`${ctx.name}: saved plan: ${line}`));
  return { stack: ctx.name, passed: result.passed };
}

/** 5. Destroy: production-tier environments (protected resources) must be refused, the others succeed. */
async function destroyEnvironments(
  contexts: readonly StackContext[],
): Promise<{ destroyed: Record<string, DestroyOutcome>; expected: Record<string, DestroyOutcome> }> {
  const destroyed: Record<string, DestroyOutcome> = {};
  const expected: Record<string, DestroyOutcome> = {};
  // The environments' states are independent, so their destroys run side by side (each judged alone).
  const destroys = await Promise.all(
    contexts.map(async (ctx) => ({ ctx, guards: protectedResources(ctx.json), result: await destroy(ctx) })),
  );
  for (const { ctx, guards, result } of destroys) {
    expected[ctx.name] = guards.length > 0 ? "refused" : "ok";
    destroyed[ctx.name] =
      result.code === 0
        ? guards.length > 0
          ? "not refused"
          : "ok"
        : REFUSAL_PATTERN.test(result.output) && guards.length > 0
          ? "refused"
          : "failed";
    const guarded = guards.length > 0 ? ` (protected: ${guards.join(", ")})` : "";
    const output = destroyed[ctx.name] === "failed" ? `\n${result.output.slice(-3000)}` : "";
    log(`${ctx.name}: destroy ${destroyed[ctx.name]}${guarded}${output}`);
  }
  return { destroyed, expected };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = commandLine(parseRehearsalArgs, argv);
  const prereq = checkPrerequisites(process.env);
  if ("missing" in prereq) {
    log(`rehearsal skipped: ${prereq.missing.join("; ")}`);
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), "newsstack-rehearsal-"));
  stopAllOnSignals((signal) => process.stderr.write(`\n${signal}: stopping moto and terraform\n`));
  let code = 1;
  try {
    const { report, passed } = await run(options, prereq, work);
    if (options.report) writeFileSync(options.report, reportJson(report));
    code = passed ? 0 : 1;
    log(passed ? "rehearsal passed" : "rehearsal FAILED");
  } catch (error) {
    process.stderr.write(`rehearsal failed: ${error instanceof Error ? error.message : String(error)}\n(logs in ${join(work, "logs")})\n`);
  } finally {
    await stopAll();
    const strays = strayProcesses();
    if (strays.length > 0) {
      process.stderr.write(`stray processes left running: ${strays.join(", ")}\n`);
      code = 1;
    }
  }
  if (code === 0 && !options.keep) rmSync(work, { recursive: true, force: true });
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
