/**
 * IAM policy documents as typed data, rendered to JSON at synth. A literal document (rather than an
 * aws_iam_policy_document data source) shows up verbatim in plans and can be checked by tests and
 * guardrails without Terraform.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | { readonly AWS?: string | string[]; readonly Service?: string | string[]; readonly Federated?: string };
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(service: string, condition?: PolicyStatement["Condition"]): string {
  return policyDocument([
    { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) },
  ]);
}

/** `value` as a list: IAM and Terraform accept a single value or an array in the same place. */
export const asList = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : [value as T];

/**
 * The statements of a rendered JSON policy (a string, as synthesized); [] for anything that is not
 * one, e.g. a reference resolved only at apply. Guardrails and the synth diff read policies with it.
 */
export function policyStatements(policy: unknown): Record<string, any>[] {
  if (typeof policy !== "string") return [];
  try {
    return asList(JSON.parse(policy).Statement);
  } catch {
    return [];
  }
}
