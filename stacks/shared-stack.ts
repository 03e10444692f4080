import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { PlatformConfig } from "../environments/schema";
import { EnvironmentKey } from "../modules/encryption/environment-key";
import { Naming } from "../modules/naming";
import { ImageRegistry } from "../modules/registry/registry";
import { awsProvider } from "./aws-provider";
import { RemoteState, useRemoteState } from "./backend";

export interface SharedStackProps {
  readonly platform: PlatformConfig;
  readonly state: RemoteState;
  /** Accounts of the environments; those other than the platform's get pull access to the registry. */
  readonly environmentAccountIds: readonly string[];
}

/** Name of the news-api image repository; environments look it up by this name. */
export function imageRepositoryName(platform: PlatformConfig): string {
  return `${platform.project}-api`;
}

/** news-shared: account-wide resources every environment uses (registry, CI identity, billing alarm). */
export class SharedStack extends TerraformStack {
  public readonly registry: ImageRegistry;

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
    const naming = new Naming(platform.project, "shared");
    const key = new EnvironmentKey(this, "key", {
      naming,
      region: platform.region,
      accountId: platform.accountId,
      description: "encrypts the image registry and account-wide logs and topics",
    });
    this.registry = new ImageRegistry(this, "registry", {
      repositoryName: imageRepositoryName(platform),
      kmsKeyArn: key.keyArn,
      keepTaggedImages: platform.registry.keepTaggedImages,
      pullAccountIds: [...new Set(props.environmentAccountIds)].filter((account) => account !== platform.accountId),
    });
    new TerraformOutput(this, "ecr_repository_url", { value: this.registry.repository.repositoryUrl, description: "Push news-api images here, tagged with the git SHA" });
  }
}
