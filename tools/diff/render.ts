import type { StackDiff } from "./compare";

const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v).slice(0, 120));
const SIGN = { add: "+", remove: "-", change: "~" } as const;

export function renderDiffText(diffs: readonly StackDiff[], base: string): string {
  if (diffs.length === 0) return `No changes to the synthesized stacks since ${base}.`;
  const lines: string[] = [];
  for (const d of diffs) {
    const counts = (["add", "change", "remove"] as const).map((a) => `${d.resources.filter((r) => r.action === a).length} ${a}`).join(", ");
    lines.push(`${d.stack} (${d.status}): ${counts}`);
    for (const r of d.resources) {
      lines.push(`  ${SIGN[r.action]} ${r.address}`);
      for (const c of r.changes.slice(0, 20)) lines.push(`      ${c.path}: ${show(c.before)} → ${show(c.after)}`);
      if (r.changes.length > 20) lines.push(`      … ${r.changes.length - 20} more attributes`);
      for (const risk of r.risks) lines.push(`      RISK: ${risk}`);
    }
  }
  return lines.join("\n");
}

export function renderDiffMarkdown(diffs: readonly StackDiff[], base: string): string {
  if (diffs.length === 0) return `**Synth diff** against \`${base}\`: no changes.`;
  const risky = diffs.flatMap((d) =>
    d.resources.filter((r) => r.risks.length).map((r) => `- :warning: \`${d.stack}\` \`${r.address}\`: ${r.risks.join("; ")}`),
  );
  return [
    `**Synth diff** against \`${base}\``,
    "",
    "| stack | add | change | remove |",
    "| --- | ---: | ---: | ---: |",
    ...diffs.map(
      (d) =>
        `| ${d.stack} | ` +
        `${(["add", "change", "remove"] as const).map((a) => d.resources.filter((r) => r.action === a).length).join(" | ")} |`,
    ),
    "",
    ...(risky.length ? ["**Risky changes**", ...risky, ""] : []),
    "<details><summary>Resources</summary>",
    "",
    "```diff",
    renderDiffText(diffs, base)
      .split("\n")
      .map((l) => (l.trimStart().startsWith("+ ") ? `+${l}` : l.trimStart().startsWith("- ") ? `-${l}` : ` ${l}`))
      .join("\n"),
    "```",
    "</details>",
  ].join("\n");
}
