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
 * Parallelism 30 instead of 10: most of an apply is spent in provider waiters (RDS, S3 lifecycle,
 * KMS), and ten waiting resources would otherwise block the rest; a re-plan refreshes ~100 resources,
 * each a few sequential reads, so it gains the same way.
 */
const PARALLELISM = "-parallelism=30";
/** Unattended apply/destroy. */
export const APPLY_FLAGS = ["-auto-approve", "-input=false", "-no-color", PARALLELISM] as const;

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
}

/**
 * `plan -detailed-exitcode` (2 = changes). Without changes the resource count comes from `state list`
 * (no provider start); with changes `show -json` of the plan names each drifted resource and attribute
 * (a `show -json` loads the whole AWS provider schema, the slowest of the three under load).
 */
export function replan(ctx: StackContext, planFile = "rehearsal.tfplan"): Promise<Replan> {
  return timed(ctx, "re-plan", async () => {
    const result = await ctx.tf.must(
      "re-plan",
      ["plan", "-detailed-exitcode", "-input=false", "-no-color", PARALLELISM, `-out=${planFile}`, ...ctx.vars],
      [0, 2],
    );
    if (result.code === 0) return { drift: [], resources: await managedResources(ctx) };
    const plan: PlanJson = JSON.parse((await ctx.tf.must("show plan", ["show", "-json", planFile])).stdout);
    const drift = driftOf(plan).map(describeDrift);
    if (drift.length === 0) drift.push("(plan reported changes outside resources, e.g. outputs)");
    return { drift, resources: appliedResources(plan) };
  });
}

/** Managed resources in the stack's state (`state list` without data sources). */
export async function managedResources(ctx: StackContext): Promise<number> {
  const listed = await ctx.tf.must("state list", ["state", "list"]);
  return listed.stdout.split("\n").filter((line) => line.trim() && !line.startsWith("data.") && !line.includes(".data.")).length;
}

export function destroy(ctx: StackContext): Promise<{ code: number | null; output: string }> {
  return timed(ctx, "destroy", async () => {
    const result = await ctx.tf.run(["destroy", ...APPLY_FLAGS, ...ctx.vars]);
    return { code: result.code, output: result.stderr + result.stdout };
  });
}
