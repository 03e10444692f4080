/** Infrastructure tests: synthesized Terraform JSON, transpiled by SWC (type-checking is `tsc --noEmit`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/tools"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  testTimeout: 60000,
};
