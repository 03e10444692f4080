import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface StackTags {
  readonly project: string;
  readonly environment: string;
  readonly costCenter: string;
  readonly repository: string;
  /**
   * More tags on every resource, e.g. a preview's `Preview` and `Expires`.
   * @default - none
   */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * The AWS provider of a stack: pinned to its region, refusing any account but the allowed ones, and
 * tagging every resource for cost allocation and ownership.
 */
export function awsProvider(scope: Construct, region: string, allowedAccountIds: string[], tags: StackTags, alias?: string): AwsProvider {
  return new AwsProvider(scope, alias ? `aws-${alias}` : "aws", {
    region,
    alias,
    allowedAccountIds,
    defaultTags: [
      {
        tags: {
          Project: tags.project,
          Environment: tags.environment,
          ManagedBy: "cdktf",
          CostCenter: tags.costCenter,
          Repository: tags.repository,
          ...tags.extra,
        },
      },
    ],
  });
}
