import type { Rule } from "../../rule";
import { OPS_001 } from "./ops-001-alarm-topics-subscribed-development";
import { OPS_002 } from "./ops-002-alarm-topics-subscribed-production";

/** The same finding at two severities, following the tiers. */
export const ALERTING_RULES: Rule[] = [OPS_001, OPS_002];
