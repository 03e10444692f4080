/**
 * The whole suite: infrastructure tests (synthesized Terraform JSON) and the news service's tests
 * (against real PostgreSQL and Redis). Both are transpiled by SWC; type-checking is `tsc --noEmit`.
 */
const newsApi = require("./services/news-api/jest.config.js");

module.exports = {
  testTimeout: 60000,
  // Jest's default (cores − 1) runs a 2-core machine's suite in band on one core, while the service tests
  // mostly wait on servers, child processes and timers: one worker per core.
  maxWorkers: "100%",
  projects: [
    {
      displayName: "infra",
      // Node's, minus jest's source mapping of cdktf's token stack captures (test/support/synth-environment.ts).
      testEnvironment: "<rootDir>/test/support/synth-environment.ts",
      // jest-runtime, reading each dependency's source once per worker instead of once per test file.
      runtime: "<rootDir>/test/support/shared-sources-runtime.js",
      roots: ["<rootDir>/test", "<rootDir>/tools"],
      testMatch: ["**/*.test.ts"],
      // Tests that need moto run with `npm run test:moto` (tools/rehearsal/moto/jest.config.js).
      testPathIgnorePatterns: ["/node_modules/", "\\.moto\\.test\\.ts$"],
      // One synthesis of the real configuration per run, in jest's main process (test/support/synth-cache-setup.ts).
      globalSetup: "<rootDir>/test/support/synth-cache-setup.ts",
      globalTeardown: "<rootDir>/test/support/synth-cache-teardown.ts",
      // The contract test loads the service too: same transform for its ESM-only dependencies.
      transform: newsApi.transform,
      transformIgnorePatterns: newsApi.transformIgnorePatterns,
    },
    "<rootDir>/services/news-api",
  ],
};
