import { grantingPattern } from "../iam/action-pattern";
import type { PolicyStatement } from "../iam/policy-document";
import { explicitRefreshActions, REFRESH_READS } from "../iam/refresh-reads";
import viewOnly from "../iam/viewonly-access-excerpt.json";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { Naming } from "../naming";

export interface PlanRefreshScope {
  readonly accountId: string;
  /** Project prefix of secret names and key aliases (`<project>/<env>/…`, `alias/<project>-<env>`). */
  readonly project: string;
  /** Environments whose stacks the plan role refreshes (those in its account). */
  readonly environments: readonly string[];
}

/** ARN patterns of the environments' secrets: `<project>/<env>/*` in any region of the account. */
export const environmentSecretArns = ({ accountId, project, environments }: PlanRefreshScope): string[] =>
  environments.map((env) => `arn:aws:secretsmanager:*:${accountId}:secret:${new Naming(project, env).secretNamePattern}`);

/**
 * The reads `terraform plan` needs beyond ReadOnlyAccess (modules/iam/refresh-reads.ts), each scoped:
 * secret values of the environments' secrets only; Decrypt on their keys only through Secrets
 * Manager and only for those secrets (the key ARNs live in the environment stacks, so keys are
 * matched by alias); Secrets Manager's password generator, which has no resource to scope to.
 * The state key's Decrypt is granted with the state statements.
 */
export function planRefreshStatements(scope: PlanRefreshScope): PolicyStatement[] {
  const secretArns = environmentSecretArns(scope);
  const metadata: PolicyStatement = {
    Sid: "RefreshReadsBeyondViewOnly",
    Effect: "Allow",
    Action: refreshReadsBeyondViewOnly(),
    Resource: "*",
  };
  if (scope.environments.length === 0)
    return [metadata, wildcardResourceStatement("GenerateSecretValues", explicitRefreshActions("no-resource"))];
  return [
    metadata,
    { Sid: "ReadEnvironmentSecrets", Effect: "Allow", Action: explicitRefreshActions("environment-secrets"), Resource: secretArns },
    {
      Sid: "DecryptEnvironmentSecrets",
      Effect: "Allow",
      Action: explicitRefreshActions("environment-keys-for-secrets"),
      Resource: `arn:aws:kms:*:${scope.accountId}:key/*`,
      Condition: {
        "ForAnyValue:StringEquals": { "kms:ResourceAliases": scope.environments.map((env) => new Naming(scope.project, env).kmsAlias) },
        StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com", "kms:EncryptionContext:SecretARN": secretArns },
      },
    },
    wildcardResourceStatement("GenerateSecretValues", explicitRefreshActions("no-resource")),
  ];
}

/** The managed policy the plan role has attached: lists and metadata, no data (no object or secret reads). */
export const PLAN_MANAGED_POLICY_ARN = viewOnly.policyArn;

/**
 * Reads of the refresh table that ReadOnlyAccess covers but ViewOnlyAccess does not (configuration
 * reads such as s3:GetBucketPolicy or ecs:DescribeTaskDefinition), sorted. The backend's reads are
 * left out: state is granted object by object (state-grants.ts), never s3:GetObject on "*".
 */
export function refreshReadsBeyondViewOnly(): string[] {
  const reads = Object.entries(REFRESH_READS)
    .filter(([type]) => !type.startsWith("backend."))
    .flatMap(([, rows]) => rows.filter((r) => r.grant === "ReadOnlyAccess").map((r) => r.action));
  return [...new Set(reads.filter((action) => grantingPattern(viewOnly.actions, action) === undefined))].sort();
}
