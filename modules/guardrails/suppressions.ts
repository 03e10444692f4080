import { IConstruct } from "constructs";
import { ConfigError } from "../errors";
import { RULE_IDS } from "./rules";

const METADATA_TYPE = "newsstack:guardrail-suppression";

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Exempts `scope` and everything below it from one guardrail, for a stated reason (at least 20
 * characters: say why the rule does not apply here). Suppressions are listed in every synth's output.
 */
export function suppressGuardrail(scope: IConstruct, ruleId: string, reason: string): void {
  // A suppression of a rule that does not exist (a typo, a retired id) would silently suppress nothing.
  if (!RULE_IDS.has(ruleId))
    throw new ConfigError(
      `suppressGuardrail at ${scope.node.path}: "${ruleId}" is not a guardrail; known: ` +
        `${[...RULE_IDS].sort().join(", ")} (docs/guardrails.md)`,
    );
  if (reason.trim().length < 20)
    throw new ConfigError(
      `suppressGuardrail(${ruleId}) at ${scope.node.path}: the reason must say why the rule does not apply (20+ characters)`,
    );
  scope.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() });
}

/**
 * The suppression of `ruleId` on the construct at `path` or an ancestor, if any. `root` is the stack:
 * `path` starts with its id, and each further segment names a child.
 */
export function suppressionFor(root: IConstruct, path: string, ruleId: string): (Suppression & { readonly path: string }) | undefined {
  const [, ...childIds] = path.split("/");
  const chain: IConstruct[] = [root];
  for (const id of childIds) {
    const child = chain[chain.length - 1].node.tryFindChild(id);
    if (!child) break;
    chain.push(child);
  }
  for (const construct of chain.reverse()) {
    const entry = construct.node.metadata.find((m) => m.type === METADATA_TYPE && (m.data as Suppression).ruleId === ruleId);
    if (entry) return { ...(entry.data as Suppression), path: construct.node.path };
  }
  return undefined;
}
