import { checkPrerequisites, findMirror, mirrorCandidates, Probe, terraformPlatform } from "./prerequisites";

/** A fake file system: folder → entries. */
function lister(tree: Record<string, string[]>) {
  return (dir: string) => tree[dir] ?? [];
}

const MIRROR = {
  "/m/registry.terraform.io/hashicorp/aws": ["5.99.1", "5.100.0", "notes"],
  "/m/registry.terraform.io/hashicorp/aws/5.99.1": ["linux_amd64"],
  "/m/registry.terraform.io/hashicorp/aws/5.100.0": ["linux_amd64"],
};

const probeAll =
  (answers: Record<string, { status: number | null; stdout: string }>): Probe =>
  (command) =>
    answers[command] ?? { status: null, stdout: "" };
const TERRAFORM_OK = { status: 0, stdout: JSON.stringify({ terraform_version: "1.11.4" }) };
const MOTO_OK = { status: 0, stdout: "5.2.1\n" };
const AWS_OK = { status: 0, stdout: "aws-cli/1.45.11 Python/3.11.7" };

describe("rehearsal prerequisites", () => {
  it("takes the environment variable's mirror first, then the standard places", () => {
    const candidates = mirrorCandidates({ NEWSSTACK_PROVIDER_MIRROR: "/custom" }, "/home/me");
    expect(candidates[0]).toBe("/custom");
    expect(candidates).toContain("/opt/tf-plugins");
    expect(candidates).toContain("/home/me/.terraform.d/plugins");
  });

  it("finds the newest mirrored AWS provider for this platform", () => {
    expect(findMirror(["/empty", "/m"], "linux_amd64", lister(MIRROR))).toEqual({ mirror: "/m", version: "5.100.0" });
    expect(findMirror(["/m"], "darwin_arm64", lister(MIRROR))).toBeUndefined();
  });

  it("names Terraform's platform the way the mirror does", () => {
    expect(terraformPlatform("linux", "x64")).toBe("linux_amd64");
    expect(terraformPlatform("linux", "arm64")).toBe("linux_arm64");
  });

  it("reports everything found", () => {
    const found = checkPrerequisites(
      {},
      probeAll({ terraform: TERRAFORM_OK, python3: MOTO_OK, aws: AWS_OK }),
      ["/m"],
      "linux_amd64",
      lister(MIRROR),
    );
    expect(found).toEqual({
      terraform: "terraform",
      terraformVersion: "1.11.4",
      python: "python3",
      motoVersion: "5.2.1",
      provider: { mirror: "/m", version: "5.100.0" },
    });
  });

  it("lists each missing piece in one phrase", () => {
    const result = checkPrerequisites({}, probeAll({}), ["/nowhere"], "linux_amd64", lister({}));
    expect(result).toEqual({
      missing: [
        "terraform (not on PATH)",
        'moto (python3 cannot import moto and flask; pip install "moto[server]")',
        "aws CLI (not on PATH; the saved plan's KMS calls need it)",
        "AWS provider mirror (registry.terraform.io/hashicorp/aws for linux_amd64 in NEWSSTACK_PROVIDER_MIRROR or /nowhere)",
      ],
    });
  });

  it("refuses a Terraform without write-only arguments (< 1.11)", () => {
    const old = { status: 0, stdout: JSON.stringify({ terraform_version: "1.10.5" }) };
    expect(
      checkPrerequisites({}, probeAll({ terraform: old, python3: MOTO_OK, aws: AWS_OK }), ["/m"], "linux_amd64", lister(MIRROR)),
    ).toEqual({
      missing: ["terraform ≥ 1.11 (found 1.10.5)"],
    });
  });

  it("uses the Python named by NEWSSTACK_MOTO_PYTHON", () => {
    const found = checkPrerequisites(
      { NEWSSTACK_MOTO_PYTHON: "/venv/bin/python" },
      probeAll({ terraform: TERRAFORM_OK, "/venv/bin/python": MOTO_OK, aws: AWS_OK }),
      ["/m"],
      "linux_amd64",
      lister(MIRROR),
    );
    expect(found).toMatchObject({ python: "/venv/bin/python" });
  });
});
