/**
 * News service tests; run with NODE_OPTIONS=--experimental-vm-modules, still needed on Node 22 and 24 (PGlite loads its
 * WebAssembly runtime with a dynamic import, which Jest's vm sandbox allows only with that flag).
 * The PostgreSQL and Redis servers: test/support/shared-servers.ts. */
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
  },
  transformIgnorePatterns: ["/node_modules/(?!(content-disposition|cookie)/)"],
  // One PostgreSQL and one Redis for the run; each backend gets a database and key prefix of its own.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
};
