/**
 * The command lines of the repository's tools, parsed one way (`util.parseArgs`, strict): an unknown
 * flag, a missing value, a missing or extra positional argument is a UsageError naming it and ending
 * with the usage line; --help (-h) prints the usage and what the command does. A tool exports a pure
 * `parse…Args(argv)` built on readCommandLine (its tests call that), and its entry calls
 * `commandLine(parse…Args)`, which prints the help (exit 0) or the error (exit 2) and ends the process.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** A tool's command line. */
export interface CommandSpec<O extends ParseArgsOptionsConfig = Record<never, never>> {
  /** Printed after "usage: ", e.g. "ts-node tools/ci/plan-comparison.ts <staging plan.json> <prod plan.json>". */
  readonly usage: string;
  /** What the command does and what its arguments mean; --help prints it under the usage. */
  readonly description: string;
  /**
   * Its flags, as `util.parseArgs` takes them; --help (-h) is added.
   * @default {} (none but --help)
   */
  readonly options?: O;
  /**
   * Its positional arguments, in order, as the usage names them; an optional one in [brackets], after
   * the required ones.
   * @default [] (none: a positional argument is refused)
   */
  readonly positionals?: readonly string[];
}

/** A tool's command line, its flags' types kept (for Flags<O>). */
export const commandSpec = <O extends ParseArgsOptionsConfig = Record<never, never>>(spec: CommandSpec<O>): CommandSpec<O> => spec;

/** A command line that does not parse; its message ends with the usage line. */
export class UsageError extends Error {
  constructor(problem: string, usage: string) {
    super(`${problem}\nusage: ${usage}`);
    this.name = "UsageError";
  }
}

/** --help was given: `message` is the help text to print (nothing else runs). */
export class HelpRequested extends Error {
  constructor(text: string) {
    super(text);
    this.name = "HelpRequested";
  }
}

/** The values of single-valued flags: booleans for switches, text for the rest; absent when not given. */
export type Flags<O extends ParseArgsOptionsConfig> = {
  readonly [K in keyof O]?: O[K] extends { type: "boolean" } ? boolean : string;
};

export interface CommandLine<O extends ParseArgsOptionsConfig> {
  readonly flags: Flags<O>;
  readonly positionals: readonly string[];
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

export const helpText = (spec: CommandSpec<ParseArgsOptionsConfig>) => `usage: ${spec.usage}\n\n${spec.description}`;

/** "--base <value>, --markdown, --help": the flags a command accepts, for an unknown-flag error. */
function flagList(options: ParseArgsOptionsConfig): string {
  return Object.entries(options)
    .map(([name, option]) => (option.type === "string" ? `--${name} <value>` : `--${name}`))
    .join(", ");
}

/** util.parseArgs' error as one line; an unknown flag also lists the accepted ones. */
function problemOf(error: Error & { code?: string }, options: ParseArgsOptionsConfig): string {
  const unknown = error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'([^']+)'/.exec(error.message) : null;
  if (unknown) return `unknown flag ${unknown[1]}; allowed: ${flagList(options)}`;
  return error.message.replace(/\s*\n\s*/g, " ");
}

/**
 * A UsageError naming the first missing or extra argument unless `given` fits `names` (required ones,
 * then optional ones in [brackets]); for a subcommand's own arguments too.
 */
export function checkPositionals(given: readonly string[], names: readonly string[], usage: string): void {
  const required = names.filter((name) => !name.startsWith("["));
  if (given.length < required.length) throw new UsageError(`missing ${required.slice(given.length).join(" ")}`, usage);
  if (given.length > names.length) throw new UsageError(`unexpected argument ${JSON.stringify(given[names.length])}`, usage);
}

/**
 * The flags and positional arguments of `argv`, strictly (see the file's comment). Throws
 * HelpRequested when --help is given, before the positional arguments are counted.
 */
export function readCommandLine<O extends ParseArgsOptionsConfig>(argv: readonly string[], spec: CommandSpec<O>): CommandLine<O> {
  const names = spec.positionals ?? [];
  const options = { ...spec.options, ...HELP };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: names.length > 0 });
  } catch (error) {
    throw new UsageError(problemOf(error as Error, options), spec.usage);
  }
  if (parsed.values.help) throw new HelpRequested(helpText(spec));
  checkPositionals(parsed.positionals, names, spec.usage);
  const { help: _help, ...flags } = parsed.values;
  return { flags: flags as Flags<O>, positionals: parsed.positionals };
}

/** `value` when it is one of `allowed`, else a UsageError naming the argument, the value and the allowed ones. */
export function oneOf<T extends string>(what: string, value: string, allowed: readonly T[], usage: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${what} ${value}: unknown; allowed: ${allowed.join(", ")}`, usage);
}

/**
 * For a tool's entry: `parse(argv)`, or, after printing the help (stdout, exit 0) or the usage error
 * (stderr, exit `usageExit`), the end of the process.
 * @param usageExit 2 by convention; a tool whose exit 2 already means something else passes another
 */
export function commandLine<T>(parse: (argv: readonly string[]) => T, argv: readonly string[] = process.argv.slice(2), usageExit = 2): T {
  try {
    return parse(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(error.message);
      process.exit(0);
    }
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(usageExit);
  }
}
