import type { PolicyStatement } from "../iam/policy-document";

/**
 * Bucket-policy statements refusing any request not made over TLS 1.2 or newer. Every bucket the
 * project creates carries them (state, ALB access logs).
 */
export function tlsOnlyBucketStatements(bucketArn: string): PolicyStatement[] {
  const everything = [bucketArn, `${bucketArn}/*`];
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyTlsOlderThan12",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ];
}
