import type { PolicyStatement } from "../iam/policy-document";
import { accountPrincipals, roleArnAccount } from "../iam/role-arn";
import { savedPlanContextCondition, THROUGH_S3 } from "../iam/saved-plan-condition";

/** Who among the project's roles may touch one stack's state (`<stack id>/…` in the bucket). */
export interface StateKeyAccess {
  /** The stack id, which is the key prefix (stacks/backend.ts). */
  readonly stackId: string;
  /**
   * Role ARNs that may read and write the state and its lock (the environment's deploy role); they also
   * decrypt the stack's saved plan (KMS Decrypt with its saved-plan encryption context).
   */
  readonly writers: readonly string[];
  /** Role ARNs that may only read the state (the PR plan role, for non-production stacks). */
  readonly readers: readonly string[];
  /**
   * Role ARNs that save the stack's plan for its deploy (the deploy workflow's plan role): KMS
   * GenerateDataKey with the stack's saved-plan encryption context (tools/ci/saved-plan-envelope.ts).
   * @default - none
   */
  readonly planSavers?: readonly string[];
}

const sid = (text: string) => text.replace(/[^A-Za-z0-9]/g, "");

/**
 * Bucket-policy denies backing the CI roles' own policies: no role whose name starts with
 * `<project>-` (CI roles, the environments' workload roles, in any account) reads or writes a
 * stack's state unless listed for it. Other principals (administrators bootstrapping or deploying by
 * hand) are left to their IAM policies.
 */
export function stateAccessStatements(bucketArn: string, projectRolePattern: string, keys: readonly StateKeyAccess[]): PolicyStatement[] {
  return keys.flatMap((key) => {
    const objects = `${bucketArn}/${key.stackId}/*`;
    const unless = (allowed: readonly string[]) => ({
      ArnLike: { "aws:PrincipalArn": projectRolePattern },
      ...(allowed.length > 0 ? { ArnNotEquals: { "aws:PrincipalArn": [...allowed] } } : {}),
    });
    return [
      {
        Sid: `OnlyItsDeployRoleWrites${sid(key.stackId)}`,
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:PutObject", "s3:DeleteObject"],
        Resource: objects,
        Condition: unless(key.writers),
      },
      {
        Sid: `OnlyListedRolesRead${sid(key.stackId)}`,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: objects,
        Condition: unless([...key.writers, ...key.readers]),
      },
    ];
  });
}

/** Roles of other accounts than `ownAccountId`, grouped with their accounts' root principals. */
function crossAccount(ownAccountId: string, roles: readonly string[]): { roots: string[]; roles: string[] } | undefined {
  const foreign = [...new Set(roles.filter((arn) => roleArnAccount(arn, "state access") !== ownAccountId))];
  if (foreign.length === 0) return undefined;
  return { roots: accountPrincipals(foreign, "state access"), roles: foreign };
}

/**
 * A role of another account reaches the bucket only if its bucket policy allows it too. Each listed
 * role of another account is allowed exactly what its own IAM grants (modules/ci/state-grants.ts): a
 * writer its stack's state object and lock, a reader the state object. The principal is the role's
 * account with `aws:PrincipalArn` naming the role, so the policy applies before the role exists.
 */
export function crossAccountStateStatements(bucketArn: string, ownAccountId: string, keys: readonly StateKeyAccess[]): PolicyStatement[] {
  return keys.flatMap((key) => {
    const state = `${bucketArn}/${key.stackId}/terraform.tfstate`;
    const writers = crossAccount(ownAccountId, key.writers);
    const readers = crossAccount(ownAccountId, [...key.writers, ...key.readers]);
    if (!readers) return [];
    const from = (group: { roots: string[]; roles: string[] }) => ({
      Principal: { AWS: group.roots },
      Condition: { ArnEquals: { "aws:PrincipalArn": group.roles } },
    });
    return [
      {
        Sid: `OtherAccountsList${sid(key.stackId)}`,
        Effect: "Allow" as const,
        ...from(readers),
        Action: "s3:ListBucket",
        Resource: bucketArn,
        Condition: { ...from(readers).Condition, StringLike: { "s3:prefix": `${key.stackId}/*` } },
      },
      { Sid: `OtherAccountsRead${sid(key.stackId)}`, Effect: "Allow" as const, ...from(readers), Action: "s3:GetObject", Resource: state },
      ...(writers
        ? [
            {
              Sid: `OtherAccountsWrite${sid(key.stackId)}`,
              Effect: "Allow" as const,
              ...from(writers),
              Action: "s3:PutObject",
              Resource: state,
            },
            {
              Sid: `OtherAccountsLock${sid(key.stackId)}`,
              Effect: "Allow" as const,
              ...from(writers),
              Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
              Resource: `${state}.tflock`,
            },
          ]
        : []),
    ];
  });
}

/**
 * The state key's policy statements for roles of other accounts: the account administers the key
 * through IAM as with a default key policy; a role of another account listed for a stack may use the
 * key only through S3 (the state objects' SSE-KMS), to decrypt, and to encrypt if it writes state.
 * Empty when every role is in `ownAccountId` (the default key policy is then kept).
 */
export function crossAccountStateKeyStatements(ownAccountId: string, keys: readonly StateKeyAccess[]): PolicyStatement[] {
  const writers = crossAccount(
    ownAccountId,
    keys.flatMap((k) => k.writers),
  );
  const readers = crossAccount(
    ownAccountId,
    keys.flatMap((k) => k.readers).filter((arn) => !writers?.roles.includes(arn)),
  );
  const savedPlans = savedPlanKeyStatements(ownAccountId, keys);
  if (!writers && !readers && savedPlans.length === 0) return [];
  const via = (group: { roots: string[]; roles: string[] }) => ({
    Principal: { AWS: group.roots },
    Resource: "*", // in a key policy, "*" means this key
    Condition: { ArnEquals: { "aws:PrincipalArn": group.roles }, ...THROUGH_S3 },
  });
  return [
    {
      Sid: "AccountAdministersKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ownAccountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    ...(writers
      ? [
          {
            Sid: "OtherAccountsDeployRolesUseStateThroughS3",
            Effect: "Allow" as const,
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            ...via(writers),
          },
        ]
      : []),
    ...(readers
      ? [{ Sid: "OtherAccountsPlanRolesReadStateThroughS3", Effect: "Allow" as const, Action: "kms:Decrypt", ...via(readers) }]
      : []),
    ...savedPlans,
  ];
}

/**
 * Per stack, for its roles of other accounts: the plan savers may generate a data key and the deploy
 * role decrypt one, each only with that stack's saved-plan encryption context (the roles' own IAM
 * grants the same, modules/ci/state-grants.ts).
 */
function savedPlanKeyStatements(ownAccountId: string, keys: readonly StateKeyAccess[]): PolicyStatement[] {
  return keys.flatMap((key) => {
    const grant = (sidPrefix: string, action: string, roles: readonly string[]): PolicyStatement[] => {
      const group = crossAccount(ownAccountId, roles);
      if (!group) return [];
      return [
        {
          Sid: `${sidPrefix}${sid(key.stackId)}`,
          Effect: "Allow",
          Principal: { AWS: group.roots },
          Action: action,
          Resource: "*",
          Condition: { ArnEquals: { "aws:PrincipalArn": group.roles }, ...savedPlanContextCondition([key.stackId]) },
        },
      ];
    };
    return [
      ...grant("OtherAccountsEncryptSavedPlan", "kms:GenerateDataKey", key.planSavers ?? []),
      ...grant("OtherAccountsDecryptSavedPlan", "kms:Decrypt", key.writers),
    ];
  });
}
