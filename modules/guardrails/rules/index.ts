import type { Rule } from "../rule";
import { ALERTING_RULES } from "./alerting";
import { AWS_VALIDITY_RULES } from "./aws-validity";
import { PRODUCTION_RULES } from "./production";
import { REGISTRY_RULES } from "./registry";
import { SECRETS_RULES } from "./secrets";
import { SECURITY_RULES } from "./security";

/** Every guardrail, in the order docs/guardrails.md lists them. */
export const RULES: readonly Rule[] = [...SECURITY_RULES, ...SECRETS_RULES, ...PRODUCTION_RULES, ...AWS_VALIDITY_RULES, ...REGISTRY_RULES, ...ALERTING_RULES];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
