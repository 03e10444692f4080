/**
 * The rehearsal's result: a table per stack on the console and, with `--report`, the same as JSON in
 * exactly the shape issue 11 fixes, plus issue 12's `savedPlan` (no other keys).
 */

export interface StackReport {
  readonly name: string;
  /** Managed resources in the stack's state after apply. */
  readonly resources: number;
  /** Wall seconds of init + apply(s) + re-plan. */
  readonly seconds: number;
  /** One line per resource the re-plan would change: "address (actions): attribute, …". */
  readonly drift: readonly string[];
  /** "address: why" for every resource stood in rather than emulated. */
  readonly notEmulated: readonly string[];
}

export type DestroyOutcome = "ok" | "refused" | "failed" | "not refused";

export interface RehearsalReport {
  /** The AWS provider version the rehearsal installed from the mirror (the synthesized JSON pins 6.x). */
  readonly provider: string;
  readonly stacks: readonly StackReport[];
  readonly lock: { readonly passed: boolean };
  /** Issue 12: a saved plan applied on this stack, and a second one from the same state refused as stale. */
  readonly savedPlan: { readonly stack: string; readonly passed: boolean };
  readonly destroy: Readonly<Record<string, DestroyOutcome>>;
}

export function reportJson(report: RehearsalReport): string {
  const { provider, stacks, lock, savedPlan, destroy } = report;
  return `${JSON.stringify(
    {
      provider,
      stacks: stacks.map(({ name, resources, seconds, drift, notEmulated }) => ({
        name,
        resources,
        seconds: Math.round(seconds * 10) / 10,
        drift,
        notEmulated,
      })),
      lock: { passed: lock.passed },
      savedPlan: { stack: savedPlan.stack, passed: savedPlan.passed },
      destroy,
    },
    null,
    2,
  )}\n`;
}

/** Whether every check held: no drift, lock test and saved plan passed, each destroy as expected. */
export function reportPassed(report: RehearsalReport, expectedDestroy: Readonly<Record<string, DestroyOutcome>>): boolean {
  return (
    report.stacks.every((stack) => stack.drift.length === 0) &&
    report.lock.passed &&
    report.savedPlan.passed &&
    Object.entries(expectedDestroy).every(([name, expected]) => report.destroy[name] === expected)
  );
}

function pad(cells: readonly string[][]): string[] {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}

export function renderReport(report: RehearsalReport): string {
  const rows = [
    ["stack", "resources", "seconds", "changes on re-plan", "not emulated"],
    ...report.stacks.map((s) => [s.name, String(s.resources), s.seconds.toFixed(1), String(s.drift.length), String(s.notEmulated.length)]),
  ];
  const details = report.stacks.flatMap((s) => [
    ...s.drift.map((line) => `  drift in ${s.name}: ${line}`),
    ...s.notEmulated.map((line) => `  not emulated in ${s.name}: ${line}`),
  ]);
  const destroy = Object.entries(report.destroy).map(([name, outcome]) => `${name} ${outcome}`);
  return [
    `AWS provider ${report.provider} from the mirror (the synthesized JSON pins 6.x; overridden for the rehearsal)`,
    ...pad(rows),
    ...details,
    `lock test: ${report.lock.passed ? "passed" : "FAILED"}`,
    `saved plan on ${report.savedPlan.stack} (uploaded encrypted, no secret in it; applied; a stale one refused): ` +
      (report.savedPlan.passed ? "passed" : "FAILED"),
    `destroy: ${destroy.length > 0 ? destroy.join(", ") : "not run"}`,
  ].join("\n");
}

export interface PhaseTiming {
  readonly stack: string;
  readonly phase: string;
  readonly seconds: number;
}

/** Where the time went: each phase summed over stacks, largest first, with its share of the run. */
export function renderTimings(timings: readonly PhaseTiming[], wallSeconds: number): string {
  const byPhase = new Map<string, number>();
  for (const t of timings) byPhase.set(t.phase, (byPhase.get(t.phase) ?? 0) + t.seconds);
  const rows = [
    ["phase", "seconds", "share"],
    ...[...byPhase.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([phase, seconds]) => [phase, seconds.toFixed(1), `${Math.round((100 * seconds) / wallSeconds)} %`]),
    ["total (wall)", wallSeconds.toFixed(1), "100 %"],
  ];
  const perStack = timings.map((t) => `${t.stack} ${t.phase} ${t.seconds.toFixed(1)} s`).join(", ");
  // Shares can add up to more than 100 %: the lock test runs beside the environments' applies, and
  // the environments' destroys run side by side.
  return [
    "where the time goes (phases summed over stacks; the lock test overlaps the environments, destroys overlap each other):",
    ...pad(rows),
    `per step: ${perStack}`,
  ].join("\n");
}
