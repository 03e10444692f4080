import { existsSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { realConfigCacheFile, testAppOutdir } from "./support/synth-cache";
import { synthesizedApp } from "./support/synth";
import { testingApp } from "./support/testing-app";

/**
 * test/support/synth-cache-setup.ts: the real configuration is synthesized once per run, before the
 * workers start, and test files read that copy instead of loading cdktf and synthesizing it again.
 */
test("the run's synthesis of the real configuration is there for every test file", () => {
  expect(existsSync(realConfigCacheFile()!)).toBe(true);
  expect(Object.keys(synthesizedApp().environments).sort()).toEqual(["dev", "prod", "staging"]);
});

// cdktf's own Testing.app() left a temporary directory per app, about 250 a run, that nothing removed.
test("test apps share the run's outdir, which the run removes, and leave nothing of their own", () => {
  const outdir = testingApp().outdir;
  expect(outdir).toBe(testAppOutdir());
  expect(dirname(outdir)).toBe(dirname(realConfigCacheFile()!));
  expect(readdirSync(outdir)).toEqual(["stacks"]);
});
