/**
 * Shared-state locking: while an apply in one working directory holds the S3 lock (its
 * PutMetricAlarm call held by moto's fault switch), a plan and an apply from a second working
 * directory must fail with Terraform's lock error, and the state object must keep its version.
 */
import { cpSync } from "node:fs";
import { switchOff, switchOn } from "./faults";
import { APPLY_FLAGS, StackContext, init, replan } from "./stack-steps";
import { StateLocation, lockHeld, stateVersion } from "./state-object";
import { Terraform } from "./terraform";

export const LOCK_ERROR = /Error acquiring the state lock/;
/** The resource the holding apply replaces, and the AWS call held meanwhile. */
const HELD_TYPE = "aws_cloudwatch_metric_alarm";
const HELD_CALL = "cloudwatch:PutMetricAlarm";
const FAULT = "lock-test-hold";

export interface LockTestResult {
  readonly passed: boolean;
  readonly details: string[];
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

export async function lockTest(
  holder: StackContext,
  second: Terraform,
  backendConfigFile: string,
  state: StateLocation,
  faults: string,
): Promise<LockTestResult> {
  const [alarm, alarmBody] = Object.entries<Record<string, any>>(holder.json.resource?.[HELD_TYPE] ?? {})[0] ?? [];
  if (!alarm) return { passed: false, details: [`${holder.name} has no ${HELD_TYPE} to replace while holding the lock`] };
  cpSync(holder.tf.dir, second.dir, { recursive: true, filter: (src) => !src.includes(".terraform") && !src.endsWith(".tfplan") });
  const secondCtx: StackContext = { ...holder, tf: second, timings: holder.timings };
  await init(secondCtx, backendConfigFile);

  const started = Date.now();
  const details: string[] = [];
  const before = await stateVersion(state);
  // Only this alarm's call is held: environments may be applying their own alarms meanwhile.
  switchOn(faults, FAULT, { call: HELD_CALL, mode: "hold", match: alarmBody.alarm_name });
  const holding = holder.tf.run(["apply", ...APPLY_FLAGS, `-replace=${HELD_TYPE}.${alarm}`, ...holder.vars]);
  try {
    if (!(await waitFor(() => lockHeld(state), 120000))) return { passed: false, details: ["the holding apply never took the lock"] };
    const plan = await second.run(["plan", "-input=false", "-no-color", "-lock-timeout=0s", ...holder.vars]);
    const applied = await second.run(["apply", ...APPLY_FLAGS, "-lock-timeout=0s", ...holder.vars]);
    const during = await stateVersion(state);
    for (const [what, result] of [
      ["plan", plan],
      ["apply", applied],
    ] as const) {
      const refused = result.code !== 0 && LOCK_ERROR.test(result.stderr);
      details.push(`second ${what}: ${refused ? "refused with the lock error" : `NOT refused (exit ${result.code})`}`);
    }
    details.push(`state version ${before === during ? "unchanged" : `CHANGED (${before} → ${during})`} while locked`);
    switchOff(faults, FAULT);
    const held = await holding;
    details.push(`holding apply ${held.code === 0 ? "finished" : `FAILED (exit ${held.code})`} after release`);
    const after = await replan(holder);
    details.push(`re-plan after release: ${after.drift.length === 0 ? "no changes" : after.drift.join("; ")}`);
    const passed = details.every((line) => !/NOT|CHANGED|FAILED/.test(line)) && after.drift.length === 0 && before !== undefined;
    return { passed, details };
  } finally {
    switchOff(faults, FAULT);
    await holding;
    holder.timings.push({ stack: holder.name, phase: "lock test", seconds: (Date.now() - started) / 1000 });
  }
}
