import { SAVED_PLAN_PURPOSE } from "../naming";
import type { PolicyStatement } from "./policy-document";

/**
 * The condition on a saved-plan key grant: the request's encryption context names the saved-plan purpose
 * and one of `stackIds` (modules/naming.ts savedPlanEncryptionContext), so the grant opens no other
 * ciphertext made with the state key. A missing context key does not match StringEquals.
 */
export const savedPlanContextCondition = (stackIds: readonly string[]): NonNullable<PolicyStatement["Condition"]> => ({
  StringEquals: {
    "kms:EncryptionContext:purpose": SAVED_PLAN_PURPOSE,
    "kms:EncryptionContext:stack": stackIds.length === 1 ? stackIds[0] : [...stackIds],
  },
});

/**
 * S3 calls the state key on a role's behalf for SSE-KMS state objects (`kms:ViaService`); a grant with this
 * condition cannot decrypt a saved plan's data key, which is a direct KMS call.
 */
export const THROUGH_S3 = { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } } as const;
