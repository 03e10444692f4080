import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { tlsOnlyBucketStatements } from "./tls-only-bucket-policy";

export interface PrivateBucketProps {
  readonly bucketName: string;
  /**
   * KMS key for SSE-KMS (with an S3 bucket key).
   * @default - SSE-S3 (AES256), for writers that cannot use KMS, like ALB log delivery
   */
  readonly kmsKeyArn?: string;
  /** Let `destroy` delete a bucket that still holds objects. */
  readonly forceDestroy: boolean;
  /** Refuse any plan that would destroy the bucket. */
  readonly preventDestroy: boolean;
  /**
   * Statements added to the bucket policy before the TLS-only denies; use `bucketArn` to scope them.
   * @default []
   */
  readonly policyStatements?: (bucketArn: string) => PolicyStatement[];
  /** Lifecycle rules (expiry of objects or old versions). */
  readonly lifecycleRules: S3BucketLifecycleConfigurationRule[];
}

/**
 * The only way this project creates a bucket: encrypted by default, all public access blocked, ACLs
 * disabled (bucket owner enforced), a policy refusing requests without TLS 1.2+, and lifecycle rules.
 */
export class PrivateBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket policy; writers validated by AWS at configuration time (ALB) depend on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    const bucket = this.bucket.id;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const statements = [...(props.policyStatements?.(this.bucket.arn) ?? []), ...tlsOnlyBucketStatements(this.bucket.arn)];
    this.policy = new S3BucketPolicy(this, "policy", { bucket, policy: policyDocument(statements) });
    new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket, rule: props.lifecycleRules });
  }
}
