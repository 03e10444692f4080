import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument, serviceTrustPolicy } from "../iam/policy-document";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";

export interface VpcFlowLogsProps {
  readonly naming: Naming;
  readonly vpcId: string;
  readonly region: string;
  readonly accountId: string;
  /** Days CloudWatch keeps the flow log records. */
  readonly retentionDays: number;
  /** KMS key ARN encrypting the log group. */
  readonly kmsKeyArn: string;
}

/** All traffic of the VPC (accepted and rejected) to a KMS-encrypted log group with retention. */
export class VpcFlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { naming, region, accountId } = props;
    this.logGroup = encryptedLogGroup(this, "log-group", {
      name: naming.logGroupName("vpc-flow-logs"),
      retentionDays: props.retentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const role = new IamRole(this, "role", {
      name: naming.name("vpc-flow-logs", { maxLength: NAME_LIMITS.iamRole }),
      // Only flow logs of this account may assume it (confused-deputy guard).
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*` },
      }),
    });
    new IamRolePolicy(this, "policy", {
      role: role.id,
      name: "deliver-to-log-group",
      policy: policyDocument([
        {
          Sid: "WriteThisLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60, // one-minute records: incidents are investigated in minutes, not tens of them
      tags: { Name: naming.name("vpc-flow-logs", { maxLength: NAME_LIMITS.generic }) },
    });
  }
}
