/**
 * `node --require` hook for test-spawned TypeScript: each .ts file is transpiled by @swc/core's
 * transformSync with the options ts-node's swc mode derives from our tsconfigs (CommonJS, ES2022,
 * esModuleInterop's default-import interop, class names and define semantics kept). ts-node loads the
 * TypeScript compiler in every process even in swc mode (about 0.6 s of CPU per start); this does not.
 * No type checking here: `npm run typecheck` does that. Tests only (test/support/typescript-child.ts);
 * production commands keep ts-node.
 */
const { readFileSync } = require("node:fs");
const { transformSync } = require("@swc/core");

// Inline source maps only when the process maps stack traces (--enable-source-maps): otherwise unused.
const sourceMaps = process.sourceMapsEnabled ? "inline" : false;

const options = {
  swcrc: false,
  sourceMaps,
  module: { type: "commonjs", strictMode: true, noInterop: false },
  jsc: {
    target: "es2022",
    keepClassNames: true,
    parser: { syntax: "typescript", dynamicImport: true },
    transform: { legacyDecorator: true, useDefineForClassFields: true },
  },
};

require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, "utf8"), { ...options, filename });
  module._compile(code, filename);
};
