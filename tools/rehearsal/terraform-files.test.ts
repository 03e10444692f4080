import { synthesizedApp, synthesizeWithPlatform } from "../../test/support/synth";
import { validatePlatform } from "../../environments";
import {
  backendConfig,
  backendType,
  cliConfig,
  existingCertificates,
  existingHostedZones,
  migratedStateBackend,
  MOTO_SERVICES,
  providerOverride,
} from "./terraform-files";

const ENDPOINT = "https://127.0.0.1:5000";

describe("rehearsal Terraform files", () => {
  const app = synthesizedApp();

  it("installs only the AWS provider, only from the mirror, through a plugin cache", () => {
    const config = cliConfig("/opt/tf-plugins", "/tmp/cache");
    expect(config).toContain('path    = "/opt/tf-plugins"');
    expect(config).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(config).toContain('plugin_cache_dir = "/tmp/cache"');
    expect(config).not.toContain("direct");
  });

  it("points every aws provider block of a stack at moto with test keys and the mirrored version", () => {
    const override = providerOverride(app.environments.dev as any, ENDPOINT, "5.100.0");
    // The source as synthesized ("aws" under cdktf, "hashicorp/aws" under cdktn): only the version changes.
    expect(override.terraform.required_providers.aws).toEqual({
      source: (app.environments.dev as any).terraform.required_providers.aws.source,
      version: "5.100.0",
    });
    expect(override.provider.aws).toHaveLength((app.environments.dev.provider?.aws ?? []).length);
    const [block] = override.provider.aws;
    expect(block).toMatchObject({
      access_key: "testing",
      secret_key: "testing",
      skip_credentials_validation: true,
      s3_use_path_style: true,
    });
    expect(Object.values(block.endpoints[0])).toEqual(MOTO_SERVICES.map(() => ENDPOINT));
  });

  it("keeps a provider alias so the override merges into the aliased block", () => {
    const stack = { provider: { aws: [{ region: "us-east-1" }, { region: "us-east-1", alias: "global" }] } };
    expect(providerOverride(stack, ENDPOINT, "5.100.0").provider.aws.map((b: any) => b.alias)).toEqual([undefined, "global"]);
  });

  it("never sends both logs and cloudwatchlogs endpoints (provider 5.100 rejects the pair)", () => {
    expect(MOTO_SERVICES).toContain("logs");
    expect(MOTO_SERVICES).not.toContain("cloudwatchlogs" as any);
  });

  it("adds only the endpoint and moto's skips to the synthesized S3 backend, no bucket, key or lock setting", () => {
    const config = backendConfig(ENDPOINT);
    expect(config).toContain(`endpoints = { s3 = "${ENDPOINT}" }`);
    expect(config).toContain("use_path_style = true");
    expect(config).not.toMatch(/bucket|key\s*=|use_lockfile|encrypt/);
  });

  it('migrates news-state into exactly the backend that stateStackBackend: "s3" synthesizes', () => {
    expect(backendType(app.state as any)).toBe("local");
    const platform = validatePlatform();
    const migratedSynth = synthesizeWithPlatform({ ...platform, state: { ...platform.state, stateStackBackend: "s3" } }).state;
    expect(migratedStateBackend(app.shared as any, "news-state")).toEqual(migratedSynth.terraform?.backend);
  });

  it("refuses to migrate when news-shared has no S3 backend", () => {
    expect(() => migratedStateBackend({ terraform: { backend: { local: {} } } })).toThrow("news-shared has no S3 backend block");
  });

  it("names the hosted zones the stacks reference by a literal id (prod's domain), for moto to have before the first apply", () => {
    expect(existingHostedZones({ "news-prod": app.environments.prod as any, "news-dev": app.environments.dev as any })).toBe(
      "Z0EXAMPLE4NEWSSTACK00=news.example.com",
    );
    const stack = {
      resource: {
        aws_route53_record: {
          a: { zone_id: "${aws_route53_zone.z.zone_id}", name: "x.made.example" },
          b: { zone_id: "ZLIT", name: "${each.value.name}" },
          c: { zone_id: "ZLIT", name: "api.lit.example" },
        },
      },
    };
    expect(existingHostedZones({ s: stack })).toBe("ZLIT=lit.example");
    expect(existingHostedZones({ s: {} })).toBe("");
  });

  it("names the certificates the stacks reference by a literal ARN (staging brings its own), with the API's name", () => {
    const envs = {
      "news-staging": app.environments.staging as any,
      "news-prod": app.environments.prod as any,
      "news-dev": app.environments.dev as any,
    };
    expect(existingCertificates(envs)).toBe(
      "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000002=api.staging.news.example.com",
    );
    expect(existingCertificates({ s: { resource: { aws_lb_listener: { l: { certificate_arn: "${aws_acm_certificate.c.arn}" } } } } })).toBe(
      "",
    );
  });
});
