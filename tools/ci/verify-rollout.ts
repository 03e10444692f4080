/**
 * After `cdktf deploy`: did the ECS service really roll out the task definition this deploy registered?
 * `terraform apply` (even with wait_for_steady_state) and `aws ecs wait services-stable` both succeed
 * after a circuit-breaker or alarm rollback, because the service is stable again, on the old image.
 * This check fails unless the PRIMARY deployment runs exactly the new task definition and the rollout
 * finished, and then prints the service's recent events. "Finished" depends on the strategy:
 * - ROLLING: the PRIMARY deployment's rolloutState is COMPLETED;
 * - BLUE_GREEN / CANARY / LINEAR (ECS-native): rolloutState is documented for rolling updates only, and
 *   during the bake the new revision is already PRIMARY while ECS may still roll it back; the newest
 *   service deployment (ListServiceDeployments) must be SUCCESSFUL, which ECS sets after the bake.
 *   aws ecs describe-services --cluster C --services S > services.json
 *   aws ecs list-service-deployments --cluster C --service S > deployments.json
 *   ts-node tools/ci/verify-rollout.ts services.json <task definition arn from `terraform output`> [deployments.json]
 * In GitHub Actions it also writes `smoke_test=true|false` to $GITHUB_OUTPUT and a note to the job summary.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";

/** One entry of `deployments` in ECS DescribeServices (the fields this check reads). */
export interface EcsDeployment {
  readonly id: string;
  readonly status: "PRIMARY" | "ACTIVE" | "INACTIVE";
  readonly taskDefinition: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount?: number;
  readonly failedTasks?: number;
  /** Only for rolling (ECS) deployments: IN_PROGRESS, then COMPLETED, or FAILED (circuit breaker). */
  readonly rolloutState?: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  readonly rolloutStateReason?: string;
}

/** ECS deployment strategies (DeploymentConfiguration.strategy; absent on services made before it existed). */
export type DeploymentStrategy = "ROLLING" | "BLUE_GREEN" | "CANARY" | "LINEAR";

export interface DescribeServicesOutput {
  readonly services?: readonly {
    readonly serviceName: string;
    readonly desiredCount: number;
    readonly deploymentConfiguration?: { readonly strategy?: DeploymentStrategy; readonly bakeTimeInMinutes?: number };
    readonly deployments?: readonly EcsDeployment[];
    /** Newest first, as ECS returns them. */
    readonly events?: readonly { readonly createdAt: string; readonly message: string }[];
  }[];
  readonly failures?: readonly { readonly arn?: string; readonly reason?: string }[];
}

/** One entry of ListServiceDeployments (ServiceDeploymentBrief; the fields this check reads). */
export interface ServiceDeploymentBrief {
  readonly serviceDeploymentArn: string;
  readonly createdAt: string;
  readonly status:
    | "PENDING"
    | "SUCCESSFUL"
    | "STOPPED"
    | "STOP_REQUESTED"
    | "IN_PROGRESS"
    | "ROLLBACK_REQUESTED"
    | "ROLLBACK_IN_PROGRESS"
    | "ROLLBACK_SUCCESSFUL"
    | "ROLLBACK_FAILED";
  readonly statusReason?: string;
}

export interface ListServiceDeploymentsOutput {
  readonly serviceDeployments?: readonly ServiceDeploymentBrief[];
}

export interface RolloutVerdict {
  readonly ok: boolean;
  /** One line for the log and the job summary. */
  readonly summary: string;
  /** False when the service has no tasks to test (a schedule scaled it to zero). */
  readonly smokeTest: boolean;
  /** The service's most recent events, oldest first, to show why a rollout failed. */
  readonly recentEvents: readonly string[];
}

/** Events printed on failure: enough to show the failing tasks and the rollback, short enough to read. */
export const RECENT_EVENT_COUNT = 15;

const shortName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

/** The newest service deployment, by createdAt (the API promises no order). */
function newest(deployments: ListServiceDeploymentsOutput | undefined): ServiceDeploymentBrief | undefined {
  return [...(deployments?.serviceDeployments ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
}

/** Why a traffic-shifting rollout is not finished, or undefined when its service deployment is SUCCESSFUL. */
function unfinishedShift(
  strategy: DeploymentStrategy,
  expected: string,
  deployments: ListServiceDeploymentsOutput | undefined,
): string | undefined {
  const latest = newest(deployments);
  if (!latest)
    return (
      `The ${strategy} rollout of ${expected} cannot be judged: no service deployment listed ` +
      "(rolloutState is only reported for rolling updates; pass list-service-deployments output)."
    );
  if (latest.status === "SUCCESSFUL") return undefined;
  const reason = latest.statusReason ? `: ${latest.statusReason.replace(/\.$/, "")}` : "";
  if (latest.status.startsWith("ROLLBACK_")) return `Rolled back: the ${strategy} deployment of ${expected} is ${latest.status}${reason}.`;
  if (latest.status.startsWith("STOP")) return `Stopped: the ${strategy} deployment of ${expected} is ${latest.status}${reason}.`;
  return (
    `The ${strategy} rollout of ${expected} is ${latest.status}${reason} (traffic shift or bake time ` +
    "not finished; ECS can still roll it back)."
  );
}

export function verifyRollout(
  output: DescribeServicesOutput,
  expectedTaskDefinition: string,
  serviceDeployments?: ListServiceDeploymentsOutput,
): RolloutVerdict {
  const service = output.services?.[0];
  if (!service) {
    const why =
      (output.failures ?? []).map((f) => `${f.arn ?? "service"}: ${f.reason ?? "unknown"}`).join("; ") || "no service in the output";
    return { ok: false, summary: `The service was not found (${why}).`, smokeTest: false, recentEvents: [] };
  }
  const recentEvents = (service.events ?? [])
    .slice(0, RECENT_EVENT_COUNT)
    .reverse()
    .map((e) => `${e.createdAt} ${e.message}`);
  const fail = (summary: string): RolloutVerdict => ({ ok: false, summary, smokeTest: false, recentEvents });
  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === "PRIMARY");
  const expected = shortName(expectedTaskDefinition);
  if (!primary) return fail(`${service.serviceName} has no PRIMARY deployment.`);

  if (primary.taskDefinition !== expectedTaskDefinition) {
    const ours = deployments.find((d) => d.taskDefinition === expectedTaskDefinition);
    const why = ours?.rolloutStateReason ? ` The new deployment is ${ours.rolloutState ?? ours.status}: ${ours.rolloutStateReason}` : "";
    return fail(
      `Rolled back: ${service.serviceName} runs ${shortName(primary.taskDefinition)}, not ${expected} that this deploy registered.${why}`,
    );
  }
  const strategy = service.deploymentConfiguration?.strategy ?? "ROLLING";
  if (strategy !== "ROLLING") {
    const unfinished = unfinishedShift(strategy, expected, serviceDeployments);
    if (unfinished) return fail(unfinished);
  } else if (primary.rolloutState !== "COMPLETED") {
    const reason = primary.rolloutStateReason ? `: ${primary.rolloutStateReason}` : "";
    return fail(
      `The rollout of ${expected} is ${primary.rolloutState ?? "of unknown state"}${reason} ` +
        `(${primary.runningCount} of ${primary.desiredCount} tasks running, ${primary.failedTasks ?? 0} failed).`,
    );
  }
  if (service.desiredCount === 0) {
    return {
      ok: true,
      summary:
        `${expected} is deployed to ${service.serviceName}, which a schedule has scaled to 0 tasks: it ` +
        "runs from the next scheduled scale-up. Smoke test skipped (no task to answer); the next " +
        "environment's deploy smoke-tests this image.",
      smokeTest: false,
      recentEvents,
    };
  }
  return {
    ok: true,
    summary: `${expected} rolled out to ${service.serviceName}: ${primary.runningCount} of ${primary.desiredCount} tasks running.`,
    smokeTest: true,
    recentEvents,
  };
}

const SPEC = commandSpec({
  usage: "ts-node tools/ci/verify-rollout.ts <describe-services.json> <expected task definition arn> [list-service-deployments.json]",
  description:
    "Exits 1 unless the service's PRIMARY deployment runs the expected task definition and its rollout finished " +
    "(for BLUE_GREEN, CANARY and LINEAR: the newest deployment in list-service-deployments.json is SUCCESSFUL). " +
    "In GitHub Actions it also writes smoke_test=true|false to $GITHUB_OUTPUT and a note to the job summary.",
  positionals: ["<describe-services.json>", "<expected task definition arn>", "[list-service-deployments.json]"],
});

export interface VerifyRolloutArgs {
  /** `aws ecs describe-services` output. */
  readonly servicesFile: string;
  readonly expectedTaskDefinition: string;
  /** `aws ecs list-service-deployments` output; needed for traffic-shifting strategies. */
  readonly deploymentsFile?: string;
}

export function parseVerifyRolloutArgs(argv: readonly string[]): VerifyRolloutArgs {
  const [servicesFile, expectedTaskDefinition, deploymentsFile] = readCommandLine(argv, SPEC).positionals;
  return { servicesFile, expectedTaskDefinition, deploymentsFile };
}

if (require.main === module) {
  const { servicesFile, expectedTaskDefinition, deploymentsFile } = commandLine(parseVerifyRolloutArgs);
  const deployments = deploymentsFile ? JSON.parse(readFileSync(deploymentsFile, "utf8")) : undefined;
  const verdict = verifyRollout(JSON.parse(readFileSync(servicesFile, "utf8")), expectedTaskDefinition, deployments);
  const note = `${verdict.ok ? "✅" : "❌"} ${verdict.summary}`;
  console.log(note);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Rollout\n\n${note}\n`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `smoke_test=${verdict.smokeTest}\n`);
  if (!verdict.ok) {
    console.error(`Recent events of the service (oldest first):\n${verdict.recentEvents.map((e) => `  ${e}`).join("\n")}`);
    process.exit(1);
  }
}
