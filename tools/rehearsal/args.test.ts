import { parseArgs } from "./args";

describe("rehearsal arguments", () => {
  it("defaults to dev, no keep, no report", () => {
    expect(parseArgs([])).toEqual({ env: "dev", keep: false, report: undefined, planFixture: undefined, preview: undefined });
  });

  it("reads --env all, --keep, --report file and --plan-fixture dir, with or without '='", () => {
    expect(parseArgs(["--env", "all", "--keep", "--report=r.json", "--plan-fixture", "fx"])).toEqual({
      env: "all",
      keep: true,
      report: "r.json",
      planFixture: "fx",
      preview: undefined,
    });
  });

  it("reads --preview <PR number> and refuses what synth's NEWSSTACK_PREVIEW refuses", () => {
    expect(parseArgs(["--preview", "42"]).preview).toBe(42);
    expect(parseArgs(["--preview=7"]).preview).toBe(7);
    for (const bad of ["0", "-3", "4.5", "abc", "123456789"]) {
      expect(() => parseArgs(["--preview", bad])).toThrow(`--preview = ${JSON.stringify(bad)}: must be a pull-request number`);
    }
  });

  it("names the bad value and the allowed ones", () => {
    expect(() => parseArgs(["--env", "prod"])).toThrow("--env prod: unknown; allowed: dev, all");
  });

  it("refuses an unknown argument and a missing value", () => {
    expect(() => parseArgs(["--force"])).toThrow("unknown argument --force");
    expect(() => parseArgs(["--report"])).toThrow("--report needs a value");
    expect(() => parseArgs(["--report", "--keep"])).toThrow("--report needs a value");
  });
});
