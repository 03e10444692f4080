import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

export interface SharedStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
}

/** news-shared: account-wide resources every environment uses (registry, CI identity, billing alarm). */
export class SharedStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SharedStackProps) {
    super(scope, id);
    const { platform } = props;
    awsProvider(this, platform.region, [platform.accountId], {
      project: platform.project,
      environment: "shared",
      costCenter: platform.costCenter,
      repository: platform.repository,
    });
    useRemoteState(this, props.state);
  }
}
