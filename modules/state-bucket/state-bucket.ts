import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { requireIntInRange } from "../validate";
import { tlsOnlyBucketStatements } from "../iam/tls-only-bucket-policy";
import { policyDocument } from "../iam/policy-document";

export interface StateBucketProps {
  /** Globally unique bucket name (3–63 DNS-style characters). */
  readonly bucketName: string;
  /** KMS alias for the state key, e.g. `alias/news-tfstate`; backends refer to the key by it. */
  readonly keyAlias: string;
  /**
   * Days a replaced state version is kept; versions are how a bad apply's state is recovered.
   * @default 90
   */
  readonly noncurrentVersionExpiryDays?: number;
}

/**
 * The bucket holding every stack's Terraform state: versioned, SSE-KMS with a rotating key, all public
 * access blocked, bucket-owner-enforced ownership, TLS-only, old versions expired. Bucket and key
 * carry `prevent_destroy`: a destroy of this stack must never take the team's state with it.
 */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    requireIntInRange("StateBucket", "noncurrentVersionExpiryDays", props.noncurrentVersionExpiryDays, 1, 3650);

    this.key = new KmsKey(this, "key", {
      description: `Encrypts Terraform state in ${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: props.keyAlias, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPolicy(this, "policy", { bucket, policy: policyDocument(tlsOnlyBucketStatements(this.bucket.arn)) });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpiryDays ?? 90 }],
          // Lock files are written and deleted on every run; drop their leftover delete markers.
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
