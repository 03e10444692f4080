/** test-file-sources.js: one test file's source texts, backed by the worker's texts of dependencies. */
export declare class TestFileSources extends Map<string, string> {
  constructor(own: Iterable<[string, string]>, dependencies: Map<string, string>);
}
