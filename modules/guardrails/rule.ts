/** A guardrail: one check on synthesized resources, with an id, a severity, why it exists and how to fix it. */
export type Severity = "error" | "warning";

/**
 * Which stacks a rule applies to: all of them, only production-tier stacks, or only development-tier
 * ones (a finding that is a warning in development can be a sibling rule's error in production).
 */
export type RuleScope = "all" | "production" | "development";

/** One resource as it will be synthesized: snake_case attributes, references as "${type.name.attr}". */
export interface ResourceView {
  readonly type: string;
  /** Terraform name within its type (the `<name>` in `type.name`). */
  readonly name: string;
  /** Construct path, e.g. news-dev/network/vpc. */
  readonly path: string;
  readonly attrs: Readonly<Record<string, any>>;
}

export interface StackView {
  readonly stackName: string;
  readonly resources: readonly ResourceView[];
  /** The stack's provider blocks by provider name (e.g. aws), as synthesized. */
  readonly providers: Readonly<Record<string, readonly Record<string, any>[]>>;
  readonly tier: "development" | "production";
  /** The stack's backend block by backend type (e.g. { local: { path } }), when it has one. */
  readonly backend?: Readonly<Record<string, Record<string, any>>>;
  ofType(type: string): ResourceView[];
  /** True when `value` (any nesting) refers to an attribute of `resource` (to `attribute`, when given). */
  refersTo(value: unknown, resource: ResourceView, attribute?: string): boolean;
}

export interface Finding {
  /** Path of the offending construct (a resource, or the stack for stack-wide findings). */
  readonly path: string;
  readonly message: string;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  /** One line: what must hold. */
  readonly title: string;
  /** One line: why. */
  readonly rationale: string;
  /** One line: how to fix a violation. */
  readonly fix: string;
  check(stack: StackView): Finding[];
}

/** A rule that checks each resource of some types on its own. */
export function perResource(
  meta: Omit<Rule, "check">,
  types: readonly string[],
  check: (resource: ResourceView, stack: StackView) => string | string[] | undefined,
): Rule {
  return {
    ...meta,
    check: (stack) =>
      types.flatMap((type) =>
        stack.ofType(type).flatMap((resource) => {
          const result = check(resource, stack);
          return (result === undefined ? [] : Array.isArray(result) ? result : [result]).map((message) => ({
            path: resource.path,
            message,
          }));
        }),
      ),
  };
}

/** True when a synthesized value contains a Terraform expression (a reference known only at apply). */
export const isExpression = (value: unknown): boolean => typeof value === "string" && value.includes("${");

/** A name with references replaced by a 12-character stand-in (an account id), for length and charset checks. */
export const literalForm = (value: string): string => value.replace(/\$\{[^}]*\}/g, "000000000000");

/** What docs/guardrails.md shows of a rule, as one named object per rule file. */
export type RuleMetadata = Omit<Rule, "check">;
