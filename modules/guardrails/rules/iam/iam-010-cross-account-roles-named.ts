import { asList as list, policyStatements as statements } from "../../../iam/policy-document";
import { ELB_LOG_DELIVERY_ACCOUNT } from "../../../aws-limits";
import { perResource, type ResourceView, type Rule, type RuleMetadata, type StackView } from "../../rule";

/** Resource policies, by the attribute that holds the document. */
const RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  aws_s3_bucket_policy: "policy",
  aws_kms_key: "policy",
  aws_kms_key_policy: "policy",
  aws_ecr_repository_policy: "policy",
  aws_sns_topic: "policy",
  aws_sns_topic_policy: "policy",
  aws_sqs_queue_policy: "policy",
  aws_secretsmanager_secret_policy: "policy",
  aws_secretsmanager_secret: "policy",
};

/** Literal account principals (`arn:aws:iam::<id>:root` or a bare id) of a statement; references are skipped. */
function accountPrincipals(principal: unknown): string[] {
  const aws = principal !== null && typeof principal === "object" ? (principal as Record<string, unknown>).AWS : undefined;
  return list<string>(aws as string | string[] | undefined).flatMap((p) => {
    const match = /^(?:arn:aws[a-z-]*:iam::(\d{12}):root|(\d{12}))$/.exec(p);
    return match ? [match[1] ?? match[2]] : [];
  });
}

/**
 * Accounts a policy may name whole: the stack's own (its providers' allowed accounts) and AWS's ELB
 * log-delivery accounts, which write ALB access logs in the older regions and have no roles to name.
 */
const trustedAccounts = (stack: StackView): string[] => [
  ...Object.values(stack.providers).flatMap((blocks) => blocks.flatMap((b) => list<string>(b.allowed_account_ids))),
  ...Object.values(ELB_LOG_DELIVERY_ACCOUNT),
];

const namesRoles = (s: Record<string, any>) => ["ArnEquals", "ArnLike"].some((op) => s.Condition?.[op]?.["aws:PrincipalArn"] !== undefined);

const metadata: RuleMetadata = {
  id: "IAM-010",
  severity: "error",
  scope: "all",
  title: "Resource policies let another account in only for named roles",
  rationale:
    "A grant to another account's root principal lets every user and role that account's IAM allows " +
    "reach the resource (state, keys, images), not just its CI roles.",
  fix:
    "Keep the account principal but add Condition ArnEquals (or ArnLike) aws:PrincipalArn = the " +
    'roles meant, e.g. "arn:aws:iam::<account>:role/news-account-ci-deploy-prod" ' +
    "(modules/iam/role-arn.ts).",
};

/**
 * IAM-010: a resource policy that lets another account in names the roles it means. Granting the
 * account's root hands the decision to whoever writes IAM policies there: any user or role of that
 * account (a workload, a developer) could then read the state, decrypt with the key or pull images.
 */
export const IAM_010: Rule = perResource(metadata, Object.keys(RESOURCE_POLICIES), (r: ResourceView, stack: StackView) => {
  const trusted = trustedAccounts(stack);
  return statements(r.attrs[RESOURCE_POLICIES[r.type]])
    .filter((s) => s.Effect === "Allow" && !namesRoles(s))
    .flatMap((s) =>
      accountPrincipals(s.Principal)
        .filter((account) => !trusted.includes(account))
        .map((account) => `statement ${s.Sid ?? "(no Sid)"} allows every principal of account ${account} (no aws:PrincipalArn condition)`),
    );
});
