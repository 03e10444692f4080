import { HelpRequested } from "../cli-args";
import { parseDiffArgs } from "./args";

describe("npm run diff's command line (util.parseArgs)", () => {
  test("flags as the pull-request workflow and the README pass them", () => {
    expect(parseDiffArgs([])).toEqual({ base: undefined, markdown: false, strict: false });
    expect(parseDiffArgs(["--base", "e17d648~1", "--markdown", "--strict"])).toEqual({ base: "e17d648~1", markdown: true, strict: true });
    expect(parseDiffArgs(["--base=main"])).toMatchObject({ base: "main" });
    expect(() => parseDiffArgs(["--base=main", "-h"])).toThrow(HelpRequested);
  });

  test("an unknown flag or a --base without its ref is refused with the usage (it used to diff against the default)", () => {
    expect(() => parseDiffArgs(["--bsae", "main"])).toThrow(
      /^unknown flag --bsae; allowed: --base <value>, --markdown, --strict, --help\nusage: npm run diff -- \[--base <git ref>\]/,
    );
    expect(() => parseDiffArgs(["--base"])).toThrow(/^Option '--base <value>' argument missing/);
  });
});
