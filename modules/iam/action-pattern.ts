/**
 * IAM action matching: `service:Action` patterns with `*` and `?` wildcards, compared
 * case-insensitively, as IAM evaluates the Action element.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return patternRegex(pattern).test(action);
}

/** The first of `patterns` that grants `action`, or undefined. */
export function grantingPattern(patterns: readonly string[], action: string): string | undefined {
  return patterns.find((pattern) => actionMatches(pattern, action));
}

/**
 * One compiled expression per pattern: the guardrails match every statement's patterns against their
 * action lists on each synthesis, and building the RegExp each time was most of their cost.
 */
const compiled = new Map<string, RegExp>();

function patternRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    regex = new RegExp(`^${source}$`, "i");
    compiled.set(pattern, regex);
  }
  return regex;
}
