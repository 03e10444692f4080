import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** Zip entries get this fixed time, so the archive's bytes depend on the files' content only. */
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

/** Every regular file under `dir`, keyed by its forward-slash path relative to `dir`, sorted. */
function readTree(dir: string, root = dir): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, readTree(path, root));
    else if (entry.isFile()) files[relative(root, path).split("\\").join("/")] = readFileSync(path);
  }
  return files;
}

/**
 * The zip of a source folder as a Terraform asset (`path` for `filename`, `assetHash` for
 * `source_code_hash`). cdktf's own `AssetType.ARCHIVE` spawns a Node process per asset to run an
 * async zip library synchronously — about a second per stack on 2 cores, on every synth and in every
 * test that synthesizes a stack. This zips in-process instead; the archive is deterministic (fixed
 * times, sorted entries), so the same source gives the same bytes and the same hash on any machine.
 */
export function zipAsset(scope: Construct, id: string, sourceDir: string): TerraformAsset {
  const zip = zipSync(readTree(sourceDir), { mtime: FIXED_MTIME, level: 9 });
  const digest = createHash("sha256").update(zip).digest("hex");
  // TerraformAsset copies a file into the stack's assets folder; it needs a path to copy from.
  // Written under a temporary name and renamed: parallel synths (jest workers) never see half a file.
  const stagingDir = join(tmpdir(), "newsstack-zip-assets", digest);
  mkdirSync(stagingDir, { recursive: true });
  const zipPath = join(stagingDir, "archive.zip");
  const partPath = `${zipPath}.${process.pid}.part`;
  writeFileSync(partPath, zip);
  renameSync(partPath, zipPath);
  return new TerraformAsset(scope, id, { path: zipPath, type: AssetType.FILE });
}
