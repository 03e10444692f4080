/**
 * What the rehearsal needs from the machine: Terraform ≥ 1.11 (write-only arguments), a Python that
 * imports moto and Flask (moto's server), the AWS CLI (the saved plan's KMS calls, tools/ci/saved-plan.sh)
 * and a filesystem mirror holding the AWS provider. Anything missing is named in one line and the
 * rehearsal is skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const MIRROR_ENV = "NEWSSTACK_PROVIDER_MIRROR";
export const PYTHON_ENV = "NEWSSTACK_MOTO_PYTHON";
export const AWS_PROVIDER_PATH = "registry.terraform.io/hashicorp/aws";
export const MIN_TERRAFORM = [1, 11] as const;

/** Standard places Terraform itself searches for filesystem mirrors (implied mirror directories). */
export function mirrorCandidates(env: NodeJS.ProcessEnv, home = homedir()): string[] {
  return [
    env[MIRROR_ENV],
    "/opt/tf-plugins",
    join(home, ".terraform.d/plugins"),
    join(home, ".local/share/terraform/plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ].filter((dir): dir is string => Boolean(dir));
}

export interface MirroredProvider {
  readonly mirror: string;
  readonly version: string;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  }
  return 0;
}

/** The first candidate holding the AWS provider for `platform` (e.g. linux_amd64), with its newest version. */
export function findMirror(
  candidates: readonly string[],
  platform: string,
  list: (dir: string) => string[] = safeList,
): MirroredProvider | undefined {
  for (const mirror of candidates) {
    const versions = list(join(mirror, AWS_PROVIDER_PATH))
      .filter((version) => /^\d+\.\d+\.\d+$/.test(version) && list(join(mirror, AWS_PROVIDER_PATH, version)).includes(platform))
      .sort(compareVersions);
    if (versions.length > 0) return { mirror, version: versions[versions.length - 1] };
  }
  return undefined;
}

function safeList(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Terraform's platform name for this machine, e.g. linux_amd64. */
export function terraformPlatform(platform = process.platform, arch = process.arch): string {
  return `${platform}_${arch === "x64" ? "amd64" : arch}`;
}

/** Parses `terraform version -json` output; undefined when it is not a Terraform answer. */
export function terraformVersion(versionJson: string): string | undefined {
  try {
    return JSON.parse(versionJson).terraform_version;
  } catch {
    return undefined;
  }
}

export function atLeast(version: string, minimum: readonly number[]): boolean {
  return compareVersions(version, minimum.join(".")) >= 0;
}

export interface Prerequisites {
  readonly terraform: string;
  readonly terraformVersion: string;
  readonly python: string;
  readonly motoVersion: string;
  readonly provider: MirroredProvider;
}

export type Probe = (command: string, args: readonly string[]) => { status: number | null; stdout: string };

const runProbe: Probe = (command, args) => {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 30000 });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? "" };
};

/** Everything found, or the list of what is missing (each a short phrase for the skip line). */
export function checkPrerequisites(
  env: NodeJS.ProcessEnv,
  probe: Probe = runProbe,
  mirrors = mirrorCandidates(env),
  platform = terraformPlatform(),
  list?: (dir: string) => string[],
): Prerequisites | { missing: string[] } {
  const missing: string[] = [];
  const tf = probe("terraform", ["version", "-json"]);
  const tfVersion = tf.status === 0 ? terraformVersion(tf.stdout) : undefined;
  if (!tfVersion) missing.push("terraform (not on PATH)");
  else if (!atLeast(tfVersion, MIN_TERRAFORM)) missing.push(`terraform ≥ ${MIN_TERRAFORM.join(".")} (found ${tfVersion})`);
  const python = env[PYTHON_ENV] ?? "python3";
  const moto = probe(python, ["-c", "import moto, flask; print(moto.__version__)"]);
  if (moto.status !== 0) missing.push(`moto (${python} cannot import moto and flask; pip install "moto[server]")`);
  if (probe("aws", ["--version"]).status !== 0) missing.push("aws CLI (not on PATH; the saved plan's KMS calls need it)");
  const provider = findMirror(mirrors, platform, list);
  if (!provider)
    missing.push(
      `AWS provider mirror (${AWS_PROVIDER_PATH} for ${platform} in ${MIRROR_ENV} or ` +
        `${mirrors.filter((m) => m !== env[MIRROR_ENV]).join(", ")})`,
    );
  if (missing.length > 0 || !tfVersion || !provider) return { missing };
  return { terraform: "terraform", terraformVersion: tfVersion, python, motoVersion: moto.stdout.trim(), provider };
}
