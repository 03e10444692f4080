/**
 * The deploy's saved plan: the plan job encrypts `tfplan` (saved-plan-envelope.ts: KMS data key, AES-256-GCM)
 * and seals the synthesized stack with the encrypted plan in a SHA-256 manifest; the environment-gated
 * apply job verifies the manifest, decrypts and applies exactly that file, and explains a stale plan
 * (state changed since the plan) with how to re-run. No plaintext plan (tfplan, plan.json) is sealed.
 *   ts-node tools/ci/saved-plan.ts seal <stack dir>            encrypts tfplan, writes <stack dir>/plan.sha256
 *   ts-node tools/ci/saved-plan.ts verify <stack dir>          fails on a plaintext plan, a missing, extra or changed file
 *   ts-node tools/ci/saved-plan.ts decrypt <stack dir> <out>   the plan to apply, written to <out>
 *   ts-node tools/ci/saved-plan.ts actions <plan.json>         the value-free plan-actions.json, on stdout
 *   ts-node tools/ci/saved-plan.ts counts <plan-actions.json>  the summary's counts.json, on stdout
 *   ts-node tools/ci/saved-plan.ts explain <apply log> [env]   ::error:: with the next step when apply refused the plan
 * The workflow and the deploy rehearsal call these through tools/ci/saved-plan.sh (plan / verify / apply).
 */
import { createHash } from "node:crypto";
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { checkPositionals, commandLine, commandSpec, oneOf, readCommandLine } from "../cli-args";
import { planActions, planCounts } from "./saved-plan-actions";
import { openPlanFile, PLAINTEXT_PLAN, sealPlanFile } from "./saved-plan-envelope";

export const MANIFEST = "plan.sha256";
/** Created by `terraform init` in the apply job, not part of what was reviewed. */
const NOT_SEALED = [/^\.terraform\//, /^\.terraform\.lock\.hcl$/, new RegExp(`^${MANIFEST.replace(".", "\\.")}$`)];

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

/** `sha256sum`-style lines, sorted by path, of every file the apply will read. */
export function manifestOf(dir: string): string {
  return filesUnder(dir)
    .filter((file) => !NOT_SEALED.some((pattern) => pattern.test(file)))
    .sort()
    .map(
      (file) =>
        `${createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest("hex")}  ${file}`,
    )
    .join("\n")
    .concat("\n");
}

/** `terraform show -json` output: every value in clear, sensitive ones included. */
export const PLAN_JSON = "plan.json";

/** Plaintext plans in the directory (tfplan, plan.json, anywhere in it); none may be sealed or applied from it. */
export function plaintextPlans(dir: string): string[] {
  return filesUnder(dir)
    .filter((file) => !NOT_SEALED.some((pattern) => pattern.test(file)))
    .filter((file) => [PLAINTEXT_PLAN, PLAN_JSON].includes(basename(file)))
    .sort();
}

const plaintextError = (files: readonly string[]) =>
  `The plan directory holds a plaintext plan (${files.join(", ")}), which carries sensitive values in clear: ` +
  `only the encrypted plan may be sealed, uploaded or applied.`;

/** Differences between the sealed manifest and the directory now; empty when they match. */
export function manifestDifferences(sealed: string, now: string): string[] {
  const parse = (text: string) =>
    new Map(
      text
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(66), line.slice(0, 64)] as const),
    );
  const before = parse(sealed);
  const after = parse(now);
  const problems: string[] = [];
  for (const [file, hash] of before) {
    if (!after.has(file)) problems.push(`missing: ${file}`);
    else if (after.get(file) !== hash) problems.push(`changed: ${file}`);
  }
  for (const file of after.keys()) if (!before.has(file)) problems.push(`not in the reviewed plan: ${file}`);
  return problems;
}

/** Terraform's own wording when a saved plan no longer matches the state (1.11: fixtures/terraform/apply-stale-plan.txt). */
const STALE = /Error: Saved plan is stale/;

/** The error to show for a failed apply of a saved plan, or undefined when it is not a plan problem. */
export function explainApplyFailure(log: string, environment: string): string | undefined {
  if (!STALE.test(log)) return undefined;
  return (
    `The saved plan of ${environment} is stale: the state changed after it was planned (another apply, a rollback, or a change by hand), ` +
    ("so Terraform refused to apply it and nothing was changed. Re-run this workflow run's failed " +
      `jobs ("Re-run failed jobs" re-plans and asks for approval again), `) +
    `or dispatch the deploy workflow for the same SHA; review the new plan in the job summary before approving.`
  );
}

function verify(dir: string): void {
  const plaintext = plaintextPlans(dir);
  if (plaintext.length > 0) {
    console.error(`::error::${plaintextError(plaintext)} Not applying.`);
    process.exit(1);
  }
  const problems = manifestDifferences(readFileSync(join(dir, MANIFEST), "utf8"), manifestOf(dir));
  if (problems.length > 0) {
    console.error(`::error::The plan artifact does not match what was planned and reviewed; not applying.\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`Plan artifact verified: ${manifestOf(dir).trim().split("\n").length} files match ${MANIFEST}, no plaintext plan.`);
}

/** Encrypts tfplan (KMS data key) and writes the manifest; returns what it did, in one line. */
export function sealDirectory(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  // tfplan itself is what gets encrypted (and removed); any other plaintext plan stops the seal.
  const stray = plaintextPlans(dir).filter((file) => file !== PLAINTEXT_PLAN);
  if (stray.length > 0) throw new Error(plaintextError(stray));
  const key = sealPlanFile(dir, env);
  writeFileSync(join(dir, MANIFEST), manifestOf(dir));
  return `Saved plan of ${key.stackId} encrypted with a data key of ${key.keyId} and sealed in ${MANIFEST}.`;
}

/** Each command and its arguments (the file's comment says what it does). */
const COMMANDS = {
  seal: ["<stack dir>"],
  verify: ["<stack dir>"],
  decrypt: ["<stack dir>", "<out>"],
  actions: ["<plan.json>"],
  counts: ["<plan-actions.json>"],
  explain: ["<apply log>", "[environment]"],
} as const;

const SPEC = commandSpec({
  usage:
    "ts-node tools/ci/saved-plan.ts seal|verify <stack dir> | decrypt <stack dir> <out> | actions <plan.json> | " +
    "counts <plan-actions.json> | explain <apply log> [environment]",
  description:
    "The saved plan's steps, as tools/ci/saved-plan.sh runs them: seal encrypts tfplan and writes the manifest, verify " +
    "checks it, decrypt writes the plan to apply, actions and counts print the value-free summaries, explain prints " +
    "the next step when apply refused a stale plan ([environment] default: $ENVIRONMENT).",
  positionals: ["<command>", "[path]", "[out|environment]"],
});

export type SavedPlanArgs =
  | { readonly command: "seal" | "verify" | "actions" | "counts"; readonly path: string }
  | { readonly command: "decrypt"; readonly path: string; readonly out: string }
  | { readonly command: "explain"; readonly path: string; readonly environment?: string };

export function parseSavedPlanArgs(argv: readonly string[]): SavedPlanArgs {
  const [name, ...rest] = readCommandLine(argv, SPEC).positionals;
  const command = oneOf("command", name, Object.keys(COMMANDS) as (keyof typeof COMMANDS)[], SPEC.usage);
  checkPositionals(rest, COMMANDS[command], SPEC.usage);
  const [path, third] = rest;
  if (command === "decrypt") return { command, path, out: third };
  if (command === "explain") return { command, path, environment: third };
  return { command, path };
}

function main(args: SavedPlanArgs): void {
  const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
  if (args.command === "seal") {
    console.log(sealDirectory(args.path));
  } else if (args.command === "verify") {
    verify(args.path);
  } else if (args.command === "decrypt") {
    openPlanFile(args.path, args.out);
  } else if (args.command === "actions") {
    process.stdout.write(`${JSON.stringify(planActions(readJson(args.path)), null, 1)}\n`);
  } else if (args.command === "counts") {
    process.stdout.write(`${JSON.stringify(planCounts(readJson(args.path)))}\n`);
  } else if (args.command === "explain") {
    const environment = args.environment ?? process.env.ENVIRONMENT ?? "the environment";
    const message = explainApplyFailure(readFileSync(args.path, "utf8"), environment);
    if (message) {
      console.error(`::error::${message}`);
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### ❌ Stale plan\n\n${message}\n`);
    }
  }
}

if (require.main === module) {
  const args = commandLine(parseSavedPlanArgs);
  try {
    main(args);
  } catch (error) {
    // A KMS refusal or a ciphertext that does not open: one readable line, no stack trace.
    console.error(`::error::${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
