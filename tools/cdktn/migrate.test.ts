import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { moduleReferences } from "./rewrite";
import { migrateToCdktn, VARIANT_LOCKFILE } from "./migrate";
import { copyWorkingTree, repoRoot } from "./working-copy";

/** npm run migrate:cdktn on a temporary copy of this checkout (no install: check:cdktn installs, synthesizes and tests the result). */
describe("migrate:cdktn on a copy of the repository", () => {
  const copy = copyWorkingTree("newsstack-migrate-test-");
  const changed = migrateToCdktn(copy);
  const read = (file: string) => readFileSync(join(copy, file), "utf8");
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  test("imports, package.json, lockfile, README commands and workflows move", () => {
    expect(changed).toEqual(
      expect.arrayContaining([
        "package.json",
        "package-lock.json",
        "README.md",
        "stacks/app.ts",
        "stacks/backend.ts",
        "test/support/synth.ts",
      ]),
    );
    const pkg = JSON.parse(read("package.json"));
    expect(pkg.dependencies).toMatchObject({ cdktn: "0.24.0", "@cdktn/provider-aws": "25.7.0", constructs: "10.6.0" });
    expect(pkg.dependencies.cdktf).toBeUndefined();
    expect(read("package-lock.json")).toBe(readFileSync(join(repoRoot, VARIANT_LOCKFILE), "utf8"));
    expect(read("README.md")).not.toMatch(/npx cdktf /);
    expect(read(".github/workflows/deploy-environment.yml")).toMatch(/node-version: "?22\.23\.3"?/);
    for (const workflow of [".github/workflows/deploy-environment.yml", ".github/workflows/pr.yml"])
      expect(read(workflow)).not.toMatch(/npx cdktf /);
  });

  test("no cdktf module is left in any TypeScript file it rewrote", () => {
    const leftovers = changed
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => moduleReferences(read(f)).map((r) => `${f}:${r.line} ${r.specifier}`));
    expect(leftovers).toEqual([]);
  });

  test("the cdktf.json of the checkout stays (cdktn reads cdktf.json and writes cdktf.out/)", () => {
    expect(read("cdktf.json")).toBe(readFileSync(join(repoRoot, "cdktf.json"), "utf8"));
  });

  test("a second run changes nothing", () => {
    expect(migrateToCdktn(copy)).toEqual([]);
  });
});
