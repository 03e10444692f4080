/** An ACM certificate ARN taken apart: `arn:<partition>:acm:<region>:<account>:certificate/<uuid>`. */
export interface CertificateArn {
  readonly region: string;
  readonly accountId: string;
  readonly id: string;
}

const ARN =
  /^arn:aws(?:-[a-z]+)*:acm:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):certificate\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseCertificateArn(arn: string): CertificateArn | undefined {
  const match = ARN.exec(arn);
  return match ? { region: match[1], accountId: match[2], id: match[3] } : undefined;
}

/**
 * True for the examples' stand-in ids (`00000000-0000-…`): ACM never issues one, so a deploy with it
 * fails at apply time, after part of the environment exists.
 */
export const isPlaceholderCertificate = (arn: CertificateArn): boolean => /^0{8}-0{4}-/.test(arn.id);
