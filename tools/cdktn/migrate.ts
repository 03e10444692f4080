import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";
import { rewriteCommands, rewriteDocCommands, rewritePackageJson, rewriteSource, rewriteWorkflow } from "./rewrite";

/**
 * `npm run migrate:cdktn [-- --dir <repo>]`: moves a checkout from cdktf to CDK Terrain in place —
 * imports, package.json (+ the variant's lockfile), commands in docs, scripts and workflows. cdktn keeps
 * cdktf.json, cdktf.out/ and CDKTF_OUTDIR, so those stay. Idempotent: a second run changes nothing.
 */

/** Generated, installed or ignored: never rewritten. tools/cdktn/ describes the move itself (its fixtures name cdktf on purpose). */
const SKIPPED = new Set(["node_modules", ".git", "cdktf.out", "dist", "coverage", ".gen", ".bench", ".terraform", "tools/cdktn"]);

/** The variant's lockfile, kept in sync by `npm run cdktn:lock`. */
export const VARIANT_LOCKFILE = join("tools", "cdktn", "package-lock.json");

/** Every file under `root` the move may rewrite (generated, installed and ignored folders left out). */
export function* filesUnder(root: string, dir = root): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (SKIPPED.has(relative(root, path)) || SKIPPED.has(entry.name)) continue;
    if (entry.isDirectory()) yield* filesUnder(root, path);
    else if (entry.isFile()) yield path;
  }
}

function rewriterFor(file: string): ((text: string) => string) | undefined {
  if (file === "package.json") return (text) => `${JSON.stringify(rewritePackageJson(JSON.parse(text)), null, 2)}\n`;
  if (/\.tsx?$/.test(file) && !file.endsWith(".d.ts")) return (text) => rewriteCommands(rewriteSource(text, file));
  if (/^\.github\/workflows\/.*\.ya?ml$/.test(file)) return rewriteWorkflow;
  if (file.endsWith(".md")) return rewriteDocCommands;
  return undefined;
}

/** Rewrites `root` in place; returns the files it changed (relative paths). Every file is checked before any is written. */
export function migrateToCdktn(root: string): string[] {
  const changes: { file: string; text: string }[] = [];
  const errors: string[] = [];
  for (const path of filesUnder(root)) {
    const file = relative(root, path);
    const rewrite = rewriterFor(file);
    if (!rewrite) continue;
    const before = readFileSync(path, "utf8");
    try {
      const after = rewrite(before);
      if (after !== before) changes.push({ file, text: after });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length) throw new Error(`cannot move to cdktn, nothing was changed:\n${errors.join("\n")}`);
  for (const { file, text } of changes) writeFileSync(join(root, file), text);
  const lockfile = join(root, VARIANT_LOCKFILE);
  const rootLockfile = join(root, "package-lock.json");
  if (existsSync(lockfile) && (!existsSync(rootLockfile) || readFileSync(lockfile, "utf8") !== readFileSync(rootLockfile, "utf8"))) {
    copyFileSync(lockfile, rootLockfile);
    changes.push({ file: "package-lock.json", text: "" });
  }
  return changes.map((c) => c.file).sort();
}

const SPEC = commandSpec({
  usage: "npm run migrate:cdktn [-- --dir <repo>]",
  description:
    "Moves a checkout from cdktf to CDK Terrain in place: imports, package.json and its lockfile, commands in docs, " +
    "scripts and workflows. Idempotent.\n  --dir <repo>  the checkout to move (default: this one)",
  options: { dir: { type: "string" } },
});

/** The checkout to move: --dir, else this one. */
export function parseMigrateArgs(argv: readonly string[]): { readonly root: string } {
  return { root: readCommandLine(argv, SPEC).flags.dir ?? join(__dirname, "..", "..") };
}

function main(root: string): void {
  const changed = migrateToCdktn(root);
  console.log(
    changed.length
      ? `moved to cdktn (${changed.length} files):\n${changed.map((f) => `  ${f}`).join("\n")}`
      : "already on cdktn: nothing to change",
  );
  if (changed.includes("package.json")) console.log("next: npm ci (Node >= 22.19 for the cdktn CLI), then npm run synth");
}

if (require.main === module) {
  const { root } = commandLine(parseMigrateArgs);
  try {
    main(root);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
