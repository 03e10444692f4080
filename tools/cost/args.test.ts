import { parseCostArgs } from "./args";

describe("npm run cost's command line", () => {
  test("the flags the pull-request and preview workflows pass", () => {
    expect(parseCostArgs([])).toEqual({ markdown: false, dir: undefined, stack: undefined, base: undefined });
    expect(parseCostArgs(["--markdown", "--dir", "cdktf.out", "--base", "origin/main"])).toEqual({
      markdown: true,
      dir: "cdktf.out",
      stack: undefined,
      base: "origin/main",
    });
    expect(parseCostArgs(["--dir", "cdktf.out", "--stack", "news-pr42", "--markdown"])).toMatchObject({
      dir: "cdktf.out",
      stack: "news-pr42",
    });
  });

  test("an unknown flag, a flag without its value, or --stack without --dir is refused with the usage", () => {
    expect(() => parseCostArgs(["--markdwon"])).toThrow(
      /^unknown flag --markdwon; allowed: --markdown, --dir <value>, --stack <value>, --base <value>, --help\nusage: npm run cost/,
    );
    expect(() => parseCostArgs(["--base"])).toThrow(/^Option '--base <value>' argument missing\n/);
    expect(() => parseCostArgs(["--stack", "news-pr42"])).toThrow(/^--stack needs --dir <cdktf.out>/);
    expect(() => parseCostArgs(["cdktf.out"])).toThrow(/^Unexpected argument 'cdktf.out'/);
  });
});
