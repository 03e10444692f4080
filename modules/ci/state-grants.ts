import type { PolicyStatement } from "../iam/policy-document";
import { savedPlanContextCondition, THROUGH_S3 } from "../iam/saved-plan-condition";
import { stateKey, stateLockKey } from "../naming";

/** The state object and S3-native lock file of one stack (stacks/backend.ts: `<stack id>/terraform.tfstate`). */
export interface StateObjects {
  readonly stackId: string;
  readonly state: string;
  readonly lock: string;
}

export const stateObjectArns = (bucket: string, stackId: string): StateObjects => ({
  stackId,
  state: `arn:aws:s3:::${bucket}/${stateKey(stackId)}`,
  lock: `arn:aws:s3:::${bucket}/${stateLockKey(stackId)}`,
});

export interface StateAccess {
  readonly bucket: string;
  readonly keyArn: string;
  /** The stacks whose state is reachable; nothing else in the bucket is. */
  readonly objects: StateObjects | readonly StateObjects[];
  /** Write the state and take its lock (a deploy); otherwise read the state only, never the lock (a plan with -lock=false). */
  readonly write: boolean;
  /**
   * What the role does with the stacks' saved plans (tools/ci/saved-plan-envelope.ts): `save` generates data
   * keys to encrypt them (the deploy workflow's plan role), `apply` decrypts them (the stack's deploy role);
   * either only with the saved-plan encryption context naming one of `objects`' stacks.
   * @default - neither: the state key only through S3
   */
  readonly savedPlan?: "save" | "apply";
}

/**
 * The state key for the state objects' SSE-KMS only (`kms:ViaService` S3): never a direct call, so a
 * role reading state cannot unwrap a saved plan's data key, whatever encryption context it names.
 */
export const stateKeyThroughS3 = (keyArn: string, write: boolean): PolicyStatement => ({
  Sid: "StateKey",
  Effect: "Allow",
  Action: write ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
  Resource: keyArn,
  Condition: THROUGH_S3,
});

/** The direct key call a saved plan needs, for the given stacks' saved-plan encryption context only. */
function savedPlanStatement(use: "save" | "apply", keyArn: string, stackIds: readonly string[]): PolicyStatement {
  return {
    Sid: use === "save" ? "EncryptSavedPlans" : "DecryptOwnSavedPlan",
    Effect: "Allow",
    Action: use === "save" ? "kms:GenerateDataKey" : "kms:Decrypt",
    Resource: keyArn,
    Condition: savedPlanContextCondition(stackIds),
  };
}

/** Access to exactly the named stacks' state: listing under their prefixes, the objects, the state key. */
export function stateStatements(access: StateAccess): PolicyStatement[] {
  const objects = ([] as StateObjects[]).concat(access.objects);
  if (objects.length === 0) return [];
  const bucketArn = `arn:aws:s3:::${access.bucket}`;
  return [
    {
      Sid: "ListOwnState",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringLike: { "s3:prefix": objects.map((o) => `${o.stackId}/*`) } },
    },
    access.write
      ? { Sid: "ReadWriteOwnState", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: objects.map((o) => o.state) }
      : { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: objects.map((o) => o.state) },
    ...(access.write
      ? [
          {
            Sid: "TakeOwnStateLock",
            Effect: "Allow" as const,
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resource: objects.map((o) => o.lock),
          },
        ]
      : []),
    stateKeyThroughS3(access.keyArn, access.write),
    ...(access.savedPlan
      ? [
          savedPlanStatement(
            access.savedPlan,
            access.keyArn,
            objects.map((o) => o.stackId),
          ),
        ]
      : []),
  ];
}
