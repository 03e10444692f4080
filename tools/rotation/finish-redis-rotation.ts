/**
 * `npm run rotate:redis-auth -- <env>`: the steps of a Redis AUTH rotation that come after
 * `terraform apply -replace=<the token's secret version>` (docs/runbooks/credential-rotation.md).
 * That apply wrote a new token into the secret and added it beside the old one on ElastiCache
 * (ROTATE: both valid). This rolls the service so every task reads the new token, waits until the
 * deployment is stable, and only then revokes the old token (SET with the new one).
 */
import { REDIS_AUTH_JSON_KEY } from "../../modules/cache/cache";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { commandLine, commandSpec, readCommandLine, UsageError } from "../cli-args";
import { validatePlatform } from "../../environments";
import { environmentStackId } from "../../stacks";

/** Runs a command; `input` goes to its stdin. */
export type Run = (command: string, args: readonly string[], input?: string) => { status: number | null; stdout: string; stderr: string };

export interface RotationTargets {
  readonly cluster: string;
  readonly service: string;
  readonly replicationGroupId: string;
  readonly secretArn: string;
}

/** Output names of the environment stack (stacks/environment-stack.ts) this script reads. */
export const TARGET_OUTPUTS: Readonly<Record<keyof RotationTargets, string>> = {
  cluster: "cluster_name",
  service: "service_name",
  replicationGroupId: "redis_replication_group_id",
  secretArn: "redis_auth_secret_arn",
};

export class RotationError extends Error {}

/** The targets from `terraform output -json`; names the outputs that are missing. */
export function targetsFromOutputs(outputs: Record<string, { value?: unknown }>): RotationTargets {
  const missing = Object.values(TARGET_OUTPUTS).filter((name) => typeof outputs[name]?.value !== "string");
  if (missing.length > 0) throw new RotationError(`terraform outputs lack ${missing.join(", ")}: apply the environment stack first`);
  const value = (key: keyof RotationTargets) => outputs[TARGET_OUTPUTS[key]].value as string;
  return {
    cluster: value("cluster"),
    service: value("service"),
    replicationGroupId: value("replicationGroupId"),
    secretArn: value("secretArn"),
  };
}

function step(run: Run, what: string, command: string, args: readonly string[], input?: string): string {
  const result = run(command, args, input);
  if (result.status !== 0) throw new RotationError(`${what} failed (${command} exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}

/** Roll the tasks, wait for them, then revoke the old token. Never revokes before the tasks are stable. */
export function finishRedisRotation(targets: RotationTargets, run: Run, log: (line: string) => void): void {
  const { cluster, service, replicationGroupId, secretArn } = targets;
  log(`1/4 rolling ${service}: new tasks read the new token at start`);
  step(run, "update-service", "aws", [
    "ecs",
    "update-service",
    "--cluster",
    cluster,
    "--service",
    service,
    "--force-new-deployment",
    "--query",
    "service.serviceName",
    "--output",
    "text",
  ]);
  log("2/4 waiting for the deployment to be stable (old tasks gone)");
  try {
    step(run, "waiting for a stable service", "aws", ["ecs", "wait", "services-stable", "--cluster", cluster, "--services", service]);
  } catch (error) {
    throw new RotationError(
      `${(error as Error).message}\nThe old token was NOT revoked (tasks may still use it). Fix the deployment, then run this again.`,
    );
  }
  log("3/4 revoking the old token (SET with the current secret value)");
  const secret = step(run, "reading the secret", "aws", [
    "secretsmanager",
    "get-secret-value",
    "--secret-id",
    secretArn,
    "--version-stage",
    "AWSCURRENT",
    "--query",
    "SecretString",
    "--output",
    "text",
  ]);
  let token: unknown;
  try {
    token = JSON.parse(secret)[REDIS_AUTH_JSON_KEY];
  } catch {
    token = undefined;
  }
  if (typeof token !== "string" || token.length === 0)
    throw new RotationError(`secret ${secretArn} has no "${REDIS_AUTH_JSON_KEY}" key: nothing revoked`);
  // The token goes through stdin, never the command line (visible in the process list and shell history).
  const request = JSON.stringify({
    ReplicationGroupId: replicationGroupId,
    AuthToken: token,
    AuthTokenUpdateStrategy: "SET",
    ApplyImmediately: true,
  });
  step(
    run,
    "modify-replication-group (SET)",
    "aws",
    [
      "elasticache",
      "modify-replication-group",
      "--cli-input-json",
      "file:///dev/stdin",
      "--query",
      "ReplicationGroup.Status",
      "--output",
      "text",
    ],
    request,
  );
  log("4/4 waiting for the replication group to be available");
  step(run, "waiting for the replication group", "aws", [
    "elasticache",
    "wait",
    "replication-group-available",
    "--replication-group-id",
    replicationGroupId,
  ]);
  log("done: only the new token is accepted. Verify with the runbook's last step.");
}

const spawnRun: Run = (command, args, input) => {
  const result = spawnSync(command, [...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? result.error?.message ?? "" };
};

const SPEC = commandSpec({
  usage: "npm run rotate:redis-auth -- <env>",
  description:
    "After `terraform apply -replace` of the token's secret version (docs/runbooks/credential-rotation.md): rolls the " +
    "service of <env> (e.g. dev) so every task reads the new token, waits until it is stable, then " +
    "revokes the old token.",
  positionals: ["<env>"],
});

/** The environment whose rotation to finish: a name as environments/ spells them (checked against the stacks later). */
export function parseRotationArgs(argv: readonly string[]): { readonly env: string } {
  const [env] = readCommandLine(argv, SPEC).positionals;
  if (!/^[a-z][a-z0-9-]*$/.test(env)) {
    throw new UsageError(`<env> ${JSON.stringify(env)}: not an environment name (lowercase letters, digits and -)`, SPEC.usage);
  }
  return { env };
}

if (require.main === module) {
  const { env } = commandLine(parseRotationArgs);
  try {
    const stackDir = join(__dirname, "..", "..", "cdktf.out", "stacks", environmentStackId(validatePlatform(), env));
    const outputs = JSON.parse(step(spawnRun, "terraform output", "terraform", [`-chdir=${stackDir}`, "output", "-json"]));
    finishRedisRotation(targetsFromOutputs(outputs), spawnRun, (line) => console.log(line));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
