/**
 * News service tests. The PostgreSQL and Redis servers: test/support/shared-servers.ts. */
module.exports = {
  displayName: "news-api",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest"],
    // ESM-only dependencies (of light-my-request and @fastify/static): Node loads them with
    // require(esm), Jest's module system cannot, so they are compiled to CommonJS for tests.
    "/node_modules/(content-disposition|cookie)/.+\\.js$": ["@swc/jest", { module: { type: "commonjs" } }],
    // PGlite's CommonJS build loads Node's modules with import(), which Jest's sandbox runs only under
    // --experimental-vm-modules; with that flag every test file's module registry stays in memory (workers grew
    // to ~650 MB, the infra project alone spent ~35 s more CPU). Compiled here, import("fs") becomes a require.
    "/node_modules/@electric-sql/pglite/dist/.+\\.cjs$": ["@swc/jest", { module: { type: "commonjs", strictMode: false } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(content-disposition|cookie|@electric-sql/pglite)/)"],
  // One PostgreSQL and one Redis for the run; each backend gets a database and key prefix of its own.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
};
