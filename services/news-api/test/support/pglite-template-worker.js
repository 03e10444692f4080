// globalSetup starts this in a worker thread, outside jest, and does not wait for it: PGlite's initdb
// (seconds of WebAssembly CPU) runs while the first test files do. `<dir>/ready` appears once the data
// directory is whole; a failure leaves `<dir>/error` for the tests waiting on it to report.
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { workerData } = require("node:worker_threads");
const { PGlite } = require("@electric-sql/pglite");

async function initialise(dir) {
  await (await PGlite.create(join(dir, "data"))).close();
  writeFileSync(join(dir, "ready"), "");
}

initialise(workerData.dir).catch((error) => writeFileSync(join(workerData.dir, "error"), String(error?.stack ?? error)));
