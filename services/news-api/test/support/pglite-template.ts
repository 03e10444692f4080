import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGliteDatabase } from "../../src/store/pglite-database";

/**
 * PGlite runs initdb (in WebAssembly: seconds of CPU) on every in-memory create. jest's globalSetup
 * initialises one data directory for the run; each PGlite backend opens a copy of it, which skips
 * initdb, and gets a database no other test sees.
 */

const TEMPLATE_DIR = "NEWS_TEST_PGLITE_TEMPLATE";

/** globalSetup: workers (forked afterwards) find the directory through the environment. */
export async function createPgliteTemplate(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "news-pglite-template-"));
  await (await PGliteDatabase.create(dir)).close();
  process.env[TEMPLATE_DIR] = dir;
}

/** globalTeardown. */
export function removePgliteTemplate(): void {
  const dir = process.env[TEMPLATE_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A fresh embedded database, opened on a copy of the template; `remove()` deletes the copy once it is closed. */
export async function pgliteFromTemplate(): Promise<{ database: PGliteDatabase; remove(): Promise<void> }> {
  const template = process.env[TEMPLATE_DIR];
  if (!template) throw new Error(`${TEMPLATE_DIR} is not set: run the service tests through jest (its globalSetup makes the template)`);
  const dir = mkdtempSync(join(tmpdir(), "news-pglite-"));
  cpSync(template, dir, { recursive: true });
  return { database: await PGliteDatabase.create(dir), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}
