/** The steps a team runs on one stack, against moto: init, apply, re-plan for drift, destroy. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedJson } from "../synth-output";
import { appliedResources, describeDrift, driftOf, PlanJson } from "./drift";
import type { PhaseTiming } from "./report";
import { Terraform } from "./terraform";
import { providerOverride } from "./terraform-files";

export const OVERRIDE_FILE = "rehearsal_override.tf.json";
/**
 * Unattended apply/destroy. Parallelism 30 instead of 10: most of an apply is spent in provider
 * waiters (RDS, S3 lifecycle, KMS), and ten waiting resources would otherwise block the rest.
 */
export const APPLY_FLAGS = ["-auto-approve", "-input=false", "-no-color", "-parallelism=30"] as const;

export interface StackContext {
  readonly name: string;
  readonly json: SynthesizedJson;
  readonly tf: Terraform;
  /** `-var` arguments for plan/apply/destroy. */
  readonly vars: readonly string[];
  readonly timings: PhaseTiming[];
}

/** Adds the provider override beside the synthesized JSON (the JSON itself is untouched). */
export function writeProviderOverride(dir: string, json: SynthesizedJson, endpoint: string, providerVersion: string): void {
  writeFileSync(join(dir, OVERRIDE_FILE), JSON.stringify(providerOverride(json, endpoint, providerVersion), null, 2));
}

async function timed<T>(ctx: StackContext, phase: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    ctx.timings.push({ stack: ctx.name, phase, seconds: (Date.now() - started) / 1000 });
  }
}

/** `terraform init`, with `-backend-config=<file>` when the stack uses the S3 backend. */
export function init(ctx: StackContext, backendConfigFile?: string, extra: readonly string[] = []): Promise<unknown> {
  const args = ["init", "-input=false", "-no-color", ...(backendConfigFile ? [`-backend-config=${backendConfigFile}`] : []), ...extra];
  return timed(ctx, "init", () => ctx.tf.must("init", args));
}

export function apply(ctx: StackContext): Promise<unknown> {
  return timed(ctx, "apply", () => ctx.tf.must("apply", ["apply", ...APPLY_FLAGS, ...ctx.vars]));
}

export interface Replan {
  readonly drift: string[];
  readonly resources: number;
  readonly plan: PlanJson;
}

/** `plan -detailed-exitcode` (2 = changes) and the plan's JSON, read for drift and the resource count. */
export function replan(ctx: StackContext, planFile = "rehearsal.tfplan"): Promise<Replan> {
  return timed(ctx, "re-plan", async () => {
    const result = await ctx.tf.must("re-plan", ["plan", "-detailed-exitcode", "-input=false", "-no-color", `-out=${planFile}`, ...ctx.vars], [0, 2]);
    const plan: PlanJson = JSON.parse((await ctx.tf.must("show plan", ["show", "-json", planFile])).stdout);
    const drift = driftOf(plan).map(describeDrift);
    if (result.code === 2 && drift.length === 0) drift.push("(plan reported changes outside resources, e.g. outputs)");
    return { drift, resources: appliedResources(plan), plan };
  });
}

export function destroy(ctx: StackContext): Promise<{ code: number | null; output: string }> {
  return timed(ctx, "destroy", async () => {
    const result = await ctx.tf.run(["destroy", ...APPLY_FLAGS, ...ctx.vars]);
    return { code: result.code, output: result.stderr + result.stdout };
  });
}
