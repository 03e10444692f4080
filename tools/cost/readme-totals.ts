/** Markers of the README block holding the per-stack cost totals (rewritten by `npm run docs`). */
export const COST_START = "<!-- cost-estimate:start (npm run docs) -->";
export const COST_END = "<!-- cost-estimate:end -->";
