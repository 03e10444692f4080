/** `npm run docs`: rewrites README.md's generated blocks (environment table, cost estimate totals). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../environments";
import { estimateAll } from "./cost/cost";
import { COST_END, COST_START } from "./cost/readme-totals";
import { totalsTable } from "./cost/render";
import { synthesizeNow } from "./cost/synthesized-stacks";
import { renderEnvironmentTable, withFreshTable } from "./environment-table";
import { replaceBlock } from "./readme-block";

const path = join(__dirname, "..", "README.md");
let readme = withFreshTable(readFileSync(path, "utf8"), renderEnvironmentTable(loadEnvironments()));
readme = replaceBlock(readme, COST_START, COST_END, totalsTable(estimateAll(synthesizeNow())));
writeFileSync(path, readme);
console.log("README.md: environment table and cost totals updated");
