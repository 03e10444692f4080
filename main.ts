// cdktf records a stack trace at every token it creates; under ts-node each one is formatted through
// source-map-support, about a third of synth time (measured: app 2.7 s → 1.8 s, 250 → 196 MB). Node's
// own formatting is kept unless DEBUG is set, when errors need TypeScript line numbers.
if (!process.env.DEBUG) delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

import { ENVIRONMENT_SELECTION_VARIABLE, loadEnvironments, selectEnvironments, validatePlatform } from "./environments";
import { selectPreview } from "./environments/preview";
import { ConfigError } from "./modules/errors";
import { formatReport } from "./modules/guardrails/guardrails";
import { allStacks, applyGuardrails, defineStacks } from "./stacks";
import { newApp } from "./stacks/app";

/**
 * Synthesizes news-state, news-shared and one stack per environment. Everything is validated before
 * the App writes anything, so a mistake leaves cdktf.out/ as it was.
 * NEWSSTACK_ENVIRONMENTS=dev,prod limits the environment stacks synthesized; NEWSSTACK_PREVIEW=<PR> adds
 * that pull request's preview, news-pr<N> (refused beyond the limit NEWSSTACK_ACTIVE_PREVIEWS shows).
 */
function main(): void {
  const platform = validatePlatform();
  const environments = loadEnvironments();
  const selected = selectEnvironments(environments, process.env[ENVIRONMENT_SELECTION_VARIABLE]);
  // The clock only dates a preview's expiry tag; without NEWSSTACK_PREVIEW synth stays deterministic.
  const preview = selectPreview(
    process.env,
    environments.find((e) => e.name === "dev"),
    new Date(),
  );
  const app = newApp();
  const stacks = defineStacks(app, platform, environments, selected, preview);
  // Every violation in every stack at once, before anything is written.
  const report = applyGuardrails(stacks).checkAll(allStacks(stacks));
  if (report.errors.length > 0) {
    console.error(formatReport(report));
    process.exit(1);
  }
  if (report.warnings.length + report.suppressed.length > 0) console.warn(formatReport(report));
  app.synth();
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError && !process.env.DEBUG) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
