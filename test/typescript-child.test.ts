import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typescriptChildArgs } from "./support/typescript-child";

/** The light loader the tests' TypeScript child processes run on (test/support/typescript-child.ts). */
describe("a TypeScript entry run through typescriptChildArgs", () => {
  const dir = mkdtempSync(join(tmpdir(), "typescript-child-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A CommonJS module without __esModule: a default import of it needs esModuleInterop's interop.
  writeFileSync(join(dir, "greet.js"), "module.exports = (name) => `hello ${name}`;\n");
  writeFileSync(join(dir, "double.ts"), "export default function double(n: number): number {\n  return n * 2;\n}\n");
  const entry = join(dir, "entry.ts");
  const source = [
    'import greet from "./greet";',
    'import double from "./double";',
    'import type { Server } from "node:http";',
    "",
    "class Counter {",
    "  count: number = 21;",
    "}",
    "const server: Server | undefined = undefined;",
    "const typescript = Object.keys(require.cache).some((path) => path.includes('/node_modules/typescript/'));",
    "console.log(greet('typescript'), double(new Counter().count), Counter.name, server, typescript);",
    "if (process.argv[2] === 'throw') {",
    "  throw new Error('thrown on purpose');",
    "}",
  ];
  writeFileSync(entry, source.join("\n") + "\n");
  const run = (...args: string[]) => spawnSync(process.execPath, typescriptChildArgs(entry, args), { encoding: "utf8" });

  test("default imports of a CommonJS module and of a TypeScript module, types erased, without loading the compiler", () => {
    const result = run();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("hello typescript 42 Counter undefined false\n");
  });

  test("a thrown error's stack points at its line in the .ts file", () => {
    const result = run("throw");
    expect(result.status).toBe(1);
    const line = source.findIndex((text) => text.includes("throw new Error")) + 1;
    expect(result.stderr).toContain("Error: thrown on purpose");
    expect(result.stderr).toContain(`at Object.<anonymous> (${entry}:${line}:`);
  });
});
