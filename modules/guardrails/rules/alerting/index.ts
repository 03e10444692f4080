import type { Rule } from "../../rule";
import { OPS_001 } from "./ops-001-alarm-topics-subscribed-development";
import { OPS_002 } from "./ops-002-alarm-topics-subscribed-production";
import { PRV_001 } from "./prv-001-stopped-database-alarms-tolerate-silence";

/** Alarms that reach someone (the same finding at two severities, following the tiers) and stay quiet when they should. */
export const ALERTING_RULES: Rule[] = [OPS_001, OPS_002, PRV_001];
