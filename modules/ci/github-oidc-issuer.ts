/** GitHub's OIDC issuer; tokens name the repository, and the ref, event or environment, in `sub`. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** The ARN GitHub's OIDC provider has in an account (IAM names a provider after its URL). */
export const githubOidcProviderArn = (accountId: string): string => `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
