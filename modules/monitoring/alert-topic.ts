import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument } from "../iam/policy-document";
import { Naming } from "../naming";

export interface AlertTopicProps {
  readonly naming: Naming;
  /** Component of the topic's name, e.g. "alerts". */
  readonly component: string;
  /** KMS key encrypting messages at rest; its policy must let CloudWatch and Budgets use it. */
  readonly kmsKeyArn: string;
  /** Account whose alarms and budgets may publish (confused-deputy guard). */
  readonly accountId: string;
  /** Addresses subscribed by email (each confirms once from the message AWS sends). */
  readonly emails: readonly string[];
  /** Provider of another region; default: the stack's. */
  readonly provider?: TerraformProvider;
}

/**
 * Where an environment's alarms and budget notifications go: an encrypted SNS topic that CloudWatch
 * and AWS Budgets may publish to (from this account only), with email subscriptions.
 */
export class AlertTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const { naming, accountId } = props;
    this.topic = new SnsTopic(this, "topic", {
      name: naming.name(props.component, { maxLength: NAME_LIMITS.snsTopic }),
      kmsMasterKeyId: props.kmsKeyArn,
      provider: props.provider,
    });
    this.topicArn = this.topic.arn;
    new SnsTopicPolicy(this, "policy", {
      provider: props.provider,
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: "AccountManagesTopic",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"],
          Resource: this.topic.arn,
        },
        {
          Sid: "AlarmsAndBudgetsPublish",
          Effect: "Allow",
          Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
          Action: "sns:Publish",
          Resource: this.topic.arn,
          Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "sns:Publish",
          Resource: this.topic.arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    });
    props.emails.forEach(
      (email, i) =>
        new SnsTopicSubscription(this, `email-${i}`, {
          provider: props.provider,
          topicArn: this.topic.arn,
          protocol: "email",
          endpoint: email,
        }),
    );
  }
}
