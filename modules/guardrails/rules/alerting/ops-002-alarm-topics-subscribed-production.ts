import type { Rule, RuleMetadata } from "../../rule";
import { UNHEARD_TOPICS, unheardTopics } from "./unheard-topics";

// Production-tier stacks may not run without anyone on call: an error.
const metadata: RuleMetadata = { id: "OPS-002", severity: "error", scope: "production", ...UNHEARD_TOPICS };

export const OPS_002: Rule = { ...metadata, check: unheardTopics };
