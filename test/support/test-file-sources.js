// The source texts jest keeps for one test file (jest-runtime's `cacheFS`: path → text, read before the disk),
// backed by texts of files under node_modules that the worker has already read for an earlier test file.
// Dependencies do not change during a run; the project's own files are always read afresh.
const isDependency = (path) => path.includes("/node_modules/");

class TestFileSources extends Map {
  #dependencies;

  /** `own`: jest's map for the test file; `dependencies`: the worker's texts, shared by its test files. */
  constructor(own, dependencies) {
    super();
    this.#dependencies = dependencies;
    for (const [path, source] of own) this.set(path, source);
  }

  get(path) {
    return super.get(path) ?? (isDependency(path) ? this.#dependencies.get(path) : undefined);
  }

  set(path, source) {
    if (isDependency(path)) this.#dependencies.set(path, source);
    return super.set(path, source);
  }
}

module.exports = { TestFileSources };
