import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { PrivateBucket } from "../s3/private-bucket";
import { requireIntInRange } from "../validate";
import { policyDocument } from "../iam/policy-document";
import { crossAccountStateKeyStatements, crossAccountStateStatements, StateKeyAccess, stateAccessStatements } from "./state-access-policy";

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
  /**
   * Which of the project's roles may read or write each stack's state; the bucket policy denies every
   * other role matching `rolePattern` (e.g. `arn:aws:iam::*:role/news-*`) on those keys.
   * @default - no per-stack denies (only the TLS-only policy)
   */
  readonly stateAccess?: StateAccessProps;
}

/** Which of the project's roles may touch which stack's state. */
export interface StateAccessProps {
  /** Every role of the project, e.g. `arn:aws:iam::*:role/news-*`: denied every key it is not listed for. */
  readonly rolePattern: string;
  /** Account owning the bucket; listed roles of other accounts are also allowed in, by bucket and key policy. */
  readonly accountId: string;
  readonly keys: readonly StateKeyAccess[];
}

/**
 * The bucket holding every stack's Terraform state: a private bucket, versioned, SSE-KMS with a
 * rotating key, old versions expired. Bucket and key carry `prevent_destroy`: a destroy of this
 * stack must never take the team's state with it.
 */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    requireIntInRange("StateBucket", "noncurrentVersionExpiryDays", props.noncurrentVersionExpiryDays, 1, 3650);

    const access = props.stateAccess;
    // Only roles of other accounts need the key policy; otherwise the default one (the account's IAM decides) stays.
    const keyStatements = access ? crossAccountStateKeyStatements(access.accountId, access.keys) : [];
    this.key = new KmsKey(this, "key", {
      description: `Encrypts Terraform state in ${props.bucketName}`,
      policy: keyStatements.length > 0 ? policyDocument(keyStatements) : undefined,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: props.keyAlias, targetKeyId: this.key.keyId });

    this.bucket = new PrivateBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKeyArn: this.key.arn,
      forceDestroy: false,
      preventDestroy: true,
      policyStatements:
        access &&
        ((bucketArn) => [
          ...stateAccessStatements(bucketArn, access.rolePattern, access.keys),
          ...crossAccountStateStatements(bucketArn, access.accountId, access.keys),
        ]),
      lifecycleRules: [
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
    }).bucket;
    new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
  }
}
