import { parseArgs } from "node:util";

export const USAGE = "usage: npm run diff -- [--base <git ref>] [--markdown] [--strict] [--help]";

export interface DiffOptions {
  /** The ref to compare the working tree with; undefined: origin/main, else main. */
  readonly base?: string;
  /** Markdown for a pull-request comment instead of text. */
  readonly markdown: boolean;
  /** Exit 2 when any change is risky. */
  readonly strict: boolean;
  readonly help: boolean;
}

/** The command line of `npm run diff`, strictly: an unknown flag or a missing value is an error ending with the usage. */
export function parseDiffArgs(argv: readonly string[]): DiffOptions {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: "string" },
        markdown: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
}
