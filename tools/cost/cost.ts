/**
 * `npm run cost`: itemized monthly estimate of every environment (and news-shared) from the
 * synthesized Terraform JSON and the dated price table in tools/cost/.
 *   --markdown    print markdown for a pull-request comment
 *   --dir <path>  read an existing `cdktf synth` output instead of synthesizing now
 *   --base <ref>  also price <ref> (synthesized in a temporary git worktree) and show the delta
 *   --stack <id>  with --dir: price that one stack, e.g. a preview (news-pr<N>)
 */
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
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf("--dir");
  try {
    const stackIndex = args.indexOf("--stack");
    if (stackIndex >= 0 && dirIndex < 0) throw new Error("--stack needs --dir <cdktf.out> (synthesize the stack first)");
    const ids = stackIndex >= 0 ? [args[stackIndex + 1]] : costedStackIds();
    const stacks = dirIndex >= 0 ? readSynthesized(args[dirIndex + 1], ids) : synthesizeNow();
    const estimates = estimateAll(stacks);
    const table = priceTable(estimates[0].region);
    console.log(args.includes("--markdown") ? renderMarkdown(estimates, table) : renderText(estimates, table));
    const baseIndex = args.indexOf("--base");
    if (baseIndex >= 0) {
      const ids = costedStackIds();
      const base = synthesizeRef(args[baseIndex + 1]);
      const baseEstimates = estimateAll(Object.fromEntries(ids.filter((id) => base[id]).map((id) => [id, base[id]])));
      console.log(`\n${renderDelta(baseEstimates, estimates, args[baseIndex + 1])}`);
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
