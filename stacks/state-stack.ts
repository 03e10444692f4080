import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { StateKeyAccess } from "../modules/state-bucket/state-access-policy";
import { StateBucket } from "../modules/state-bucket/state-bucket";
import { fromStackDirectory } from "../modules/terraform-layout";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

/** news-state's local state during the bootstrap, relative to the repository root (`*.tfstate` is gitignored). */
const bootstrapStateFile = (stackId: string): string => `terraform.${stackId}.tfstate`;

export interface StateStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
  /** Which CI roles may read or write each stack's state; every other `<project>-*` role is denied. */
  readonly stateAccess: readonly StateKeyAccess[];
}

/**
 * news-state: the bucket and key every other stack keeps its state in. Bootstrapped once with local
 * state, then migrated into its own bucket (README, "Remote state").
 */
export class StateStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const { platform, state } = props;
    awsProvider(this, platform.region, [platform.accountId], {
      project: platform.project,
      environment: "shared",
      costCenter: platform.costCenter,
      repository: platform.repository,
    });
    if (platform.state.stateStackBackend === "s3") {
      useRemoteState(this, state);
    } else {
      // At the repository root (gitignored), not in cdktf.out/stacks/<id>/ where Terraform runs: a clean
      // synth must not lose the only record of the state bucket before it is migrated into it.
      new LocalBackend(this, { path: fromStackDirectory(id, bootstrapStateFile(id)) });
    }
    const bucket = new StateBucket(this, "state", {
      bucketName: state.bucket,
      keyAlias: state.keyAlias,
      stateAccess: { rolePattern: `arn:aws:iam::*:role/${platform.project}-*`, accountId: platform.accountId, keys: props.stateAccess },
    });
    new TerraformOutput(this, "state_bucket", { value: bucket.bucket.bucket, description: "Bucket holding every stack's Terraform state" });
    new TerraformOutput(this, "state_key_arn", { value: bucket.key.arn, description: "KMS key encrypting the state" });
  }
}
