import { policyDocument } from "../iam/policy-document";

/** GitHub's OIDC issuer; tokens name the repository, and the ref, event or environment, in `sub`. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** The ARN GitHub's OIDC provider has in an account (IAM names a provider after its URL). */
export const githubOidcProviderArn = (accountId: string): string => `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;

/**
 * Trust policy for GitHub Actions: web-identity tokens from the account's GitHub provider, for STS,
 * carrying exactly these claims (`sub`, `job_workflow_ref`), so only that workflow context gets in.
 */
export function githubTrustPolicy(providerArn: string, claims: Readonly<Record<string, string>>): string {
  const required = Object.entries({ aud: "sts.amazonaws.com", ...claims });
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: Object.fromEntries(required.map(([k, v]) => [`${GITHUB_OIDC_HOST}:${k}`, v])) },
    },
  ]);
}
