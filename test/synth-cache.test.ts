import { existsSync } from "node:fs";
import { realConfigCacheFile } from "./support/synth-cache";
import { synthesizedApp } from "./support/synth";

/**
 * test/support/synth-cache-setup.ts: the real configuration is synthesized once per run, before the
 * workers start, and test files read that copy instead of loading cdktf and synthesizing it again.
 */
test("the run's synthesis of the real configuration is there for every test file", () => {
  expect(existsSync(realConfigCacheFile()!)).toBe(true);
  expect(Object.keys(synthesizedApp().environments).sort()).toEqual(["dev", "prod", "staging"]);
});
