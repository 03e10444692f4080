import { TestFileSources } from "./support/test-file-sources";

/** The infra tests' jest runtime (support/shared-sources-runtime.js) gives each test file one of these. */
describe("a test file's source texts, backed by the worker's texts of dependencies", () => {
  const dependency = "/repo/node_modules/cdktf/lib/index.js";
  const own = "/repo/modules/network/network.ts";

  test("a dependency read for one test file is served to the next without a read", () => {
    const worker = new Map<string, string>();
    new TestFileSources([], worker).set(dependency, "cdktf's text");
    const next = new TestFileSources([], worker);
    expect(next.get(dependency)).toBe("cdktf's text");
  });

  test("the project's own files are never shared: each test file reads them itself", () => {
    const worker = new Map<string, string>();
    new TestFileSources([], worker).set(own, "network.ts as the first file read it");
    expect(new TestFileSources([], worker).get(own)).toBeUndefined();
    expect([...worker.keys()]).toEqual([]);
  });

  test("jest's own entries (the test file's text) are kept; clearing a test file's texts leaves the worker's", () => {
    const worker = new Map<string, string>();
    const first = new TestFileSources([["/repo/test/network.test.ts", "the test"]], worker);
    expect(first.get("/repo/test/network.test.ts")).toBe("the test");
    first.set(dependency, "cdktf's text");
    first.clear();
    expect(first.get("/repo/test/network.test.ts")).toBeUndefined();
    expect(first.get(dependency)).toBe("cdktf's text");
  });
});
