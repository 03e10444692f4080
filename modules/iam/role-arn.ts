import { ConfigError } from "../errors";

/**
 * The account of a role ARN or ARN pattern (`arn:aws:iam::<account>:role/<name or pattern>`): resource
 * policies name a role of another account under its account's principal and match the role by
 * `aws:PrincipalArn`, which works before the role exists (a role principal would not).
 */
export function roleArnAccount(roleArn: string, context: string): string {
  const match = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn);
  if (!match) throw new ConfigError(`${context}: "${roleArn}" must be a role ARN "arn:aws:iam::<12-digit account>:role/<name or pattern>"`);
  return match[1];
}

/** The account principal (`arn:aws:iam::<account>:root`) of each role's account, once each. */
export const accountPrincipals = (roleArns: readonly string[], context: string): string[] => [
  ...new Set(roleArns.map((arn) => `arn:aws:iam::${roleArnAccount(arn, context)}:root`)),
];
