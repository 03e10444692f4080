import { HelpRequested } from "../cli-args";
import { parseRehearsalArgs } from "./args";

describe("rehearsal arguments", () => {
  it("defaults to dev, no keep, no report", () => {
    expect(parseRehearsalArgs([])).toEqual({ env: "dev", keep: false, report: undefined, planFixture: undefined, preview: undefined });
  });

  it("reads --env all, --keep, --report file and --plan-fixture dir, with or without '='", () => {
    expect(parseRehearsalArgs(["--env", "all", "--keep", "--report=r.json", "--plan-fixture", "fx"])).toEqual({
      env: "all",
      keep: true,
      report: "r.json",
      planFixture: "fx",
      preview: undefined,
    });
    expect(parseRehearsalArgs(["--env", "dev"]).env).toBe("dev"); // .ci/run's command line
  });

  it("reads --preview <PR number> and refuses what synth's NEWSSTACK_PREVIEW refuses", () => {
    expect(parseRehearsalArgs(["--preview", "42"]).preview).toBe(42);
    expect(parseRehearsalArgs(["--preview=7"]).preview).toBe(7);
    for (const bad of ["0", "4.5", "abc", "123456789"]) {
      expect(() => parseRehearsalArgs(["--preview", bad])).toThrow(`--preview = ${JSON.stringify(bad)}: must be a pull-request number`);
    }
    expect(() => parseRehearsalArgs(["--preview=-3"])).toThrow(`--preview = "-3": must be a pull-request number`);
  });

  it("names the bad value and the allowed ones", () => {
    expect(() => parseRehearsalArgs(["--env", "prod"])).toThrow("--env prod: unknown; allowed: dev, all\nusage: npm run rehearse --");
  });

  it("refuses an unknown argument and a missing value, naming them", () => {
    expect(() => parseRehearsalArgs(["--force"])).toThrow(/^unknown flag --force; allowed: --env <value>, --keep, --report <value>/);
    expect(() => parseRehearsalArgs(["--report"])).toThrow("Option '--report <value>' argument missing");
    expect(() => parseRehearsalArgs(["--report", "--keep"])).toThrow("Option '--report' argument is ambiguous");
    expect(() => parseRehearsalArgs(["dev"])).toThrow("Unexpected argument 'dev'");
  });

  it("--help asks for the usage", () => {
    expect(() => parseRehearsalArgs(["--help"])).toThrow(HelpRequested);
  });
});
