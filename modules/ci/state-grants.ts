import type { PolicyStatement } from "../iam/policy-document";
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
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: access.write ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: access.keyArn,
    },
  ];
}
