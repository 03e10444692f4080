import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { filesUnder } from "../tools/cdktn/migrate";
import { computedModuleNames, moduleReferences } from "../tools/cdktn/rewrite";
import { repoRoot } from "../tools/cdktn/working-copy";
import { REQUIRED_TERRAFORM_VERSION } from "../stacks/backend";
import { newApp, TERRAFORM_TARGETS } from "../stacks/app";
import { synthesizedApp } from "./support/synth";

/**
 * The code stays one `npm run migrate:cdktn` away from CDK Terrain (npm run check:cdktn proves the rest).
 * The service never loads cdktf.
 */
const sources = [...filesUnder(repoRoot)]
  .map((f) => ({ file: relative(repoRoot, f), path: f }))
  .filter(({ file }) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts") && !file.startsWith("services/"))
  .map(({ file, path }) => ({ file, text: readFileSync(path, "utf8") }));

describe("ready for CDK Terrain", () => {
  test("every cdktf module the code names has a cdktn counterpart: deep provider imports, no cdktf-internal paths", () => {
    const unmappable = sources.flatMap(({ file, text }) =>
      moduleReferences(text)
        .filter((r) => r.problem)
        .map((r) => `${file}:${r.line} ${r.specifier}: ${r.problem}`),
    );
    expect(unmappable).toEqual([]);
  });

  test("no module name is built at run time (the rewrite could not see it)", () => {
    expect(sources.flatMap(({ file, text }) => computedModuleNames(text).map((line) => `${file}:${line}`))).toEqual([]);
  });

  test("the App declares the Terraform the JSON requires: cdktn refuses write-only arguments for an undeclared one (assumes 1.5.7)", () => {
    expect(newApp().node.tryGetContext("targetVersions")).toEqual({ terraform: REQUIRED_TERRAFORM_VERSION });
    expect(synthesizedApp().environments.dev.terraform?.required_version).toBe(TERRAFORM_TARGETS.targetVersions.terraform);
  });

  test("every App the code synthesizes comes from newApp (tests build theirs with Testing.app, which skips validation)", () => {
    const direct = sources.filter(({ file, text }) => !file.endsWith(".test.ts") && /\bnew App\(/.test(text)).map(({ file }) => file);
    expect(direct).toEqual(["stacks/app.ts"]);
  });
});
