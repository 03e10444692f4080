import { validatePlatform } from "../environments";
import { synthesizedApp, synthesizeWithPlatform, TerraformJson } from "./support/synth";
import { reference, resourcesOfType } from "./support/terraform-json";

const platform = validatePlatform();
const app = synthesizedApp();
const remoteStacks: [string, TerraformJson][] = [
  ["news-shared", app.shared],
  ...Object.entries(app.environments).map(([name, json]): [string, TerraformJson] => [`news-${name}`, json]),
];

describe("remote state", () => {
  test.each(remoteStacks)("%s keeps its state in the shared bucket under <stack>/terraform.tfstate, encrypted and locked", (id, stack) => {
    expect(stack.terraform?.backend?.s3).toEqual({
      bucket: `news-tfstate-${platform.accountId}-${platform.region}`,
      key: `${id}/terraform.tfstate`,
      region: platform.region,
      encrypt: true,
      kms_key_id: `arn:aws:kms:${platform.region}:${platform.accountId}:alias/news-tfstate`,
      use_lockfile: true,
    });
    expect(stack.terraform?.required_version).toBe(">= 1.11.0"); // write-only secret_string_wo
  });

  test("state keys are unique per stack", () => {
    const keys = remoteStacks.map(([, stack]) => stack.terraform?.backend?.s3.key);
    expect(new Set(keys).size).toBe(remoteStacks.length);
  });

  test("news-state bootstraps with local state, then moves into its own bucket", () => {
    expect(app.state.terraform?.backend).toEqual({ local: { path: "../../../terraform.news-state.tfstate" } });
    const migrated = synthesizeWithPlatform({ ...platform, state: { stateStackBackend: "s3" } });
    expect(migrated.state.terraform?.backend?.s3).toMatchObject({ key: "news-state/terraform.tfstate", use_lockfile: true, encrypt: true });
  });
});

describe("news-state's bucket", () => {
  const state = app.state;
  const [bucket] = resourcesOfType(state, "aws_s3_bucket");
  const [key] = resourcesOfType(state, "aws_kms_key");
  const bucketRef = reference("aws_s3_bucket", bucket);
  const one = (type: string) => {
    const found = resourcesOfType(state, type);
    expect(found).toHaveLength(1);
    expect(found[0].values.bucket).toBe(bucketRef);
    return found[0].values;
  };

  test("is the bucket the backends point at, and survives a destroy", () => {
    expect(bucket.values.bucket).toBe(`news-tfstate-${platform.accountId}-${platform.region}`);
    expect(bucket.values.force_destroy).toBe(false);
    expect(bucket.values.lifecycle).toEqual({ prevent_destroy: true });
    expect(key.values.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("is versioned", () => {
    expect(one("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("is encrypted with a rotating KMS key whose alias the backends use", () => {
    expect(key.values.enable_key_rotation).toBe(true);
    const [alias] = resourcesOfType(state, "aws_kms_alias");
    expect(alias.values).toMatchObject({ name: "alias/news-tfstate", target_key_id: reference("aws_kms_key", key, "key_id") });
    const [rule] = one("aws_s3_bucket_server_side_encryption_configuration").rule;
    expect(rule.apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: "aws:kms",
      kms_master_key_id: reference("aws_kms_key", key, "arn"),
    });
  });

  test("blocks all public access and disables ACLs", () => {
    expect(one("aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("refuses requests without TLS", () => {
    const policy = JSON.parse(one("aws_s3_bucket_policy").policy);
    const denyInsecure = policy.Statement.find((s: any) => s.Condition?.Bool?.["aws:SecureTransport"] === "false");
    expect(denyInsecure).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*" });
    expect(denyInsecure.Resource).toEqual([`${"${"}aws_s3_bucket.${bucket.name}.arn}`, `${"${"}aws_s3_bucket.${bucket.name}.arn}/*`]);
  });

  test("expires noncurrent state versions", () => {
    const [rule] = one("aws_s3_bucket_lifecycle_configuration").rule;
    expect(rule.status).toBe("Enabled");
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });
});

describe("providers", () => {
  test.each(Object.entries(app.environments))("news-%s: region, allowed accounts and default tags", (name, stack) => {
    const [provider] = stack.provider!.aws;
    expect(provider).toMatchObject({
      region: "us-east-1",
      allowed_account_ids: [platform.accountId],
      default_tags: [
        {
          tags: { Project: "news", Environment: name, ManagedBy: "cdktf", CostCenter: `news-${name}`, Repository: platform.repository },
        },
      ],
    });
  });

  test("shared and state stacks are tagged as shared", () => {
    for (const stack of [app.shared, app.state]) {
      expect((stack.provider!.aws[0] as any).default_tags[0].tags).toMatchObject({
        Environment: "shared",
        CostCenter: platform.costCenter,
      });
    }
  });

  test("every stack needs the AWS provider only: hashicorp/random is not installable offline (deploy rehearsal)", () => {
    for (const stack of [app.state, app.shared, ...Object.values(app.environments)]) {
      const typesUsed = [stack.resource, stack.data, stack.ephemeral].flatMap((block) => Object.keys(block ?? {}));
      expect({ providers: Object.keys(stack.provider ?? {}), foreign: typesUsed.filter((t) => !t.startsWith("aws_")) }).toEqual({
        providers: ["aws"],
        foreign: [],
      });
      expect(Object.keys((stack.terraform as any)?.required_providers ?? {})).toEqual(["aws"]);
    }
  });
});

describe("the environment's KMS key", () => {
  test.each(Object.entries(app.environments))("news-%s: rotating, aliased, usable by CloudWatch Logs of its region only", (name, stack) => {
    const [key] = resourcesOfType(stack, "aws_kms_key");
    expect(key.values.enable_key_rotation).toBe(true);
    expect(resourcesOfType(stack, "aws_kms_alias")[0].values.name).toBe(`alias/news-${name}`);
    const policy = JSON.parse(key.values.policy);
    const logs = policy.Statement.find((s: any) => s.Principal?.Service === "logs.us-east-1.amazonaws.com");
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(/^arn:aws:logs:us-east-1:.+:log-group:\*$/);
  });
});
