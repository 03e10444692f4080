/**
 * News service tests; run with NODE_OPTIONS=--experimental-vm-modules, still needed on Node 22 and 24 (PGlite loads its
 * WebAssembly runtime with a dynamic import, which Jest's vm sandbox allows only with that flag). Each file starts the PostgreSQL and Redis servers it needs (test/support/servers.ts). */
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
  testTimeout: 60000,
};
