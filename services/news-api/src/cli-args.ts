import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** A command line: what it does, its usage line, and its flags for `util.parseArgs` (--help is added). */
export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** e.g. "npm run migrate -w services/news-api [--help]" */
  readonly usage: string;
  /** One paragraph: what the command does, and what each flag means. */
  readonly description: string;
  readonly options: O;
}

/** A command line that does not parse; its message ends with the usage line. */
export class UsageError extends Error {
  constructor(problem: string, usage: string) {
    super(`${problem}\nusage: ${usage}`);
    this.name = "UsageError";
  }
}

const helpOption = { help: { type: "boolean", short: "h" } } as const;

/** The values of single-valued flags: booleans for switches, text for the rest; absent when not given. */
export type Flags<O extends ParseArgsOptionsConfig> = { readonly [K in keyof O]?: O[K] extends { type: "boolean" } ? boolean : string } & {
  readonly help?: boolean;
};

export const helpText = (spec: CommandSpec<ParseArgsOptionsConfig>) => `usage: ${spec.usage}\n\n${spec.description}`;

/**
 * The flags of `argv`, strictly: an unknown flag, a missing value or a stray positional argument is a
 * UsageError naming it. `help` is true when --help (or -h) was given.
 */
export function readFlags<O extends ParseArgsOptionsConfig>(argv: readonly string[], spec: CommandSpec<O>): Flags<O> {
  try {
    const options = { ...spec.options, ...helpOption };
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Flags<O>;
  } catch (error) {
    throw new UsageError((error as Error).message, spec.usage);
  }
}

/** A flag's value as a whole number from `min` to `max`, or its default when not given. */
export function wholeNumberFlag(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  usage: string,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: must be a whole number from ${min} to ${max}`, usage);
  }
  return Number(value);
}

/**
 * For a CLI's entry: its options from the command line (`toOptions` turns the flags into them and may
 * throw a UsageError), or, after printing the help (exit 0) or the usage error (exit 2), the end of
 * the process.
 */
export function commandLine<O extends ParseArgsOptionsConfig, T>(
  spec: CommandSpec<O>,
  toOptions: (flags: Flags<O>) => T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  try {
    const flags = readFlags(argv, spec);
    if (flags.help) {
      console.log(helpText(spec));
      process.exit(0);
    }
    return toOptions(flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
