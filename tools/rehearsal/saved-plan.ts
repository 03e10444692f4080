/**
 * Issue 12: the deploy's saved plan on moto, with the deploy workflow's own commands
 * (tools/ci/saved-plan.sh plan / apply). Two plan jobs (two copies of the stack directory, as two
 * workflow runs would have) plan the same new image from the same state; what the first would upload
 * must hold no plaintext plan and no secret value from Secrets Manager (which its own plan.json does
 * hold: the plan is encrypted with a KMS data key of moto's state key); the first saved plan is
 * decrypted and applied without a re-plan and must change the state; the second must then be refused
 * as stale — Terraform's error and the tool's re-run message — leaving the state object's S3 version as it was.
 */
import { cpSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { describeDrift, driftOf, PlanJson } from "./drift";
import { PLAN_JSON } from "../ci/saved-plan";
import type { StackContext } from "./stack-steps";
import { StateLocation, stateVersion } from "./state-object";
import { lastLines, runLogged } from "./terraform";
import { observeUpload, secretsInSecretsManager, UploadObservation } from "./saved-plan-upload";
import { withOwnPluginCache } from "./plugin-cache";

export const SAVED_PLAN_SCRIPT = resolve(__dirname, "..", "ci", "saved-plan.sh");
/**
 * The change the saved plan carries: a new image tag, what every deploy changes — the task definition
 * is replaced (its container image) and the service moves to it, so the plan is never empty.
 */
export const NEXT_IMAGE_TAG = "rehearsal-next";

export interface CommandOutcome {
  readonly code: number | null;
  /** stdout and stderr together, as the workflow's log shows them. */
  readonly output: string;
}

export interface SavedPlanObservations {
  /** describeDrift lines of the first saved plan (what the apply must carry out). */
  readonly planned: readonly string[];
  /** What the first plan job would upload (its stack directory), against the secrets moto holds. */
  readonly upload: UploadObservation;
  readonly applied: CommandOutcome;
  readonly stale: CommandOutcome;
  /** S3 version id of the state object before the first apply, after it, and after the refused one. */
  readonly versions: { readonly before?: string; readonly afterApply?: string; readonly afterStale?: string };
}

export interface SavedPlanResult {
  readonly passed: boolean;
  readonly details: string[];
}

const STALE_ERROR = /Error: Saved plan is stale/;
/** tools/ci/saved-plan.ts explainApplyFailure, as the workflow prints it. */
const RERUN_MESSAGE = /::error::The saved plan of \S+ is stale\b.*Re-run/;

/** Whether each step held; failed lines carry NOT / CHANGED / EMPTY, like the lock test's. */
export function judgeSavedPlan(seen: SavedPlanObservations): SavedPlanResult {
  const { planned, upload, applied, stale, versions } = seen;
  const appliedOk = applied.code === 0 && /Plan artifact verified/.test(applied.output) && /Apply complete!/.test(applied.output);
  const staleRefused = stale.code !== 0 && STALE_ERROR.test(stale.output) && RERUN_MESSAGE.test(stale.output);
  const staleVerdict = staleRefused
    ? "refused as stale, with the re-run message"
    : `NOT refused as stale (exit ${stale.code}): ${lastLines(stale.output, 5)}`;
  const staleKeptState = versions.afterApply !== undefined && versions.afterStale === versions.afterApply;
  const details = [
    planned.length > 0
      ? `saved plan A: ${planned.length} change(s): ${planned.join("; ")}`
      : "saved plan A: EMPTY (nothing to apply, nothing proved)",
    upload.plaintext.length === 0
      ? `upload of plan job A (${upload.files.length} files: ${upload.files.join(", ")}): no plaintext plan`
      : `upload of plan job A: plaintext plan NOT removed: ${upload.plaintext.join(", ")}`,
    upload.secretsInJobPlan === 0
      ? `secret values: NOT proved (none of ${upload.secretsKnown} known to Secrets Manager is in the job's plan.json)`
      : upload.leaks.length === 0
        ? `secret values: ${upload.secretsInJobPlan} of ${upload.secretsKnown} from Secrets Manager in the job's plan.json, ` +
          "none in the upload"
        : `secret values NOT kept out of the upload: ${upload.leaks.join("; ")}`,
    `apply of saved plan A: ${appliedOk ? "verified and applied" : `NOT applied (exit ${applied.code}): ${lastLines(applied.output, 5)}`}`,
    `state version ${versions.before !== undefined && versions.afterApply !== versions.before ? "changed" : "NOT changed"} by apply A`,
    `apply of saved plan B: ${staleVerdict}`,
    `state version ${staleKeptState ? "unchanged" : `CHANGED (${versions.afterApply} → ${versions.afterStale})`} by the refused apply`,
  ];
  return { passed: details.every((line) => !/\b(NOT|CHANGED|EMPTY)\b/.test(line)), details };
}

export interface SavedPlanSetup {
  /** The rehearsal's Terraform environment (CLI config, CA, test keys). */
  readonly env: NodeJS.ProcessEnv;
  readonly logs: string;
  /** The moto endpoint for `init`, passed as Terraform's own TF_CLI_ARGS_init: the script is not changed. */
  readonly backendConfigFile: string;
  readonly state: StateLocation;
}

/** A copy of the applied stack directory, as a plan job's checkout would have it (no .terraform, no plans). */
function planJobCheckout(dir: string, suffix: string): string {
  const copy = `${dir}-saved-plan-${suffix}`;
  cpSync(dir, copy, { recursive: true, filter: (src) => !/\.terraform|\.tfplan$/.test(basename(src)) });
  return copy;
}

export async function savedPlanTest(ctx: StackContext, setup: SavedPlanSetup): Promise<SavedPlanResult> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...setup.env,
    IMAGE_TAG: NEXT_IMAGE_TAG,
    ENVIRONMENT: ctx.name.replace(/^news-/, ""),
    TF_CLI_ARGS_init: `-backend-config=${setup.backendConfigFile}`,
    // The saved plan's data key comes from moto's KMS (the state key news-state created there).
    AWS_ENDPOINT_URL_KMS: setup.state.moto.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: setup.state.moto.endpoint,
  };
  delete env.GITHUB_STEP_SUMMARY; // the rehearsal's stale plan is expected, not news for a CI summary
  const script = async (command: "plan" | "apply", dir: string, review?: string): Promise<CommandOutcome> => {
    const args = [SAVED_PLAN_SCRIPT, command, dir, ...(review ? [review] : [])];
    // The two plan jobs init side by side: each checkout gets a plugin cache of its own.
    const jobEnv = withOwnPluginCache(env, `${dir}-plugin-cache`);
    const result = await runLogged("bash", args, jobEnv, join(setup.logs, `${basename(dir)}.log`));
    return { code: result.code, output: result.stdout + result.stderr };
  };
  try {
    const [a, b] = [planJobCheckout(ctx.tf.dir, "a"), planJobCheckout(ctx.tf.dir, "b")];
    // Both plan jobs read the same state (plan -lock=false), so they run side by side.
    const plans = await Promise.all([script("plan", a, `${a}-review`), script("plan", b, `${b}-review`)]);
    plans.forEach((plan, i) => {
      if (plan.code !== 0)
        throw new Error(`${ctx.name}: saved-plan.sh plan ${[a, b][i]} failed (exit ${plan.code}): ${lastLines(plan.output, 25)}`);
    });
    const jobPlan = join(`${a}-review`, PLAN_JSON);
    const planned = driftOf(JSON.parse(readFileSync(jobPlan, "utf8")) as PlanJson).map(describeDrift);
    const upload = observeUpload(a, jobPlan, secretsInSecretsManager(env, ctx.json.terraform.backend.s3.region));
    const before = await stateVersion(setup.state);
    const applied = await script("apply", a);
    const afterApply = await stateVersion(setup.state);
    const stale = await script("apply", b);
    const afterStale = await stateVersion(setup.state);
    return judgeSavedPlan({ planned, upload, applied, stale, versions: { before, afterApply, afterStale } });
  } finally {
    ctx.timings.push({ stack: ctx.name, phase: "saved plan", seconds: (Date.now() - started) / 1000 });
  }
}
