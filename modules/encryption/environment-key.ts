import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";

export interface EnvironmentKeyProps {
  /** Names the alias `alias/<project>-<env>`. */
  readonly naming: Naming;
  /** Region whose CloudWatch Logs service may use the key (`logs.<region>.amazonaws.com`). */
  readonly region: string;
  /** Account id (or a token resolving to it) that owns the key and its log groups. */
  readonly accountId: string;
  /** What the key encrypts, shown in the KMS console. */
  readonly description: string;
  /**
   * Days AWS waits before deleting the key after a destroy (7–30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /** Provider of another region (with `region` set to match); default: the stack's. */
  readonly provider?: TerraformProvider;
}

/**
 * The environment's customer-managed KMS key: rotation on, one alias, and a key policy that lets the
 * account's IAM policies grant use of it, CloudWatch Logs encrypt this account's log groups in this
 * region, and CloudWatch alarms and AWS Budgets publish to SNS topics encrypted with it.
 */
export class EnvironmentKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;
  /** ARN of the key, for `kms_key_id` / `kms_key_arn` arguments. */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    requireIntInRange("EnvironmentKey", "deletionWindowDays", props.deletionWindowDays, 7, 30);
    const { naming, region, accountId } = props;
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*", // in a key policy, "*" means this key
      },
      {
        Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` } },
      },
      {
        Sid: "AlarmsAndBudgetsPublishToEncryptedTopics",
        Effect: "Allow",
        Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ];
    this.key = new KmsKey(this, "key", {
      description: `${naming.prefix}: ${props.description}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policyDocument(statements),
      provider: props.provider,
    });
    this.alias = new KmsAlias(this, "alias", { name: naming.kmsAlias, targetKeyId: this.key.keyId, provider: props.provider });
    this.keyArn = this.key.arn;
  }
}
