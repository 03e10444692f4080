import { Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import type { Rule, Severity, StackView } from "./rule";
import { RULES } from "./rules";
import { stackView } from "./stack-view";
import { suppressionFor } from "./suppressions";

export interface Violation {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export interface SuppressedFinding extends Omit<Violation, "severity"> {
  readonly reason: string;
  readonly suppressedAt: string;
}

export interface GuardrailReport {
  readonly errors: Violation[];
  readonly warnings: Violation[];
  readonly suppressed: SuppressedFinding[];
}

/** Runs `rules` over one stack; suppressed findings are reported apart, never dropped. */
export function checkStack(stack: TerraformStack, tier: StackView["tier"], rules: readonly Rule[] = RULES): GuardrailReport {
  const view = stackView(stack, tier);
  const report: GuardrailReport = { errors: [], warnings: [], suppressed: [] };
  for (const rule of rules) {
    if (rule.scope !== "all" && rule.scope !== tier) continue;
    for (const finding of rule.check(view)) {
      const suppression = suppressionFor(stack, finding.path, rule.id);
      const violation = { ruleId: rule.id, severity: rule.severity, path: finding.path, message: finding.message, fix: rule.fix };
      if (suppression) report.suppressed.push({ ...violation, reason: suppression.reason, suppressedAt: suppression.path });
      else (rule.severity === "error" ? report.errors : report.warnings).push(violation);
    }
  }
  return report;
}

/**
 * The guardrails as a cdktf Aspect on a stack: checks it once (on visiting the stack, so every
 * resource is in place), keeps the report for main.ts to print, and turns each finding into an
 * annotation so a plain `app.synth()` also fails on errors.
 */
export class Guardrails implements IAspect {
  private readonly reports = new Map<TerraformStack, GuardrailReport>();

  constructor(
    private readonly tierOf: (stack: TerraformStack) => StackView["tier"],
    private readonly rules: readonly Rule[] = RULES,
  ) {}

  /** Adds the aspect to each stack. */
  applyTo(stacks: readonly TerraformStack[]): this {
    for (const stack of stacks) Aspects.of(stack).add(this);
    return this;
  }

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    this.check(node);
  }

  /** The stack's report, computed on first use. */
  check(stack: TerraformStack): GuardrailReport {
    let report = this.reports.get(stack);
    if (!report) {
      report = checkStack(stack, this.tierOf(stack), this.rules);
      this.reports.set(stack, report);
      for (const v of report.errors) Annotations.of(stack).addError(`${v.ruleId} ${v.path}: ${v.message}. Fix: ${v.fix}`);
      for (const v of report.warnings) Annotations.of(stack).addWarning(`${v.ruleId} ${v.path}: ${v.message}. Fix: ${v.fix}`);
    }
    return report;
  }

  /** All stacks' reports merged, checking any not yet checked. */
  checkAll(stacks: readonly TerraformStack[]): GuardrailReport {
    const reports = stacks.map((s) => this.check(s));
    return {
      errors: reports.flatMap((r) => r.errors),
      warnings: reports.flatMap((r) => r.warnings),
      suppressed: reports.flatMap((r) => r.suppressed),
    };
  }
}

/** Human-readable report: every error and warning with its fix, then the suppressions and their reasons. */
export function formatReport(report: GuardrailReport): string {
  const line = (v: Violation) => `  ${v.severity.padEnd(7)} ${v.ruleId}  ${v.path}\n          ${v.message}\n          fix: ${v.fix}`;
  const parts: string[] = [];
  if (report.errors.length) parts.push(`Guardrails: ${report.errors.length} error(s); nothing was written.`, ...report.errors.map(line));
  if (report.warnings.length) parts.push(`Guardrails: ${report.warnings.length} warning(s)`, ...report.warnings.map(line));
  if (report.suppressed.length) {
    parts.push(
      `Guardrails: ${report.suppressed.length} suppressed finding(s)`,
      ...report.suppressed.map((s) => `  ${s.ruleId}  ${s.path}: ${s.message}\n          suppressed at ${s.suppressedAt}: ${s.reason}`),
    );
  }
  return parts.join("\n");
}
