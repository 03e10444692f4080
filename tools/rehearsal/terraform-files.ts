/**
 * The files the rehearsal adds to its copy of the synthesized stacks — nothing else is changed:
 * a Terraform CLI config installing the AWS provider from the mirror only, a provider override
 * (endpoints to moto, test keys, the mirrored version) and the S3 backend's endpoint settings.
 */
import type { SynthesizedJson } from "../synth-output";

/** Test credentials moto accepts; never real ones. */
export const TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" } as const;

/**
 * Endpoint keys (AWS provider 5.100 names) sent to moto: every service the stacks use, plus the ones
 * the provider calls on its own (sts); scheduler for dev's database stop/start schedules (#13).
 * `logs` only: 5.100 rejects `logs` together with `cloudwatchlogs`.
 */
export const MOTO_SERVICES = [
  "acm",
  "applicationautoscaling",
  "budgets",
  "cloudwatch",
  "dynamodb",
  "ec2",
  "ecr",
  "ecs",
  "elasticache",
  "elb",
  "elbv2",
  "events",
  "iam",
  "kms",
  "lambda",
  "logs",
  "rds",
  "route53",
  "s3",
  "secretsmanager",
  "sns",
  "scheduler",
  "sqs",
  "ssm",
  "sts",
  "wafv2",
] as const;

/** Terraform CLI config: the AWS provider from the mirror only, shared through a plugin cache. */
export function cliConfig(mirror: string, pluginCache: string): string {
  return [
    `plugin_cache_dir = ${JSON.stringify(pluginCache)}`,
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/aws"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

/** `rehearsal_override.tf.json` for one stack: every `aws` provider block (by alias) pointed at moto. */
export function providerOverride(stack: SynthesizedJson, endpoint: string, providerVersion: string): SynthesizedJson {
  const blocks: Record<string, unknown>[] = stack.provider?.aws ?? [];
  const endpoints = Object.fromEntries(MOTO_SERVICES.map((service) => [service, endpoint]));
  const required = stack.terraform?.required_providers?.aws ?? { source: "hashicorp/aws" };
  return {
    terraform: { required_providers: { aws: { ...required, version: providerVersion } } },
    provider: {
      aws: blocks.map((block) => ({
        ...(block.alias ? { alias: block.alias } : {}),
        access_key: TEST_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secret_key: TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
        skip_credentials_validation: true,
        skip_metadata_api_check: true,
        s3_use_path_style: true,
        endpoints: [endpoints],
      })),
    },
  };
}

/**
 * `-backend-config` for the synthesized S3 backend block, which stays as it is: only where S3 is
 * (moto, path-style) and the checks moto cannot answer for the backend's own AWS client.
 */
export function backendConfig(endpoint: string): string {
  return [
    `endpoints = { s3 = ${JSON.stringify(endpoint)} }`,
    "use_path_style = true",
    "skip_credentials_validation = true",
    "skip_requesting_account_id = true",
    "skip_metadata_api_check = true",
    "",
  ].join("\n");
}

/**
 * news-state's backend after the bootstrap (README "One-time bootstrap", step 2): the S3 backend every
 * other stack uses, keyed `news-state/terraform.tfstate`. Derived from news-shared's synthesized block,
 * so it is what `stateStackBackend: "s3"` synthesizes (a test compares the two).
 */
export function migratedStateBackend(shared: SynthesizedJson, stateStack = "news-state"): SynthesizedJson {
  const s3 = shared.terraform?.backend?.s3;
  if (!s3) throw new Error("news-shared has no S3 backend block to migrate news-state into");
  return { s3: { ...s3, key: `${stateStack}/terraform.tfstate` } };
}

/** The backend a stack synthesizes: "s3", "local", … */
export function backendType(stack: SynthesizedJson): string | undefined {
  return Object.keys(stack.terraform?.backend ?? {})[0];
}

/**
 * Hosted zones the stacks use by a literal id but do not create (a production domain's public zone,
 * made outside Terraform): `id=name,…` for moto's NEWSSTACK_MOTO_HOSTED_ZONES, so they exist before the
 * first apply as they do in AWS. The zone's name is the parent domain of the first literal record name.
 */
export function existingHostedZones(stacks: Readonly<Record<string, SynthesizedJson>>): string {
  const zones = new Map<string, string>();
  for (const stack of Object.values(stacks)) {
    // A zone a stack creates is referenced as ${aws_route53_zone…}, never by a literal id.
    for (const record of Object.values<Record<string, unknown>>(stack.resource?.aws_route53_record ?? {})) {
      const id = record.zone_id;
      const recordName = record.name;
      if (typeof id !== "string" || id.includes("${") || zones.has(id)) continue;
      if (typeof recordName === "string" && !recordName.includes("${")) zones.set(id, recordName.split(".").slice(1).join("."));
    }
  }
  return [...zones.entries()].map(([id, name]) => `${id}=${name}`).join(",");
}

/**
 * ACM certificates the stacks name by a literal ARN but do not create (an environment that brings its
 * own certificate, `domain.certificateArn`): `arn=domain,…` for moto's NEWSSTACK_MOTO_CERTIFICATES, so
 * they exist, issued, before the first apply as they do in AWS. The domain is the host of the stack's
 * `service_url` output when that is https (the certificate is for the API's name).
 */
export function existingCertificates(stacks: Readonly<Record<string, SynthesizedJson>>): string {
  const certificates = new Map<string, string>();
  for (const stack of Object.values(stacks)) {
    const url = stack.output?.service_url?.value;
    const domain = typeof url === "string" && url.startsWith("https://") && !url.includes("${") ? new URL(url).hostname : "example.com";
    const arns = [
      ...Object.values<Record<string, unknown>>(stack.resource?.aws_lb_listener ?? {}).map((listener) => listener.certificate_arn),
      ...Object.values<Record<string, unknown>>(stack.resource?.aws_lb_listener_certificate ?? {}).map(
        (attachment) => attachment.certificate_arn,
      ),
    ];
    for (const arn of arns) {
      if (typeof arn === "string" && arn.startsWith("arn:") && !arn.includes("${") && !certificates.has(arn)) certificates.set(arn, domain);
    }
  }
  return [...certificates.entries()].map(([arn, domain]) => `${arn}=${domain}`).join(",");
}
