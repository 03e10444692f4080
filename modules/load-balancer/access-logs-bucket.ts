import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { AwsRegion, ELB_LOG_DELIVERY_ACCOUNT } from "../aws-limits";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { tlsOnlyBucketStatements } from "../iam/tls-only-bucket-policy";

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
 * Bucket for ALB access logs: SSE-S3 (the only encryption ALB log delivery supports), all public
 * access blocked, TLS-only, write access for the region's log-delivery principal under the prefix
 * only, objects expired after the retention.
 */
export class AccessLogsBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The policy granting log delivery; the ALB must depend on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogsBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: props.forceDestroy });
    const bucket = this.bucket.id;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const legacyAccount = ELB_LOG_DELIVERY_ACCOUNT[props.region as AwsRegion];
    const delivery: PolicyStatement = {
      Sid: "LoadBalancerLogDelivery",
      Effect: "Allow",
      Principal: legacyAccount ? { AWS: `arn:aws:iam::${legacyAccount}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${this.bucket.arn}/${props.prefix}/AWSLogs/${props.accountId}/*`,
    };
    this.policy = new S3BucketPolicy(this, "policy", { bucket, policy: policyDocument([delivery, ...tlsOnlyBucketStatements(this.bucket.arn)]) });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
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
}
