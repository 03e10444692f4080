import { App, TerraformStack } from "cdktf";
import { unzipSync } from "fflate";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipAsset } from "../modules/terraform/zip-asset";

let work: string;
beforeEach(() => (work = mkdtempSync(join(tmpdir(), "zip-asset-test-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Synthesizes a stack holding one zip asset of `source` to disk; returns the asset's hash and the archive's bytes. */
function synthZip(source: string, outdir: string): { hash: string; files: Record<string, string>; relativePath: string } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "s");
  const asset = zipAsset(stack, "code", source);
  const hash = asset.assetHash;
  const relativePath = asset.path;
  app.synth();
  const zip = readFileSync(join(outdir, "stacks", "s", relativePath));
  const files = Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, Buffer.from(bytes).toString()]));
  return { hash, files, relativePath };
}

test("the archive holds every file of the folder, nested paths included, with its exact content", () => {
  const source = join(work, "src");
  mkdirSync(join(source, "lib"), { recursive: true });
  writeFileSync(join(source, "index.js"), "exports.handler = async () => 1;\n");
  writeFileSync(join(source, "lib", "util.js"), "module.exports = 2;\n");
  const { files, relativePath } = synthZip(source, join(work, "out"));
  expect(files).toEqual({ "index.js": "exports.handler = async () => 1;\n", "lib/util.js": "module.exports = 2;\n" });
  expect(relativePath).toMatch(/^assets\/code\/[A-F0-9]+\/archive\.zip$/);
});

test("the same source gives the same hash on every synth; a changed file changes it", () => {
  const source = join(work, "src");
  mkdirSync(source);
  writeFileSync(join(source, "index.js"), "a");
  const first = synthZip(source, join(work, "out1"));
  const again = synthZip(source, join(work, "out2"));
  writeFileSync(join(source, "index.js"), "b");
  const changed = synthZip(source, join(work, "out3"));
  expect(again.hash).toBe(first.hash);
  expect(changed.hash).not.toBe(first.hash);
  expect(readdirSync(join(work, "out1", "stacks", "s", "assets", "code"))).toEqual([first.hash]);
});
