import type { Estimate } from "./estimate";
import type { PriceTable } from "./price-table";

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Plain-text table for the terminal. */
export function renderText(estimates: readonly Estimate[], table: PriceTable): string {
  const lines: string[] = [];
  for (const e of estimates) {
    const width = Math.max(...e.items.map((i) => i.item.length), 5);
    lines.push(`${e.stack} (${e.region}): ${usd(e.totalUsd)} / month`);
    for (const i of e.items) lines.push(`  ${i.item.padEnd(width)}  ${usd(i.monthlyUsd).padStart(9)}  ${i.detail}`);
    lines.push("");
  }
  lines.push(`Prices: ${table.source}, recorded ${table.recorded}. ${table.note}`);
  lines.push(table.fargateSpotSource);
  lines.push(table.elasticacheValkeySource);
  lines.push(`Not counted: ${table.notCounted.join("; ")}.`);
  return lines.join("\n");
}

/** Markdown for a pull-request comment: totals, then each stack's items. */
export function renderMarkdown(estimates: readonly Estimate[], table: PriceTable): string {
  const parts = [
    "### Monthly cost estimate",
    "",
    totalsTable(estimates),
    "",
    ...estimates.flatMap((e) => [
      `<details><summary>${e.stack}: ${usd(e.totalUsd)}</summary>`,
      "",
      "| item | monthly | how |",
      "| --- | ---: | --- |",
      ...e.items.map((i) => `| ${i.item} | ${usd(i.monthlyUsd)} | ${i.detail} |`),
      "",
      "</details>",
      "",
    ]),
    `Prices: ${table.source} (${table.region}, recorded ${table.recorded}). Not counted: ${table.notCounted.join("; ")}.`,
  ];
  return parts.join("\n");
}

/** The per-stack totals, also kept in the README. */
export function totalsTable(estimates: readonly Estimate[]): string {
  return ["| stack | monthly estimate |", "| --- | ---: |", ...estimates.map((e) => `| ${e.stack} | ${usd(e.totalUsd)} |`)].join("\n");
}

/** Monthly change per stack against a base (a PR's target branch), as markdown. */
export function renderDelta(base: readonly Estimate[], now: readonly Estimate[], baseRef: string): string {
  const before = new Map(base.map((e) => [e.stack, e.totalUsd]));
  const signed = (n: number) => `${n >= 0 ? "+" : "-"}$${Math.abs(n).toFixed(2)}`;
  return [
    `**Cost delta** against \`${baseRef}\``,
    "",
    "| stack | before | after | delta |",
    "| --- | ---: | ---: | ---: |",
    ...now.map((e) => {
      const old = before.get(e.stack) ?? 0;
      return `| ${e.stack} | ${usd(old)} | ${usd(e.totalUsd)} | ${signed(e.totalUsd - old)} |`;
    }),
  ].join("\n");
}
