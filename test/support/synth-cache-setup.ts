import { writeFileSync } from "node:fs";
import { synthesizeRealConfig } from "./synth";
import { createSynthCache, realConfigCacheFile } from "./synth-cache";

type Formatter = { prepareStackTrace?: ErrorConstructor["prepareStackTrace"] };

/**
 * The infra tests' globalSetup: the real configuration synthesized once for the whole run, here in jest's
 * main process before the workers start, instead of once in each worker (about 2 s of CPU each: loading
 * cdktf and the stacks, then a cold synthesis). If it fails (a change broke the real config), nothing is
 * written and each test that needs it synthesizes in its file and fails there with the error, as before.
 */
export default function setup(): void {
  createSynthCache();
  // V8's own stack format for cdktf's token stack captures, as main.ts does outside DEBUG: jest's
  // source-mapping formatter in this process would be most of the synthesis's CPU.
  const errors = Error as Formatter;
  const formatter = errors.prepareStackTrace;
  delete errors.prepareStackTrace;
  try {
    writeFileSync(realConfigCacheFile()!, JSON.stringify(synthesizeRealConfig()));
  } catch (error) {
    const reason = String(error).split("\n")[0];
    console.warn(`infra tests: the real configuration did not synthesize (${reason}); each test file that needs it will try itself.`);
  } finally {
    errors.prepareStackTrace = formatter;
  }
}
