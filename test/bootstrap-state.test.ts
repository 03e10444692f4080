import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { validatePlatform } from "../environments";
import { isInsideSynthOutput, resolveFromStackDirectory, SYNTH_OUTPUT_DIR } from "../modules/terraform-layout";
import { synthesizedApp, synthesizeWithPlatform } from "./support/synth";

const root = join(__dirname, "..");
const platform = validatePlatform();
const localPath = () => synthesizedApp().state.terraform?.backend?.local?.path as string;

describe("news-state's bootstrap state survives a clean synth", () => {
  test("cdktf writes stacks where the layout assumes (cdktf.json sets no other output)", () => {
    const config = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
    expect(config.output ?? SYNTH_OUTPUT_DIR).toBe(SYNTH_OUTPUT_DIR);
  });

  test("the local backend path, read in cdktf.out/stacks/news-state/ where Terraform runs, is <root>/terraform.news-state.tfstate", () => {
    expect(posix.isAbsolute(localPath())).toBe(false); // no developer's home path in the JSON
    const resolved = resolveFromStackDirectory("news-state", localPath());
    expect(resolved).toBe("terraform.news-state.tfstate");
    expect(isInsideSynthOutput(resolved)).toBe(false);
  });

  test("git ignores the bootstrap state (and Terraform's backup of it)", () => {
    const ignored = (file: string) => execFileSync("git", ["check-ignore", "--no-index", "-v", file], { cwd: root, encoding: "utf8" });
    expect(ignored("terraform.news-state.tfstate")).toMatch(/\*\.tfstate/);
    expect(ignored("terraform.news-state.tfstate.backup")).toMatch(/\*\.tfstate\.\*/);
  });

  test("after the flip to s3, news-state's state goes to its own bucket under news-state/terraform.tfstate", () => {
    const migrated = synthesizeWithPlatform({ ...platform, state: { stateStackBackend: "s3" } });
    expect(migrated.state.terraform?.backend).toEqual({
      s3: expect.objectContaining({
        bucket: `news-tfstate-${platform.accountId}-${platform.region}`,
        key: "news-state/terraform.tfstate",
        use_lockfile: true,
      }),
    });
  });
});

describe("isInsideSynthOutput (the TF-003 rule's test of a resolved path)", () => {
  test.each([
    ["terraform.tfstate", "cdktf.out/stacks/news-state/terraform.tfstate", true],
    ["../terraform.news-state.tfstate", "cdktf.out/stacks/terraform.news-state.tfstate", true],
    ["../../terraform.news-state.tfstate", "cdktf.out/terraform.news-state.tfstate", true],
    ["../../../terraform.news-state.tfstate", "terraform.news-state.tfstate", false],
    ["/home/dev/newsstack/cdktf.out/stacks/news-state/s.tfstate", "/home/dev/newsstack/cdktf.out/stacks/news-state/s.tfstate", true],
    ["/var/lib/newsstack/news-state.tfstate", "/var/lib/newsstack/news-state.tfstate", false],
  ])("%s resolves to %s (inside: %s)", (path, resolved, inside) => {
    expect(resolveFromStackDirectory("news-state", path)).toBe(resolved);
    expect(isInsideSynthOutput(resolved)).toBe(inside);
  });
});
