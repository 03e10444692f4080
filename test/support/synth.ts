import { existsSync, readFileSync } from "node:fs";
import { loadEnvironments, validatePlatform } from "../../environments";
import type { EnvironmentConfig, PlatformConfig } from "../../environments/schema";
import type { Preview } from "../../environments/preview";
import { realConfigCacheFile } from "./synth-cache";

/**
 * cdktf and the stacks, loaded when a file first synthesizes: most files only read the run's cached
 * synthesis (below), and loading them costs each file about 1 s of CPU.
 */
function synthesizer() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { Testing } = require("cdktf") as typeof import("cdktf");
  const { testingApp } = require("./testing-app") as typeof import("./testing-app");
  const { defineStacks } = require("../../stacks") as typeof import("../../stacks");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { Testing, testingApp, defineStacks };
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
  const { Testing, testingApp, defineStacks } = synthesizer();
  const app = testingApp();
  const stacks = defineStacks(app, platform, environments);
  const parse = (stack: Parameters<typeof Testing.synth>[0]): TerraformJson => JSON.parse(Testing.synth(stack));
  return {
    state: parse(stacks.state),
    shared: parse(stacks.shared),
    accounts: Object.fromEntries(Object.entries(stacks.accounts).map(([account, stack]) => [account, parse(stack)])),
    environments: Object.fromEntries(Object.entries(stacks.environments).map(([name, stack]) => [name, parse(stack)])),
  };
}

/** The real platform and environments, synthesized: what the run's copy holds (synth-cache-setup.ts). */
export function synthesizeRealConfig(): SynthesizedApp {
  return synthesize(validatePlatform(), loadEnvironments());
}

let cached: SynthesizedApp | undefined;

/**
 * The real configuration, synthesized once per jest run (test/support/synth-cache-setup.ts; each test file
 * parses its own copy, so no test sees another file's changes) and shared by a file's tests. Without the
 * run's copy (another jest config, or the setup's synthesis failed) the file synthesizes it itself.
 */
export function synthesizedApp(): SynthesizedApp {
  if (cached) return cached;
  const file = realConfigCacheFile();
  if (file && existsSync(file)) return (cached = JSON.parse(readFileSync(file, "utf8")) as SynthesizedApp);
  return (cached = synthesizeRealConfig());
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
  const { Testing, testingApp, defineStacks } = synthesizer();
  const stacks = defineStacks(testingApp(), platform, loadEnvironments(), [], preview);
  return JSON.parse(Testing.synth(stacks.preview!));
}

/** Synthesizes with a changed platform config (e.g. news-state migrated to S3). */
export function synthesizeWithPlatform(platform: PlatformConfig): SynthesizedApp {
  return synthesize(platform, []);
}
