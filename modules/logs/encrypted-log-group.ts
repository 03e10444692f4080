import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";

export interface EncryptedLogGroupProps {
  /** Full log group name, e.g. `/news/dev/news-api`. */
  readonly name: string;
  /** Days CloudWatch keeps events. */
  readonly retentionDays: number;
  /** KMS key ARN encrypting the events. */
  readonly kmsKeyArn: string;
}

/**
 * Every log group the project creates goes through here: retention and a KMS key are required props,
 * so no group can keep logs forever or unencrypted. Groups AWS services would otherwise create on
 * their own (RDS exports) are pre-created with it for the same reason.
 */
export function encryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, {
    name: props.name,
    retentionInDays: props.retentionDays,
    kmsKeyId: props.kmsKeyArn,
  });
}
