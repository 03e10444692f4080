import type { PolicyStatement } from "../iam/policy-document";

/** Who among the project's roles may touch one stack's state (`<stack id>/…` in the bucket). */
export interface StateKeyAccess {
  /** The stack id, which is the key prefix (stacks/backend.ts). */
  readonly stackId: string;
  /** Role ARNs that may read and write the state and its lock (the environment's deploy role). */
  readonly writers: readonly string[];
  /** Role ARNs that may only read the state (the PR plan role, for non-production stacks). */
  readonly readers: readonly string[];
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
      { Sid: `OnlyItsDeployRoleWrites${sid(key.stackId)}`, Effect: "Deny", Principal: "*", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: objects, Condition: unless(key.writers) },
      { Sid: `OnlyListedRolesRead${sid(key.stackId)}`, Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: objects, Condition: unless([...key.writers, ...key.readers]) },
    ];
  });
}
