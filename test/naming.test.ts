import { ENVIRONMENT_NAME_MAX_LENGTH } from "../environments/schema";
import { NAME_LIMITS } from "../modules/aws-limits";
import { ConfigError } from "../modules/errors";
import { ACCOUNT_WIDE_STACKS, fitName, imageRepositoryName, Naming, stateLockKey } from "../modules/naming";
import { realEnvironments, synthesizeEnvironment } from "./support/synth";
import { allResources } from "./support/terraform-json";

describe("Naming", () => {
  const naming = new Naming("news", "dev");

  test("builds <project>-<env>-<component>", () => {
    expect(naming.name("alb", { maxLength: NAME_LIMITS.loadBalancer })).toBe("news-dev-alb");
  });

  test("a name over the limit keeps its start and ends in a stable 8-hex hash", () => {
    const long = fitName("news-staging-api-blue-green-target", 32);
    expect(long).toHaveLength(32);
    expect(long).toMatch(/^news-staging-api-blue-g-[0-9a-f]{8}$/);
    expect(fitName("news-staging-api-blue-green-target", 32)).toBe(long);
    expect(fitName("news-staging-api-blue-green-targex", 32)).not.toBe(long);
  });

  test("never leaves a hyphen before the hash", () => {
    expect(fitName("news-abcdefghij-x-yyyyyyyyyyyy", 20)).not.toMatch(/--/);
  });

  test("rejects names AWS would reject, naming the field", () => {
    expect(() => new Naming("news", "Dev")).toThrow(
      new ConfigError('Naming: environment "Dev" must be lowercase letters and digits, starting with a letter.'),
    );
    expect(() => naming.name("api_tg", { maxLength: 32 })).toThrow(/component "api_tg"/);
  });
});

/** Physical-name attributes and the limit AWS enforces on each. */
const NAME_ATTRIBUTES: Record<string, { attribute: string; maxLength: number; pattern?: RegExp }> = {
  aws_lb: { attribute: "name", maxLength: NAME_LIMITS.loadBalancer, pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/ },
  aws_lb_target_group: { attribute: "name", maxLength: NAME_LIMITS.targetGroup, pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/ },
  aws_elasticache_replication_group: {
    attribute: "replication_group_id",
    maxLength: NAME_LIMITS.elastiCacheReplicationGroup,
    pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
  },
  aws_db_instance: { attribute: "identifier", maxLength: NAME_LIMITS.rdsIdentifier, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
  aws_ecs_cluster: { attribute: "name", maxLength: NAME_LIMITS.ecsCluster },
  aws_ecs_service: { attribute: "name", maxLength: NAME_LIMITS.ecsService },
  aws_secretsmanager_secret: { attribute: "name", maxLength: NAME_LIMITS.secret },
  // A prefix: Terraform appends 26 characters.
  aws_security_group: { attribute: "name_prefix", maxLength: NAME_LIMITS.securityGroup - 26 },
  aws_iam_role: { attribute: "name", maxLength: NAME_LIMITS.iamRole },
  aws_cloudwatch_log_group: { attribute: "name", maxLength: NAME_LIMITS.logGroup },
  aws_kms_alias: { attribute: "name", maxLength: NAME_LIMITS.kmsAlias },
};

test(`every physical name fits AWS's limits for the longest environment name (${ENVIRONMENT_NAME_MAX_LENGTH} chars)`, () => {
  const [dev] = realEnvironments();
  const stack = synthesizeEnvironment({ ...dev, name: "x".repeat(ENVIRONMENT_NAME_MAX_LENGTH) });
  const checked = allResources(stack).filter(([type]) => NAME_ATTRIBUTES[type]);
  expect(checked.length).toBeGreaterThanOrEqual(Object.keys(NAME_ATTRIBUTES).length);
  // The access-log bucket's name ends in the account id (known at apply): its fixed part leaves room for 12 digits.
  const [bucket] = allResources(stack).filter(([type]) => type === "aws_s3_bucket");
  const fixedPart = bucket[1].values.bucket.replace("${data.aws_caller_identity.caller.account_id}", "");
  expect(fixedPart.length + 12).toBeLessThanOrEqual(NAME_LIMITS.s3Bucket);
  for (const [type, resource] of checked) {
    const { attribute, maxLength, pattern } = NAME_ATTRIBUTES[type];
    const name: string = resource.values[attribute];
    expect(name).toContain("x".repeat(ENVIRONMENT_NAME_MAX_LENGTH));
    expect({ type, name, fits: name.length <= maxLength }).toEqual({ type, name, fits: true });
    if (pattern) expect(name).toMatch(pattern);
  }
});

describe("derived identifiers: one owner (modules/naming.ts)", () => {
  const dev = new Naming("news", "dev");
  test("stack id, state key and lock key", () => {
    expect([dev.stackId, dev.stateKey, stateLockKey(dev.stackId)]).toEqual([
      "news-dev",
      "news-dev/terraform.tfstate",
      "news-dev/terraform.tfstate.tflock",
    ]);
    expect(new Naming("news", ACCOUNT_WIDE_STACKS.shared).stackId).toBe("news-shared");
  });
  test("secret, log group, IAM and KMS alias names", () => {
    expect([dev.secretName("redis-auth"), dev.secretNamePattern]).toEqual(["news/dev/redis-auth", "news/dev/*"]);
    expect([dev.logGroupName("vpc-flow-logs"), dev.logGroupNamePattern]).toEqual(["/news/dev/vpc-flow-logs", "/news/dev/*"]);
    expect([dev.iamNamePattern, dev.kmsAlias, imageRepositoryName("news")]).toEqual(["news-dev-*", "alias/news-dev", "news-api"]);
  });
});
