/**
 * For prod's job summary: how prod's saved plan differs from the plan staging applied in the same
 * run. Resource addresses are the same in every environment stack (construct paths), so a resource
 * whose actions differ is a change prod sees that staging did not prove, or the other way round.
 *   ts-node tools/ci/plan-comparison.ts <staging plan.json> <prod plan.json> >> $GITHUB_STEP_SUMMARY
 */
import { readFileSync } from "node:fs";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";

interface PlanJson {
  readonly resource_changes?: readonly { readonly address: string; readonly change: { readonly actions: readonly string[] } }[];
}

const changesOf = (plan: PlanJson) =>
  new Map(
    (plan.resource_changes ?? [])
      .filter((r) => !(r.change.actions.length === 1 && ["no-op", "read"].includes(r.change.actions[0])))
      .map((r) => [r.address, r.change.actions.join("+")] as const),
  );

/** Rows (address, staging actions, prod actions) where the two plans differ, sorted by address. */
export function planDifferences(staging: PlanJson, prod: PlanJson): [string, string, string][] {
  const before = changesOf(staging);
  const after = changesOf(prod);
  return [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .filter((address) => before.get(address) !== after.get(address))
    .map((address) => [address, before.get(address) ?? "—", after.get(address) ?? "—"]);
}

export function renderPlanComparison(staging: PlanJson, prod: PlanJson, labels = { reference: "staging", candidate: "prod" }): string {
  const rows = planDifferences(staging, prod);
  const title = `### ${labels.candidate} plan compared with what ${labels.reference} applied`;
  if (rows.length === 0) return `${title}\n\nSame resources, same actions.\n`;
  return [
    title,
    "",
    `| resource | ${labels.reference} | ${labels.candidate} |`,
    "| --- | --- | --- |",
    ...rows.map((r) => `| \`${r[0]}\` | ${r[1]} | ${r[2]} |`),
    "",
  ].join("\n");
}

const SPEC = commandSpec({
  usage: "ts-node tools/ci/plan-comparison.ts <staging plan.json> <prod plan.json>",
  description:
    "Prints, as markdown for the job summary, every resource whose planned actions differ between the two plans " +
    "(terraform show -json output, or plan-actions.json).",
  positionals: ["<staging plan.json>", "<prod plan.json>"],
});

export function parsePlanComparisonArgs(argv: readonly string[]): { readonly stagingFile: string; readonly prodFile: string } {
  const [stagingFile, prodFile] = readCommandLine(argv, SPEC).positionals;
  return { stagingFile, prodFile };
}

if (require.main === module) {
  const { stagingFile, prodFile } = commandLine(parsePlanComparisonArgs);
  const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as PlanJson;
  process.stdout.write(renderPlanComparison(read(stagingFile), read(prodFile)));
}
