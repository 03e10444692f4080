import { commandSpec, readCommandLine, UsageError } from "../cli-args";

const SPEC = commandSpec({
  usage: "npm run cost -- [--markdown] [--dir <cdktf.out> [--stack <id>]] [--base <git ref>]",
  description:
    "Itemized monthly estimate of every environment (and news-shared) from the synthesized Terraform JSON.\n" +
    "  --markdown        markdown for a pull-request comment\n" +
    "  --dir <path>      read an existing `cdktf synth` output instead of synthesizing now\n" +
    "  --stack <id>      with --dir: price that one stack, e.g. a preview (news-pr<N>)\n" +
    "  --base <git ref>  also price <ref> (synthesized in a temporary git worktree) and show the delta",
  options: { markdown: { type: "boolean" }, dir: { type: "string" }, stack: { type: "string" }, base: { type: "string" } },
});

export interface CostOptions {
  /** Markdown for a pull-request comment instead of text. */
  readonly markdown: boolean;
  /** An existing synth output to read; undefined: synthesize now. */
  readonly dir?: string;
  /** With dir: the one stack to price; undefined: every costed stack. */
  readonly stack?: string;
  /** A git ref to price too, for the delta. */
  readonly base?: string;
}

/** The command line of `npm run cost` (tools/cli-args.ts: UsageError, HelpRequested). */
export function parseCostArgs(argv: readonly string[]): CostOptions {
  const { flags } = readCommandLine(argv, SPEC);
  if (flags.stack !== undefined && flags.dir === undefined) {
    throw new UsageError("--stack needs --dir <cdktf.out> (synthesize the stack first)", SPEC.usage);
  }
  return { markdown: flags.markdown ?? false, dir: flags.dir, stack: flags.stack, base: flags.base };
}
