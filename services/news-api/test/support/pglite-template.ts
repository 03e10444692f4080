import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { PGliteDatabase } from "../../src/store/pglite-database";

/**
 * PGlite runs initdb (in WebAssembly: seconds of CPU) on every in-memory create. One data directory is
 * initialised per run; each PGlite backend opens a copy of it, which skips initdb, and gets a database
 * no other test sees.
 */

const TEMPLATE_DIR = "NEWS_TEST_PGLITE_TEMPLATE";
const running = globalThis as typeof globalThis & { newsPgliteTemplate?: Promise<number> };

/**
 * globalSetup: initialises the template in a worker thread (support/pglite-template-worker.js) and
 * returns at once; workers (forked afterwards) find it through the environment and wait for it.
 */
export function startPgliteTemplate(): void {
  const dir = mkdtempSync(join(tmpdir(), "news-pglite-template-"));
  const worker = new Worker(join(__dirname, "pglite-template-worker.js"), { workerData: { dir } });
  running.newsPgliteTemplate = new Promise((resolve) => worker.once("exit", resolve));
  process.env[TEMPLATE_DIR] = dir;
}

/** globalTeardown: after the template's worker (a run of only non-PGlite files may end before it does). */
export async function removePgliteTemplate(): Promise<void> {
  await running.newsPgliteTemplate;
  const dir = process.env[TEMPLATE_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** The template's data directory, once the worker has finished it. */
async function templateData(): Promise<string> {
  const dir = process.env[TEMPLATE_DIR];
  if (!dir) throw new Error(`${TEMPLATE_DIR} is not set: run the service tests through jest (its globalSetup makes the template)`);
  for (const deadline = Date.now() + 120_000; !existsSync(join(dir, "ready")); await new Promise((r) => setTimeout(r, 50))) {
    if (existsSync(join(dir, "error"))) throw new Error(`PGlite's template initdb failed:\n${readFileSync(join(dir, "error"), "utf8")}`);
    if (Date.now() > deadline) throw new Error(`PGlite's template ${dir} was not ready within 120 s`);
  }
  return join(dir, "data");
}

/** A fresh embedded database, opened on a copy of the template; `remove()` deletes the copy once it is closed. */
export async function pgliteFromTemplate(): Promise<{ database: PGliteDatabase; remove(): Promise<void> }> {
  const template = await templateData();
  const dir = mkdtempSync(join(tmpdir(), "news-pglite-"));
  cpSync(template, dir, { recursive: true });
  return { database: await PGliteDatabase.create(dir), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}
