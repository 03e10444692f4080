import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { requireDomainName, requireHostedZoneId } from "./dns-names";

export interface DnsValidatedCertificateProps {
  /** The name the certificate covers, e.g. "api.example.com". */
  readonly domainName: string;
  /** Route 53 public hosted zone that holds `domainName`; the validation record is written there. */
  readonly hostedZoneId: string;
  /**
   * TTL of the validation record (seconds).
   * @default 60
   */
  readonly validationRecordTtl?: number;
}

/**
 * An ACM certificate for one domain, validated through DNS in Route 53: the certificate, its
 * validation record and the validation that waits until ACM has issued it. ACM renews it by itself
 * for as long as the record stays. Listeners take `certificateArn`, which is known only once the
 * certificate is issued, so no listener ever points at a certificate still pending validation.
 */
export class DnsValidatedCertificate extends Construct {
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;
  /** ARN of the issued certificate (from the validation: available once ACM has issued it). */
  public readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    requireDomainName("DnsValidatedCertificate", "domainName", props.domainName);
    requireHostedZoneId("DnsValidatedCertificate", "hostedZoneId", props.hostedZoneId);

    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      validationMethod: "DNS",
      // A changed domain issues the new certificate before the listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per name ACM asks to validate (domain_validation_options is a set, known after the request).
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: props.validationRecordTtl ?? 60,
      // ACM gives every certificate of a name the same record: a replacement certificate reuses it.
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
