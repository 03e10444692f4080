import { App, Testing } from "cdktf";
import { testAppOutdir } from "./synth-cache";

/**
 * cdktf's Testing.app() for the infra tests. Left to itself it makes a temporary directory for every app and
 * never removes it (about 250 a run). These apps are synthesized in memory (Testing.synth), so they all name
 * the run's one outdir, removed with the run (support/synth-cache.ts).
 */
// eslint-disable-next-line no-restricted-syntax -- the one place that calls Testing.app, with the run's outdir
export const testingApp = (): App => Testing.app({ outdir: testAppOutdir() });
