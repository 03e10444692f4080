import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig, PlatformConfig } from "../environments/schema";
import { EnvironmentKey } from "../modules/encryption/environment-key";
import { Naming } from "../modules/naming";
import { Network } from "../modules/network/network";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

export interface EnvironmentStackProps {
  readonly platform: PlatformConfig;
  readonly environment: EnvironmentConfig;
  readonly state: RemoteState;
}

/**
 * news-<env>: the whole runtime of one environment. The only place that maps config fields onto
 * module props; modules never see the config itself.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly naming: Naming;
  public readonly key: EnvironmentKey;
  public readonly network: Network;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { platform, environment: env } = props;
    this.naming = new Naming(platform.project, env.name);
    awsProvider(this, env.region, env.allowedAccountIds, {
      project: platform.project,
      environment: env.name,
      costCenter: env.costCenter,
      repository: platform.repository,
    });
    useRemoteState(this, props.state);
    const accountId = new DataAwsCallerIdentity(this, "caller").accountId;

    this.key = new EnvironmentKey(this, "key", { naming: this.naming, region: env.region, accountId });
    this.network = new Network(this, "network", {
      naming: this.naming,
      region: env.region,
      accountId,
      vpcCidr: env.network.vpcCidr,
      availabilityZones: env.network.availabilityZones,
      natStrategy: env.network.natStrategy,
      containerPort: env.service.containerPort,
      flowLogRetentionDays: env.logRetentionDays,
      logsKmsKeyArn: this.key.keyArn,
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId });
    new TerraformOutput(this, "kms_key_arn", { value: this.key.keyArn, description: "The environment's KMS key" });
  }
}
