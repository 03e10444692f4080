import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments, validatePlatform } from "../../environments";
import type { EnvironmentConfig, PlatformConfig } from "../../environments/schema";
import type { Preview } from "../../environments/preview";
import { SYNTH_CACHE_DIR } from "./synth-cache";

/**
 * cdktf and the stacks, loaded when a file first synthesizes: most files only read their worker's cached
 * synthesis (below), and loading them costs each file about 0.4 s of CPU.
 */
function synthesizer() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { Testing } = require("cdktf") as typeof import("cdktf");
  const { defineStacks } = require("../../stacks") as typeof import("../../stacks");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { Testing, defineStacks };
}

/** A synthesized stack: the Terraform JSON cdktf writes to cdktf.out/stacks/<id>/cdk.tf.json. */
export interface TerraformJson {
  readonly terraform?: { backend?: Record<string, Record<string, unknown>>; required_version?: string };
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
  /** `ephemeral` blocks (modules/terraform/ephemeral-resource.ts): values that never reach state. */
  readonly ephemeral?: Record<string, Record<string, Record<string, any>>>;
  readonly output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  readonly variable?: Record<string, Record<string, unknown>>;
}

export interface SynthesizedApp {
  readonly state: TerraformJson;
  readonly shared: TerraformJson;
  /** The CI stacks of environment accounts other than the platform's, by account id. */
  readonly accounts: Readonly<Record<string, TerraformJson>>;
  readonly environments: Readonly<Record<string, TerraformJson>>;
}

/** Synthesizes every stack from a platform and environments the test built (e.g. prod in its own account). */
export function synthesize(platform: PlatformConfig, environments: readonly EnvironmentConfig[]): SynthesizedApp {
  const { Testing, defineStacks } = synthesizer();
  const app = Testing.app();
  const stacks = defineStacks(app, platform, environments);
  const parse = (stack: Parameters<typeof Testing.synth>[0]): TerraformJson => JSON.parse(Testing.synth(stack));
  return {
    state: parse(stacks.state),
    shared: parse(stacks.shared),
    accounts: Object.fromEntries(Object.entries(stacks.accounts).map(([account, stack]) => [account, parse(stack)])),
    environments: Object.fromEntries(Object.entries(stacks.environments).map(([name, stack]) => [name, parse(stack)])),
  };
}

let cached: SynthesizedApp | undefined;

/** This worker's copy of the real configuration's synthesis: later test files on the worker parse it instead of synthesizing. */
function workerCacheFile(): string | undefined {
  const dir = process.env[SYNTH_CACHE_DIR];
  const worker = process.env.JEST_WORKER_ID;
  return dir && worker && existsSync(dir) ? join(dir, `worker-${worker}.json`) : undefined;
}

/**
 * The real configuration, synthesized once per jest worker (each test file parses its own copy, so no
 * test sees another file's changes) and shared by a file's tests.
 */
export function synthesizedApp(): SynthesizedApp {
  if (cached) return cached;
  const file = workerCacheFile();
  if (file && existsSync(file)) return (cached = JSON.parse(readFileSync(file, "utf8")) as SynthesizedApp);
  cached = synthesize(validatePlatform(), loadEnvironments());
  if (file) writeFileSync(file, JSON.stringify(cached));
  return cached;
}

/** The real environments, validated. */
export function realEnvironments(): EnvironmentConfig[] {
  return loadEnvironments();
}

/** Synthesizes one environment stack from a config the test built (e.g. a variant of dev). */
export function synthesizeEnvironment(environment: EnvironmentConfig, platform: PlatformConfig = validatePlatform()): TerraformJson {
  return synthesize(platform, [environment]).environments[environment.name];
}

/** Synthesizes a pull request's preview stack (news-pr<N>) beside the real environments. */
export function synthesizePreview(preview: Preview, platform: PlatformConfig = validatePlatform()): TerraformJson {
  const { Testing, defineStacks } = synthesizer();
  const stacks = defineStacks(Testing.app(), platform, loadEnvironments(), [], preview);
  return JSON.parse(Testing.synth(stacks.preview!));
}

/** Synthesizes with a changed platform config (e.g. news-state migrated to S3). */
export function synthesizeWithPlatform(platform: PlatformConfig): SynthesizedApp {
  return synthesize(platform, []);
}
