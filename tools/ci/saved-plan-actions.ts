/**
 * What of a plan may leave the plan job besides the encrypted file: per resource its address and
 * planned actions, nothing else (`terraform show -json` prints sensitive values in clear). Prod's
 * plan job compares its plan with staging's through it (plan-comparison.ts reads the same shape),
 * and the job summary's counts come from it.
 */
export const PLAN_ACTIONS = "plan-actions.json";

interface ResourceChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[] };
}

export interface PlanActions {
  readonly resource_changes: readonly ResourceChange[];
}

/** Address and actions of every planned resource change; every other field of the JSON plan is dropped. */
export function planActions(plan: { readonly resource_changes?: readonly ResourceChange[] }): PlanActions {
  return {
    resource_changes: (plan.resource_changes ?? []).map((r) => ({ address: r.address, change: { actions: [...r.change.actions] } })),
  };
}

/** The PR comment's counts (plan-comment.ts counts.json): a replacement counts as an add and a destroy. */
export function planCounts(plan: PlanActions): { add: number; change: number; destroy: number } {
  const having = (action: string) => plan.resource_changes.filter((r) => r.change.actions.includes(action)).length;
  return { add: having("create"), change: having("update"), destroy: having("delete") };
}
