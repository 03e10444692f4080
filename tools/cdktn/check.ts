import { spawn } from "node:child_process";
import { openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";
import { synthesizeWorkingTree } from "../diff/synthesize-ref";
import { readSynthesized } from "../synth-output";
import { migrateToCdktn } from "./migrate";
import { compareSyntheses, renderParity } from "./parity";
import { CDKTN_NODE_VERSION } from "./versions";
import { commitAll, copyWorkingTree, nodeFromRegistry } from "./working-copy";

/**
 * `npm run check:cdktn [-- [--skip-tests] [--keep]]`: proves the move to CDK Terrain is one command away.
 * In a temporary copy of this checkout: `migrate:cdktn`, `npm ci` from the variant's lockfile, `cdktn synth`
 * under the repository's Node (22), then every stack compared with today's cdktf synth (the AWS provider version is the only
 * allowed difference) and the infrastructure tests run on cdktn. The checkout is never modified.
 */

const SPEC = commandSpec({
  usage: "npm run check:cdktn [-- [--skip-tests] [--keep]]",
  description:
    "In a temporary copy of this checkout: migrate:cdktn, npm ci, cdktn synth, every stack compared with today's cdktf " +
    "synth, then the infrastructure tests on cdktn.\n" +
    "  --skip-tests  stop after the comparison\n" +
    "  --keep        keep the temporary copy (its path is printed)",
  options: { "skip-tests": { type: "boolean" }, keep: { type: "boolean" } },
});

export interface CheckOptions {
  /** Stop after the synth comparison. */
  readonly skipTests: boolean;
  /** Keep the temporary copy. */
  readonly keep: boolean;
}

export function parseCheckArgs(argv: readonly string[]): CheckOptions {
  const { flags } = readCommandLine(argv, SPEC);
  return { skipTests: flags["skip-tests"] ?? false, keep: flags.keep ?? false };
}

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command in the background, output to a log file; resolves with its exit code. */
function background(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): Promise<number> {
  const out = openSync(options.log, "w");
  return new Promise((resolve, reject) => {
    spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", out, out] })
      .on("error", reject)
      .on("exit", (code) => resolve(code ?? 1));
  });
}

const lastLines = (file: string, n = 15) => readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n");

async function main({ skipTests, keep }: CheckOptions): Promise<boolean> {
  const started = Date.now();
  const copy = copyWorkingTree("newsstack-cdktn-");
  try {
    const changed = migrateToCdktn(copy);
    commitAll(copy, "newsstack on cdktn (npm run check:cdktn)");
    console.log(`migrate:cdktn in ${copy}: ${changed.length} files rewritten`);
    const nodeDir = nodeFromRegistry(CDKTN_NODE_VERSION);
    const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH}`, CHECKPOINT_DISABLE: "1", NEWSSTACK_ENVIRONMENTS: "" };

    // The install waits on the network and disk, the cdktf synth on the CPU: run them side by side.
    const install = background("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: copy,
      env,
      log: join(copy, "npm-ci.log"),
    });
    const cdktf = synthesizeWorkingTree();
    console.log(`cdktf synth (this checkout): ${Object.keys(cdktf).length} stacks, ${elapsed(started)}`);
    if ((await install) !== 0) {
      const log = lastLines(join(copy, "npm-ci.log"));
      const stale = /in sync|Missing: |Invalid: /.test(log)
        ? "\ntools/cdktn/package-lock.json no longer matches package.json: run `npm run cdktn:lock` and commit it."
        : "";
      throw new Error(`npm ci of the cdktn variant failed:\n${log}${stale}`);
    }
    console.log(`npm ci (cdktn variant): ${elapsed(started)}`);

    const outdir = join(copy, "cdktn.synth");
    // Its stderr (a Terraform CLI-config warning on every run) only matters when it fails.
    const synth = await background(join(copy, "node_modules", ".bin", "cdktn"), ["synth", "--output", outdir], {
      cwd: copy,
      env,
      log: join(copy, "cdktn-synth.log"),
    });
    if (synth !== 0) throw new Error(`cdktn synth failed:\n${lastLines(join(copy, "cdktn-synth.log"), 40)}`);
    console.log(`cdktn synth under Node ${CDKTN_NODE_VERSION}: ${elapsed(started)}\n`);

    const parity = renderParity(compareSyntheses(cdktf, readSynthesized(outdir)));
    let testsPassed = true;
    if (parity.ok && !skipTests) {
      // The infrastructure tests (not the service's), on cdktn; the move's own tests stay with cdktf.
      const jest = [
        join(copy, "node_modules", "jest", "bin", "jest.js"),
        "--selectProjects",
        "infra",
        "--testPathIgnorePatterns",
        "tools/cdktn/",
        "--silent",
      ];
      testsPassed =
        (await background("node", jest, {
          cwd: copy,
          env,
          log: join(copy, "jest.log"),
        })) === 0;
      console.log(
        `infrastructure tests on cdktn: ${testsPassed ? "passed" : "FAILED"}, ${elapsed(started)} in ` +
          `all\n${lastLines(join(copy, "jest.log"), testsPassed ? 5 : 60)}\n`,
      );
    }
    console.log(parity.text); // the verdict stays the last line
    return parity.ok && testsPassed;
  } finally {
    if (keep) console.log(`kept ${copy}`);
    else rmSync(copy, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(commandLine(parseCheckArgs)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(`error: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
