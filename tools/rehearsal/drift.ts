/**
 * Reads `terraform show -json <plan>` of a re-plan after apply: any planned change is drift (a
 * perpetual diff), named by resource address and the attributes that would change.
 */

export interface Drift {
  readonly address: string;
  readonly actions: readonly string[];
  /** Attribute paths (dotted, list indices as numbers) whose planned value differs or is unknown. */
  readonly attributes: readonly string[];
}

interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly change: { actions: string[]; before?: unknown; after?: unknown; after_unknown?: unknown; replace_paths?: unknown[][] };
}

export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly prior_state?: { values?: { root_module?: ModuleValues } };
  readonly planned_values?: { root_module?: ModuleValues };
}

interface ModuleValues {
  readonly resources?: readonly { mode: string; address: string }[];
  readonly child_modules?: readonly ModuleValues[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Paths where `before` and `after` differ, plus paths `unknown` marks true (known after apply). */
export function changedPaths(before: unknown, after: unknown, unknown: unknown, path = ""): string[] {
  if (unknown === true) return [path];
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after), ...(isObject(unknown) ? Object.keys(unknown) : [])]);
    return [...keys]
      .sort()
      .flatMap((key) =>
        changedPaths(
          (before as any)[key],
          (after as any)[key],
          isObject(unknown) ? (unknown as any)[key] : undefined,
          path ? `${path}.${key}` : key,
        ),
      );
  }
  if (isObject(unknown)) {
    // after is partly unknown but before is not an object of the same shape
    return [path];
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [path];
}

/** Every managed resource the plan would create, update, replace or delete. */
export function driftOf(plan: PlanJson): Drift[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode !== "data" && !rc.change.actions.every((action) => action === "no-op" || action === "read"))
    .map((rc) => ({
      address: rc.address,
      actions: rc.change.actions,
      attributes: changedPaths(rc.change.before, rc.change.after, rc.change.after_unknown).filter(Boolean),
    }));
}

/** "aws_x.y (update): a, b.c" — one line per drifted resource, for the failure message and report. */
export function describeDrift(drift: Drift): string {
  const what = drift.attributes.length > 0 ? `: ${drift.attributes.join(", ")}` : "";
  return `${drift.address} (${drift.actions.join("+")})${what}`;
}

function countManaged(module: ModuleValues | undefined): number {
  if (!module) return 0;
  const own = (module.resources ?? []).filter((r) => r.mode === "managed").length;
  return own + (module.child_modules ?? []).reduce((sum, child) => sum + countManaged(child), 0);
}

/** Managed resources in the state the plan started from (the stack's applied resources). */
export function appliedResources(plan: PlanJson): number {
  return countManaged(plan.prior_state?.values?.root_module);
}
