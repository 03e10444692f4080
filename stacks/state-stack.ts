import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { StateBucket } from "../modules/state-bucket/state-bucket";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

export interface StateStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
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
      new LocalBackend(this, { path: "terraform.news-state.tfstate" });
    }
    const bucket = new StateBucket(this, "state", { bucketName: state.bucket, keyAlias: state.keyAlias });
    new TerraformOutput(this, "state_bucket", { value: bucket.bucket.bucket, description: "Bucket holding every stack's Terraform state" });
    new TerraformOutput(this, "state_key_arn", { value: bucket.key.arn, description: "KMS key encrypting the state" });
  }
}
