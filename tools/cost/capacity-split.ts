/** A service's capacity provider strategy as synthesized (`capacity_provider_strategy`). */
export interface StrategyItem {
  readonly capacity_provider: string;
  readonly base?: number;
  readonly weight?: number;
}

/**
 * How ECS places `tasks` tasks under a strategy: each provider's `base` first, the rest in proportion
 * to the weights (fractions: the estimate averages over the week). No strategy: the FARGATE launch type.
 */
export function splitTasks(tasks: number, strategy: readonly StrategyItem[] | undefined): { onDemand: number; spot: number } {
  if (!strategy || strategy.length === 0) return { onDemand: tasks, spot: 0 };
  let left = tasks;
  const placed = new Map<string, number>();
  for (const item of strategy) {
    const base = Math.min(Number(item.base ?? 0), left);
    placed.set(item.capacity_provider, base);
    left -= base;
  }
  const weights = strategy.reduce((sum, item) => sum + Number(item.weight ?? 0), 0);
  for (const item of strategy) {
    const share = weights > 0 ? (left * Number(item.weight ?? 0)) / weights : 0;
    placed.set(item.capacity_provider, (placed.get(item.capacity_provider) ?? 0) + share);
  }
  return { onDemand: placed.get("FARGATE") ?? 0, spot: placed.get("FARGATE_SPOT") ?? 0 };
}
