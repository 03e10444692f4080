/**
 * IAM action matching: `service:Action` patterns with `*` and `?` wildcards, compared
 * case-insensitively, as IAM evaluates the Action element.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}

/** The first of `patterns` that grants `action`, or undefined. */
export function grantingPattern(patterns: readonly string[], action: string): string | undefined {
  return patterns.find((pattern) => actionMatches(pattern, action));
}
