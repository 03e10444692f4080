/** `npm run docs`: rewrites the generated blocks of README.md and docs/guardrails.md. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../environments";
import { estimateAll } from "./cost/cost";
import { COST_END, COST_START } from "./cost/readme-totals";
import { totalsTable } from "./cost/render";
import { synthesizeNow } from "./cost/synthesized-stacks";
import { renderEnvironmentTable, withFreshTable } from "./environment-table";
import { GUARDRAILS_DOC_END, GUARDRAILS_DOC_START, renderGuardrailsTable } from "./guardrails-doc";
import { RULES } from "../modules/guardrails/rules";
import { LAYOUT_END, LAYOUT_START, renderLayout } from "./layout/layout";
import { replaceBlock } from "./readme-block";

const path = join(__dirname, "..", "README.md");
let readme = withFreshTable(readFileSync(path, "utf8"), renderEnvironmentTable(loadEnvironments()));
readme = replaceBlock(readme, COST_START, COST_END, totalsTable(estimateAll(synthesizeNow())));
readme = replaceBlock(readme, LAYOUT_START, LAYOUT_END, renderLayout(join(__dirname, "..")));
writeFileSync(path, readme);
const guardrailsDoc = join(__dirname, "..", "docs", "guardrails.md");
writeFileSync(
  guardrailsDoc,
  replaceBlock(readFileSync(guardrailsDoc, "utf8"), GUARDRAILS_DOC_START, GUARDRAILS_DOC_END, renderGuardrailsTable(RULES)),
);
console.log("README.md (environment table, cost totals, layout) and docs/guardrails.md (rule table) updated");
