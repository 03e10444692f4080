import type { Rule } from "../rule";
import { ALERTING_RULES } from "./alerting";
import { AWS_VALIDITY_RULES } from "./aws-validity";
import { IAM_RULES } from "./iam";
import { DELIVERY_RULES } from "./delivery";
import { PRODUCTION_RULES } from "./production";
import { REGISTRY_RULES } from "./registry";
import { SECRETS_RULES } from "./secrets";
import { SECURITY_RULES } from "./security";
import { TERRAFORM_RULES } from "./terraform";

/** Every guardrail, in the order docs/guardrails.md lists them. */
export const RULES: readonly Rule[] = [
  ...SECURITY_RULES,
  ...IAM_RULES,
  ...SECRETS_RULES,
  ...PRODUCTION_RULES,
  ...DELIVERY_RULES,
  ...AWS_VALIDITY_RULES,
  ...REGISTRY_RULES,
  ...TERRAFORM_RULES,
  ...ALERTING_RULES,
];

/** Ids of every guardrail: a suppression must name one of them (suppressions.ts). */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
