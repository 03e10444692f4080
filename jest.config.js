/**
 * The whole suite: infrastructure tests (synthesized Terraform JSON) and the news service's tests
 * (against real PostgreSQL and Redis). Both are transpiled by SWC; type-checking is `tsc --noEmit`.
 */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: "infra",
      testEnvironment: "node",
      roots: ["<rootDir>/test", "<rootDir>/tools"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": ["@swc/jest"] },
    },
    "<rootDir>/services/news-api",
  ],
};
