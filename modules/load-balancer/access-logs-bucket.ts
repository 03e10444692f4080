import { Construct } from "constructs";
import { AwsRegion, ELB_LOG_DELIVERY_ACCOUNT } from "../aws-limits";
import { PrivateBucket } from "../s3/private-bucket";

export interface AccessLogsBucketProps {
  readonly bucketName: string;
  readonly region: string;
  /** Account whose load balancers write here (the log path contains it). */
  readonly accountId: string;
  /** Key prefix the load balancer writes under. */
  readonly prefix: string;
  /** Days objects are kept. */
  readonly retentionDays: number;
  /** Let `destroy` empty the bucket (non-production environments). */
  readonly forceDestroy: boolean;
}

/**
 * Bucket for ALB access logs: SSE-S3 (the only encryption ALB log delivery supports), private,
 * TLS-only, write access for the region's log-delivery principal under the prefix only, objects
 * expired after the retention.
 */
export function accessLogsBucket(scope: Construct, id: string, props: AccessLogsBucketProps): PrivateBucket {
  const legacyAccount = ELB_LOG_DELIVERY_ACCOUNT[props.region as AwsRegion];
  return new PrivateBucket(scope, id, {
    bucketName: props.bucketName,
    forceDestroy: props.forceDestroy,
    preventDestroy: false,
    policyStatements: (bucketArn) => [
      {
        Sid: "LoadBalancerLogDelivery",
        Effect: "Allow",
        Principal: legacyAccount
          ? { AWS: `arn:aws:iam::${legacyAccount}:root` }
          : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/${props.prefix}/AWSLogs/${props.accountId}/*`,
      },
    ],
    lifecycleRules: [
      {
        id: "expire-access-logs",
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: [{ days: props.retentionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      },
    ],
  });
}
