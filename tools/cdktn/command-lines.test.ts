import { UsageError } from "../cli-args";
import { parseCheckArgs } from "./check";
import { parseMigrateArgs } from "./migrate";
import { repoRoot } from "./working-copy";

describe("the command lines of check:cdktn and migrate:cdktn", () => {
  test("check:cdktn: --skip-tests and --keep, together or alone", () => {
    expect(parseCheckArgs([])).toEqual({ skipTests: false, keep: false }); // .ci/run
    expect(parseCheckArgs(["--skip-tests", "--keep"])).toEqual({ skipTests: true, keep: true });
    expect(parseCheckArgs(["--keep"])).toEqual({ skipTests: false, keep: true });
  });

  test("check:cdktn refuses what it used to ignore: a misspelt flag, an argument", () => {
    expect(() => parseCheckArgs(["--skip-test"])).toThrow(UsageError);
    expect(() => parseCheckArgs(["--skip-test"])).toThrow(/^unknown flag --skip-test; allowed: --skip-tests, --keep, --help\nusage: /);
    expect(() => parseCheckArgs(["keep"])).toThrow(/^Unexpected argument 'keep'/);
  });

  test("migrate:cdktn: this checkout, or the one --dir names", () => {
    expect(parseMigrateArgs([]).root).toBe(repoRoot);
    expect(parseMigrateArgs(["--dir", "/tmp/copy"])).toEqual({ root: "/tmp/copy" });
    expect(parseMigrateArgs(["--dir=/tmp/copy"])).toEqual({ root: "/tmp/copy" });
  });

  test("migrate:cdktn refuses a --dir without its folder (it used to move this checkout) and an unknown flag", () => {
    expect(() => parseMigrateArgs(["--dir"])).toThrow(/^Option '--dir <value>' argument missing\nusage: npm run migrate:cdktn/);
    expect(() => parseMigrateArgs(["--directory", "/tmp/copy"])).toThrow(/^unknown flag --directory; allowed: --dir <value>, --help\n/);
  });
});
