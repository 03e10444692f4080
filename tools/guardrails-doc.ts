import type { Rule } from "../modules/guardrails/rule";

/** docs/guardrails.md's rule table, generated from the rule list (`npm run docs`; a test keeps it in step). */
export const GUARDRAILS_DOC_START = "<!-- guardrails-table:start (npm run docs) -->";
export const GUARDRAILS_DOC_END = "<!-- guardrails-table:end -->";

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function renderGuardrailsTable(rules: readonly Rule[]): string {
  return [
    "| id | severity | applies to | rule | why | fix |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rules.map(
      (r) =>
        `| ${r.id} | ${r.severity} | ${r.scope === "all" ? "every stack" : `${r.scope} tier`} | ` +
        `${cell(r.title)} | ${cell(r.rationale)} | ${cell(r.fix)} |`,
    ),
  ].join("\n");
}
