import { commandSpec, HelpRequested, oneOf, readCommandLine, UsageError } from "./cli-args";

const spec = commandSpec({
  usage: "copy.ts [--force] [--mode <fast|safe>] <from> <to> [log]",
  description: "Copies <from> to <to>.",
  options: { force: { type: "boolean" }, mode: { type: "string" } },
  positionals: ["<from>", "<to>", "[log]"],
});
const read = (...argv: string[]) => readCommandLine(argv, spec);
const problem = (argv: string[]) => {
  try {
    readCommandLine(argv, spec);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} parsed`);
};

describe("a tool's command line (tools/cli-args.ts)", () => {
  test("flags, with or without '=', and positional arguments up to the optional ones", () => {
    expect(read("a", "b")).toEqual({ flags: {}, positionals: ["a", "b"] });
    expect(read("--force", "a", "--mode=safe", "b", "c")).toEqual({ flags: { force: true, mode: "safe" }, positionals: ["a", "b", "c"] });
    expect(read("--mode", "fast", "--", "-a", "b")).toEqual({ flags: { mode: "fast" }, positionals: ["-a", "b"] });
  });

  test("an unknown flag is named with the accepted ones, on one line, before the usage", () => {
    expect(problem(["--forse", "a", "b"])).toBe(
      "unknown flag --forse; allowed: --force, --mode <value>, --help\nusage: copy.ts [--force] [--mode <fast|safe>] <from> <to> [log]",
    );
    expect(problem(["-x", "a", "b"])).toMatch(/^unknown flag -x; allowed: /);
  });

  test("a flag without its value, or given one it does not take, is refused on one line", () => {
    expect(problem(["a", "b", "--mode"])).toMatch(/^Option '--mode <value>' argument missing\nusage: /);
    expect(problem(["--mode", "--force", "a", "b"])).toMatch(/^Option '--mode' argument is ambiguous\. Did you forget [^\n]*\nusage: /);
    expect(problem(["--force=yes", "a", "b"])).toMatch(/^Option '--force' does not take an argument\nusage: /);
  });

  test("a missing or an extra positional argument is named", () => {
    expect(problem([])).toBe("missing <from> <to>\nusage: copy.ts [--force] [--mode <fast|safe>] <from> <to> [log]");
    expect(problem(["a"])).toMatch(/^missing <to>\n/);
    expect(problem(["a", "b", "c", "d"])).toMatch(/^unexpected argument "d"\n/);
    const noPositionals = commandSpec({ usage: "x.ts [--force]", description: "", options: { force: { type: "boolean" } } });
    expect(() => readCommandLine(["a"], noPositionals)).toThrow(
      /^Unexpected argument 'a'. This command does not take positional arguments\nusage: x.ts/,
    );
  });

  test("--help or -h asks for the usage and the description, whatever else is missing", () => {
    for (const argv of [["--help"], ["a", "-h"]]) {
      expect(() => readCommandLine(argv, spec)).toThrow(HelpRequested);
      expect(() => readCommandLine(argv, spec)).toThrow(
        "usage: copy.ts [--force] [--mode <fast|safe>] <from> <to> [log]\n\nCopies <from> to <to>.",
      );
    }
  });

  test("a value out of a closed set names the argument, the value and the allowed ones", () => {
    expect(oneOf("--mode", "safe", ["fast", "safe"], spec.usage)).toBe("safe");
    expect(() => oneOf("--mode", "slow", ["fast", "safe"], spec.usage)).toThrow(
      /^--mode slow: unknown; allowed: fast, safe\nusage: copy\.ts/,
    );
  });
});
