import { computedModuleNames, moduleReferences, rewriteDocCommands, rewritePackageJson, rewriteSource, rewriteWorkflow } from "./rewrite";

const SOURCE = [
  'import { App, TerraformStack } from "cdktf";',
  'import type { Construct } from "constructs";',
  "import { Vpc } from '@cdktf/provider-aws/lib/vpc';",
  'export { S3Backend } from "cdktf";',
  'jest.mock("cdktf");',
  'const tags = { ManagedBy: "cdktf" }; // a value, not a module',
].join("\n");

describe("cdktf → cdktn rewrite", () => {
  test("renames every module specifier and nothing else", () => {
    expect(rewriteSource(SOURCE, "x.ts")).toBe(
      [
        'import { App, TerraformStack } from "cdktn";',
        'import type { Construct } from "constructs";',
        "import { Vpc } from '@cdktn/provider-aws/lib/vpc';",
        'export { S3Backend } from "cdktn";',
        'jest.mock("cdktn");',
        'const tags = { ManagedBy: "cdktf" }; // a value, not a module',
      ].join("\n"),
    );
  });

  test("is idempotent", () => {
    const once = rewriteSource(SOURCE, "x.ts");
    expect(rewriteSource(once, "x.ts")).toBe(once);
  });

  test.each([
    ['import { Token } from "cdktf/lib/tokens";', /x\.ts:1: "cdktf\/lib\/tokens" — a cdktf-internal path/],
    ['import * as aws from "@cdktf/provider-aws";', /x\.ts:1: "@cdktf\/provider-aws" — the provider's root index/],
    [
      '\nimport { Id } from "@cdktf/provider-random/lib/id";',
      /x\.ts:2: "@cdktf\/provider-random\/lib\/id" — no cdktn counterpart is pinned/,
    ],
  ])("refuses what it cannot map, naming file and line: %s", (source, message) => {
    expect(moduleReferences(source)[0].problem).toBeDefined();
    expect(() => rewriteSource(source, "x.ts")).toThrow(message);
  });

  test("finds module names built at run time", () => {
    expect(computedModuleNames('const a = require("cdktf");\nconst b = require(`cdk${"tf"}`);\nimport(name);')).toEqual([2, 3]);
    expect(computedModuleNames("const lint = require(join(dir, 'run-lint.js')); // not a cdktf module")).toEqual([]);
  });

  test("package.json: cdktf packages swapped for the pinned cdktn ones, scripts renamed, Node >= 22.19; idempotent", () => {
    const pkg = {
      name: "x",
      engines: { node: ">=20.9.0" },
      scripts: { synth: "CHECKPOINT_DISABLE=1 cdktf synth", cost: "ts-node tools/cost/cost.ts" },
      dependencies: { "@cdktf/provider-aws": "21.22.1", cdktf: "0.21.0", constructs: "10.4.2", zod: "3.25.76" },
      devDependencies: { "cdktf-cli": "0.21.0", jest: "30.5.2" },
    };
    const moved = rewritePackageJson(pkg);
    expect(moved).toEqual({
      name: "x",
      engines: { node: ">=22.19.0" },
      scripts: { synth: "CHECKPOINT_DISABLE=1 cdktn synth", cost: "ts-node tools/cost/cost.ts" },
      dependencies: { "@cdktn/provider-aws": "25.7.0", cdktn: "0.24.0", constructs: "10.6.0", zod: "3.25.76" },
      devDependencies: { "cdktn-cli": "0.24.0", jest: "30.5.2" },
    });
    expect(Object.keys(moved)).toEqual(Object.keys(pkg));
    expect(rewritePackageJson(moved)).toEqual(moved);
  });

  test("docs: commands renamed, prose about cdktf kept", () => {
    const doc =
      "npx cdktf deploy news-dev\n`cdktf diff news-state` must say so\nNEWSSTACK_ENVIRONMENTS=dev npx " +
      "cdktf synth\ncdktf 0.21 has no ephemeral classes";
    expect(rewriteDocCommands(doc)).toBe(
      "npx cdktn deploy news-dev\n`cdktn diff news-state` must say so\nNEWSSTACK_ENVIRONMENTS=dev npx " +
        "cdktn synth\ncdktf 0.21 has no ephemeral classes",
    );
  });

  test("workflows: the CLI call and setup-node move to the repository's Node", () => {
    const workflow =
      '      - uses: actions/setup-node@v4\n        with:\n          node-version: "20.20.2"\n      - run: npx cdktf deploy "$STACK"\n';
    expect(rewriteWorkflow(workflow)).toBe(
      '      - uses: actions/setup-node@v4\n        with:\n          node-version: "22.23.3"\n      - run: npx cdktn deploy "$STACK"\n',
    );
  });
});
