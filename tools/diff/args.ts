import { commandSpec, readCommandLine } from "../cli-args";

const SPEC = commandSpec({
  usage: "npm run diff -- [--base <git ref>] [--markdown] [--strict] [--help]",
  description:
    "Synthesizes the base ref and the working tree, offline, and prints per stack the resources added, removed and " +
    "changed, flagging risky changes.\n" +
    "  --base <git ref>  the ref to compare with (default origin/main, else main)\n" +
    "  --markdown        markdown for a pull-request comment\n" +
    "  --strict          exit 2 when any change is risky",
  options: { base: { type: "string" }, markdown: { type: "boolean" }, strict: { type: "boolean" } },
});

export interface DiffOptions {
  /** The ref to compare the working tree with; undefined: origin/main, else main. */
  readonly base?: string;
  /** Markdown for a pull-request comment instead of text. */
  readonly markdown: boolean;
  /** Exit 2 when any change is risky. */
  readonly strict: boolean;
}

/** The command line of `npm run diff` (tools/cli-args.ts: UsageError, HelpRequested). */
export function parseDiffArgs(argv: readonly string[]): DiffOptions {
  const { flags } = readCommandLine(argv, SPEC);
  return { base: flags.base, markdown: flags.markdown ?? false, strict: flags.strict ?? false };
}
