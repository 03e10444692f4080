import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { replaceBlock } from "../readme-block";
import { DESCRIPTIONS, LAYOUT_END, LAYOUT_START, renderLayout } from "./layout";

const repoRoot = join(__dirname, "..", "..");

/** A tree holding exactly the described paths, plus `extra` folders, with `missing` left out. */
function fakeRepository(extra: string[] = [], missing: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), "newsstack-layout-"));
  for (const path of [...Object.keys(DESCRIPTIONS), ...extra].filter((p) => !missing.includes(p))) {
    if (path.endsWith("/")) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), "");
    }
  }
  return root;
}

describe("README layout block", () => {
  test("matches the repository (run `npm run docs` after adding or removing a folder)", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(readme).toBe(replaceBlock(readme, LAYOUT_START, LAYOUT_END, renderLayout(repoRoot)));
  });

  test("lists the modules and tools folders with their descriptions", () => {
    const layout = renderLayout(repoRoot);
    for (const folder of ["guardrails/", "monitoring/", "waf/", "ci/", "cost/", "s3/", "diff/", "rehearsal/"])
      expect(layout).toMatch(new RegExp(`^  ${folder} +\\S`, "m"));
  });

  test("a new folder without a description, or a description of a removed one, is an error naming it", () => {
    const added = fakeRepository(["modules/queue/"]);
    const removed = fakeRepository([], ["tools/rotation/"]);
    try {
      expect(() => renderLayout(added)).toThrow("modules/queue/ has no description");
      expect(() => renderLayout(removed)).toThrow("tools/rotation/ is described but does not exist");
    } finally {
      for (const root of [added, removed]) rmSync(root, { recursive: true, force: true });
    }
  });
});
