/**
 * Tests that need emulated AWS (moto_server and the aws CLI), run by `npm run test:moto` beside the moto
 * extension's unittests, not by `npm test`: unit tests must not depend on moto. Each skips where moto or
 * the aws CLI is missing. Files: `tools/**\/*.moto.test.ts`.
 */
const root = require("../../../jest.config.js");
const infra = root.projects.find((project) => project.displayName === "infra");

module.exports = {
  rootDir: "../../..",
  displayName: "moto",
  testEnvironment: "node",
  testTimeout: root.testTimeout,
  roots: ["<rootDir>/tools"],
  testMatch: ["**/*.moto.test.ts"],
  transform: infra.transform,
  transformIgnorePatterns: infra.transformIgnorePatterns,
};
