import type { Rule, RuleMetadata } from "../../rule";
import { UNHEARD_TOPICS, unheardTopics } from "./unheard-topics";

// Development environments may run without anyone on call: a warning, synth goes on.
const metadata: RuleMetadata = { id: "OPS-001", severity: "warning", scope: "development", ...UNHEARD_TOPICS };

export const OPS_001: Rule = { ...metadata, check: unheardTopics };
