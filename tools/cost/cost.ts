/**
 * `npm run cost`: itemized monthly estimate of every environment (and news-shared) from the
 * synthesized Terraform JSON and the dated price table in tools/cost/. Its flags: args.ts.
 */
import { commandLine } from "../cli-args";
import { parseCostArgs } from "./args";
import { estimateStack, SynthesizedStack, stackRegion } from "./estimate";
import { priceTable } from "./price-table";
import { synthesizeRef } from "../diff/synthesize-ref";
import { renderDelta, renderMarkdown, renderText } from "./render";
import { readSynthesized } from "../synth-output";
import { costedStackIds, synthesizeNow } from "./synthesized-stacks";

export function estimateAll(stacks: Record<string, SynthesizedStack>) {
  return Object.entries(stacks).map(([id, stack]) => estimateStack(id, stack, priceTable(stackRegion(stack) ?? "")));
}

if (require.main === module) {
  const options = commandLine(parseCostArgs);
  try {
    const ids = options.stack !== undefined ? [options.stack] : costedStackIds();
    const stacks = options.dir !== undefined ? readSynthesized(options.dir, ids) : synthesizeNow();
    const estimates = estimateAll(stacks);
    const table = priceTable(estimates[0].region);
    console.log(options.markdown ? renderMarkdown(estimates, table) : renderText(estimates, table));
    if (options.base !== undefined) {
      const ids = costedStackIds();
      const base = synthesizeRef(options.base);
      const baseEstimates = estimateAll(Object.fromEntries(ids.filter((id) => base[id]).map((id) => [id, base[id]])));
      console.log(`\n${renderDelta(baseEstimates, estimates, options.base)}`);
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
