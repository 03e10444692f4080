/**
 * One runbook page per alarm, in docs/runbooks/. Alarm descriptions link them; a test checks each
 * linked page exists, so an alarm can never page someone without telling them what to do.
 */
export const RUNBOOK_PAGES = [
  "target-5xx",
  "high-latency",
  "unhealthy-targets",
  "running-tasks-low",
  "ecs-cpu",
  "ecs-memory",
  "rds-cpu",
  "rds-free-storage",
  "rds-connections",
  "redis-cpu",
  "redis-memory",
  "redis-evictions",
  "application-errors",
  "service-unhealthy",
  "cost-overrun",
] as const;

export type RunbookPage = (typeof RUNBOOK_PAGES)[number];

/** Where runbook pages live in the repository. */
export const RUNBOOK_DIR = "docs/runbooks";

/** Browsable link to a page on the repository's default branch. */
export function runbookUrl(repository: string, page: RunbookPage): string {
  return `https://github.com/${repository}/blob/main/${RUNBOOK_DIR}/${page}.md`;
}
