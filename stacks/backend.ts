import { S3Backend, TerraformStack } from "cdktf";
import type { PlatformConfig } from "../environments/schema";
import { stateKey } from "../modules/naming";

/** Where the team's Terraform state lives; derived from the platform config, created by news-state. */
export interface RemoteState {
  /** One bucket per account: `<project>-tfstate-<account>-<region>` (globally unique by construction). */
  readonly bucket: string;
  readonly region: string;
  /** Alias of the state KMS key; the backend encrypts state objects with it. */
  readonly keyAlias: string;
  readonly keyAliasArn: string;
  /** The key's ARN when the platform config names it (`state.keyArn`); needed by stacks deployed from other accounts. */
  readonly keyArn?: string;
}

/**
 * Terraform ≥ 1.11: write-only arguments (`secret_string_wo`, modules/secrets/generated-secret.ts);
 * 1.10 brought the ephemeral resources and S3-native state locking (`use_lockfile`) we also use.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.11.0";

export function remoteState(platform: PlatformConfig): RemoteState {
  const keyAlias = `alias/${platform.project}-tfstate`;
  return {
    bucket: `${platform.project}-tfstate-${platform.accountId}-${platform.region}`,
    region: platform.region,
    keyAlias,
    keyAliasArn: `arn:aws:kms:${platform.region}:${platform.accountId}:${keyAlias}`,
    keyArn: platform.state.keyArn,
  };
}

/**
 * Points `stack` at the shared S3 backend, key `<stack id>/terraform.tfstate`. Locking is S3-native
 * (a `.tflock` object next to the state, Terraform ≥ 1.10): no DynamoDB table to run or pay for.
 * cdktf 0.21's S3BackendConfig has no `useLockfile`, so it is set through the backend's override.
 */
export function useRemoteState(stack: TerraformStack, state: RemoteState): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key: stateKey(stack.node.id),
    region: state.region,
    encrypt: true,
    // An alias resolves in the caller's account only: stacks deployed from another account need the ARN.
    kmsKeyId: state.keyArn ?? state.keyAliasArn,
  });
  backend.addOverride("use_lockfile", true);
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  return backend;
}
