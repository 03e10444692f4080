// globalSetup starts this in a worker thread, outside jest, and does not wait for it: PGlite's initdb
// (seconds of WebAssembly CPU) runs while the first test files do. `<dir>/ready` appears once the data
// directory is whole; a failure leaves `<dir>/error` for the tests waiting on it to report.
// The initdb runs in memory, exactly as the service's embedded default opens its database (src/runtime.ts,
// PGliteDatabase.create() with no directory), so every run proves that path; its dump, unpacked, is the
// template every PGlite test opens a copy of (runtime.test.ts's embedded runtime included).
const { execFileSync } = require("node:child_process");
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { workerData } = require("node:worker_threads");
const { PGlite } = require("@electric-sql/pglite");

// Baseline (Liftoff) WebAssembly code only: optimising PostgreSQL's hot functions costs more CPU than one initdb
// saves with them (measured: 7.8 → 5.4 s). V8 flags are process-wide: this thread runs in jest's main process,
// where no other WebAssembly runs.
require("node:v8").setFlagsFromString("--liftoff-only");

async function initialise(dir) {
  const db = await PGlite.create();
  // Copies start with a 16 MB buffer pool instead of initdb's 128 MB: PostgreSQL sets up its whole pool at start,
  // about 0.6 s of WebAssembly CPU per copy at 128 MB (a test's database holds a few rows). The initdb above is
  // still the embedded default's own; only its copies read this setting (postgresql.auto.conf).
  await db.exec("ALTER SYSTEM SET shared_buffers = '16MB'");
  await db.exec("CHECKPOINT"); // copies then open with next to no WAL to replay
  const dump = await db.dumpDataDir("none");
  await db.close();
  // Unpacked straight from memory: the ~40 MB tarball itself is never needed on disk.
  mkdirSync(join(dir, "data"));
  execFileSync("tar", ["-xf", "-", "-C", join(dir, "data"), "--no-same-owner"], { input: Buffer.from(await dump.arrayBuffer()) });
  writeFileSync(join(dir, "ready"), "");
}

initialise(workerData.dir).catch((error) => writeFileSync(join(workerData.dir, "error"), String(error?.stack ?? error)));
