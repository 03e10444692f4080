/**
 * A half-way failed apply: the ECS service's CreateService is refused once (moto's fault switch), so
 * the apply stops after creating everything that does not depend on the service; the caller's next
 * apply must converge from the state that failure left.
 */
import { switchOff, switchOn } from "./faults";
import { APPLY_FLAGS, managedResources, StackContext } from "./stack-steps";
import { TerraformError } from "./terraform";

export const FAILING_CALL = "ecs:CreateService";
const FAILING_TYPE = "aws_ecs_service";

const FAULT = "halfway-apply";

export async function halfwayFailedApply(ctx: StackContext, faults: string): Promise<string> {
  if (!ctx.json.resource?.[FAILING_TYPE]) return `no ${FAILING_TYPE}: half-way failure not rehearsed`;
  const started = Date.now();
  switchOn(faults, FAULT, { call: FAILING_CALL, mode: "fail", times: 1 });
  try {
    const result = await ctx.tf.run(["apply", ...APPLY_FLAGS, ...ctx.vars]);
    if (result.code === 0) throw new Error(`${ctx.name}: apply succeeded although ${FAILING_CALL} was refused`);
    if (!/InjectedFault/.test(result.stderr))
      throw new TerraformError(`${ctx.name}: apply (expected to fail only at ${FAILING_CALL})`, result, ctx.tf.logFile);
    const inState = await managedResources(ctx);
    return `half-way failed apply (${FAILING_CALL} refused) left ${inState} resources in state; the next apply converges from there`;
  } finally {
    switchOff(faults, FAULT);
    ctx.timings.push({ stack: ctx.name, phase: "apply (half-way failure)", seconds: (Date.now() - started) / 1000 });
  }
}
