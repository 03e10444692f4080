// The infra tests' jest runtime (jest's `runtime` option): jest-runtime, except that a worker reads the text of each
// file under node_modules once, not once per test file. Every infra test file loads cdktf and the provider
// classes, ~750 files and ~25 MB read and decoded each time (~6 s of CPU per run). Modules are still evaluated
// afresh in every test file's sandbox: only their unchanging source text is shared.
const Runtime = require("jest-runtime").default;
const { TestFileSources } = require("./test-file-sources");

const dependencies = new Map();

class SharedSourcesRuntime extends Runtime {
  constructor(config, environment, resolver, transformer, cacheFS, ...rest) {
    super(config, environment, resolver, transformer, new TestFileSources(cacheFS, dependencies), ...rest);
  }
}

// jest-runner loads a runtime with `require(path)` and takes its default export.
module.exports = { __esModule: true, default: SharedSourcesRuntime };
