import { Testing, TerraformStack } from "cdktf";
import { validateEnvironment } from "../environments";
import { dev } from "../environments/dev";
import { prod } from "../environments/prod";
import { staging } from "../environments/staging";
import type { EnvironmentInput } from "../environments/schema";
import { AliasRecord } from "../modules/dns/alias-record";
import { DnsValidatedCertificate } from "../modules/dns/dns-validated-certificate";
import { ConfigError } from "../modules/errors";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { reference, refersTo, resourcesOfType } from "./support/terraform-json";
import { testingApp } from "./support/testing-app";

const app = synthesizedApp();
const [devConfig, stagingConfig, prodConfig] = realEnvironments();
const httpsListener = (stack: (typeof app.environments)[string]) =>
  resourcesOfType(stack, "aws_lb_listener").find((l) => l.values.port === 443)!;

describe("with a hosted zone (prod): the stack issues the certificate and points the name at the ALB", () => {
  const stack = app.environments.prod;
  const domain = prodConfig.loadBalancer.domain!;
  const [certificate] = resourcesOfType(stack, "aws_acm_certificate");
  const [validation] = resourcesOfType(stack, "aws_acm_certificate_validation");
  const records = resourcesOfType(stack, "aws_route53_record");
  const validationRecords = records.filter((r) => r.values.for_each !== undefined);
  const aliases = records.filter((r) => r.values.alias !== undefined);
  const [alb] = resourcesOfType(stack, "aws_lb");

  test("a DNS-validated certificate for the API's name, replaced create-before-destroy", () => {
    expect(certificate.values).toMatchObject({
      domain_name: domain.name,
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
  });

  test("one validation record per name ACM asks about, in the configured zone", () => {
    expect(validationRecords).toHaveLength(1);
    expect(refersTo(validationRecords[0].values.for_each, "aws_acm_certificate", certificate)).toBe(true);
    expect(validationRecords[0].values.for_each).toContain("domain_validation_options");
    expect(validationRecords[0].values).toMatchObject({
      zone_id: domain.hostedZoneId,
      allow_overwrite: true,
      name: "${each.value.resource_record_name}",
    });
  });

  test("the HTTPS listener takes the certificate from the validation, so it waits until ACM has issued it", () => {
    expect(validation.values.certificate_arn).toBe(reference("aws_acm_certificate", certificate, "arn"));
    expect(validation.values.validation_record_fqdns).toBe(
      `\${[ for key, val in aws_route53_record.${validationRecords[0].name}: val.fqdn]}`,
    );
    expect(httpsListener(stack).values.certificate_arn).toBe(reference("aws_acm_certificate_validation", validation, "certificate_arn"));
  });

  test("an alias A record from the name to the ALB (IPv4-only ALB: no AAAA)", () => {
    expect(aliases.map((a) => a.values)).toEqual([
      {
        zone_id: domain.hostedZoneId,
        name: domain.name,
        type: "A",
        alias: { name: reference("aws_lb", alb, "dns_name"), zone_id: reference("aws_lb", alb, "zone_id"), evaluate_target_health: true },
      },
    ]);
  });

  test("service_url is the name the certificate covers", () => {
    expect(stack.output?.service_url.value).toBe(`https://${domain.name}`);
  });
});

describe("without a zone (staging): the configured certificate, DNS managed elsewhere", () => {
  const stack = app.environments.staging;
  const domain = stagingConfig.loadBalancer.domain!;

  test("no certificate or records are created; the listener uses the given ARN", () => {
    expect(resourcesOfType(stack, "aws_acm_certificate")).toEqual([]);
    expect(resourcesOfType(stack, "aws_route53_record")).toEqual([]);
    expect(httpsListener(stack).values.certificate_arn).toBe(domain.certificateArn);
  });

  test("service_url is https://<domain>, never the ALB's name", () => {
    expect(stack.output?.service_url.value).toBe(`https://${domain.name}`);
  });
});

test("without a domain (dev): plain HTTP on the ALB's name, nothing in DNS or ACM", () => {
  const stack = app.environments.dev;
  expect(devConfig.loadBalancer.domain).toBeUndefined();
  expect(resourcesOfType(stack, "aws_acm_certificate")).toEqual([]);
  expect(resourcesOfType(stack, "aws_route53_record")).toEqual([]);
  expect(stack.output?.service_url.value).toBe(`http://${reference("aws_lb", resourcesOfType(stack, "aws_lb")[0], "dns_name")}`);
});

describe("bad domain config is refused before synth, naming file, field and value", () => {
  const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
  const PLACEHOLDER = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000003";
  const withDomain = (base: EnvironmentInput, file: string, domain: unknown) => () =>
    validateEnvironment({ file, input: { ...structuredClone(base), loadBalancer: { ...base.loadBalancer, domain } } as EnvironmentInput });

  test.each([
    [
      "a name that is no DNS name",
      { name: "API.example.com.", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
      'loadBalancer.domain.name = "API.example.com.": must be a lowercase DNS name',
    ],
    ["a wildcard", { name: "*.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }, 'loadBalancer.domain.name = "*.example.com"'],
    [
      "a label over 63 characters",
      { name: `${"a".repeat(64)}.example.com`, hostedZoneId: "Z0123456789ABCDEFGHIJ" },
      "loadBalancer.domain.name",
    ],
    [
      "a zone id in path form",
      { name: "api.example.com", hostedZoneId: "/hostedzone/Z0123456789ABCDEFGHIJ" },
      'loadBalancer.domain.hostedZoneId = "/hostedzone/Z0123456789ABCDEFGHIJ": must be a Route 53 hosted zone id',
    ],
    [
      "a certificate that is no ACM ARN",
      { name: "api.example.com", certificateArn: "arn:aws:iam::123456789012:server-certificate/api" },
      'loadBalancer.domain.certificateArn = "arn:aws:iam::123456789012:server-certificate/api": must be an ACM certificate ARN',
    ],
    [
      "a certificate of another region",
      { name: "api.example.com", certificateArn: CERT.replace("us-east-1", "eu-west-1") },
      "must be a certificate of region us-east-1",
    ],
    [
      "a certificate of another account",
      { name: "api.example.com", certificateArn: CERT.replace("123456789012", "210987654321") },
      "must belong to an account in allowedAccountIds (123456789012)",
    ],
    [
      "both a zone and a certificate",
      { name: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", certificateArn: CERT },
      'loadBalancer.domain.certificateArn = "' + CERT + '": must be omitted with loadBalancer.domain.hostedZoneId',
    ],
    [
      "neither a zone nor a certificate",
      { name: "api.example.com" },
      "loadBalancer.domain.certificateArn = missing: is needed without loadBalancer.domain.hostedZoneId",
    ],
  ])("%s", (_title, domain, expected) => {
    expect(withDomain(dev, "environments/dev.ts", domain)).toThrow(ConfigError);
    expect(withDomain(dev, "environments/dev.ts", domain)).toThrow(
      `environments/dev.ts: ${expected.startsWith("loadBalancer") ? expected : ""}`,
    );
    expect(withDomain(dev, "environments/dev.ts", domain)).toThrow(expected);
  });

  test("the examples' placeholder certificate is refused in a production-tier environment", () => {
    expect(withDomain(prod, "environments/prod.ts", { name: "api.news.example.com", certificateArn: PLACEHOLDER })).toThrow(
      `environments/prod.ts: loadBalancer.domain.certificateArn = "${PLACEHOLDER}": is the examples' ` +
        "placeholder (00000000-0000-…): a production environment needs an issued certificate",
    );
  });

  test("…and accepted in a development-tier one (staging's example), where a failed apply costs nothing", () => {
    expect(staging.tier).toBe("development");
    expect(
      withDomain(staging, "environments/staging.ts", { name: "api.staging.news.example.com", certificateArn: PLACEHOLDER })().loadBalancer
        .domain?.certificateArn,
    ).toBe(PLACEHOLDER);
  });
});

describe("the DNS constructs check their props too", () => {
  const stack = () => new TerraformStack(testingApp(), "news-test");

  test("DnsValidatedCertificate refuses a bad name or zone id, naming the prop", () => {
    expect(
      () => new DnsValidatedCertificate(stack(), "c", { domainName: "api_example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }),
    ).toThrow('DnsValidatedCertificate: domainName = "api_example.com" must be a lowercase DNS name');
    expect(() => new DnsValidatedCertificate(stack(), "c", { domainName: "api.example.com", hostedZoneId: "z123" })).toThrow(
      'DnsValidatedCertificate: hostedZoneId = "z123"',
    );
  });

  test("AliasRecord adds AAAA only for a dual-stack target", () => {
    const typesOf = (ipv6: boolean) => {
      const s = stack();
      new AliasRecord(s, "api", {
        hostedZoneId: "Z0123456789ABCDEFGHIJ",
        name: "api.example.com",
        target: { dnsName: "alb-1.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K" },
        ipv6,
      });
      return resourcesOfType(JSON.parse(Testing.synth(s)), "aws_route53_record").map((r) => r.values.type);
    };
    expect(typesOf(false)).toEqual(["A"]);
    expect(typesOf(true)).toEqual(["A", "AAAA"]);
  });
});
