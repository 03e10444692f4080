import { replacementName } from "../modules/terraform/replacement-name";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { dataSourcesOfType, reference, resourceNamed, resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();

describe.each(realEnvironments().map((e) => [e.name, e] as const))("data tier of %s", (name, env) => {
  const stack = app.environments[name];
  const [key] = resourcesOfType(stack, "aws_kms_key");
  const keyArn = reference("aws_kms_key", key, "arn");
  const dataSubnets = resourcesOfType(stack, "aws_subnet")
    .filter((s) => s.values.tags.Tier === "data")
    .map((s) => reference("aws_subnet", s));
  const [db] = resourcesOfType(stack, "aws_db_instance");
  const [redis] = resourcesOfType(stack, "aws_elasticache_replication_group");

  test("PostgreSQL 16 on encrypted gp3 with storage autoscaling, sized from config", () => {
    expect(db.values).toMatchObject({
      identifier: `news-${name}-db`,
      engine: "postgres",
      engine_version: "16",
      instance_class: env.database.instanceClass,
      storage_type: "gp3",
      allocated_storage: env.database.allocatedStorageGb,
      max_allocated_storage: env.database.maxAllocatedStorageGb,
      storage_encrypted: true,
      kms_key_id: keyArn,
    });
  });

  test("the master password is RDS-managed in Secrets Manager with the env key, never in Terraform", () => {
    expect(db.values).toMatchObject({ manage_master_user_password: true, master_user_secret_kms_key_id: keyArn });
    expect(db.values).not.toHaveProperty("password");
  });

  test("private, on the data subnets, behind the database group, IAM auth on", () => {
    const [subnetGroup] = resourcesOfType(stack, "aws_db_subnet_group");
    expect(subnetGroup.values.subnet_ids).toEqual(dataSubnets);
    expect(db.values).toMatchObject({
      publicly_accessible: false,
      db_subnet_group_name: reference("aws_db_subnet_group", subnetGroup, "name"),
      vpc_security_group_ids: [reference("aws_security_group", resourceNamed(stack, "aws_security_group", "security-groups_database_"))],
      iam_database_authentication_enabled: true,
      copy_tags_to_snapshot: true,
    });
  });

  test("the parameter group forces TLS and logs slow queries", () => {
    const [parameters] = resourcesOfType(stack, "aws_db_parameter_group");
    expect(parameters.values.family).toBe("postgres16");
    expect(parameters.values.parameter).toEqual(
      expect.arrayContaining([
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "500" },
      ]),
    );
    expect(db.values.parameter_group_name).toBe(reference("aws_db_parameter_group", parameters, "name"));
  });

  test("multi-AZ, backups, deletion protection and final snapshot per environment", () => {
    expect(db.values).toMatchObject({
      multi_az: env.database.multiAz,
      backup_retention_period: env.database.backupRetentionDays,
      deletion_protection: env.database.deletionProtection,
      skip_final_snapshot: !env.database.deletionProtection,
      maintenance_window: env.database.maintenanceWindow,
      backup_window: env.database.backupWindow,
    });
    if (env.database.deletionProtection) expect(db.values.final_snapshot_identifier).toBe(`news-${name}-db-final`);
    else expect(db.values).not.toHaveProperty("final_snapshot_identifier");
  });

  test("Performance Insights (encrypted) and log exports into pre-created encrypted groups", () => {
    expect(db.values).toMatchObject({
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyArn,
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
    });
    for (const log of ["postgresql", "upgrade"]) {
      const group = resourcesOfType(stack, "aws_cloudwatch_log_group").find(
        (g) => g.values.name === `/aws/rds/instance/news-${name}-db/${log}`,
      );
      expect(group?.values).toMatchObject({ retention_in_days: env.logRetentionDays, kms_key_id: keyArn });
      expect(db.values.depends_on).toContain(`aws_cloudwatch_log_group.${group!.name}`);
    }
  });

  test("Redis/Valkey replication group of the configured engine: encrypted at rest and in transit, AUTH from a generated secret", () => {
    expect(redis.values).toMatchObject({
      replication_group_id: `news-${name}-cache`,
      engine: env.cache.engine,
      engine_version: env.cache.engineVersion,
      node_type: env.cache.nodeType,
      at_rest_encryption_enabled: "true",
      kms_key_id: keyArn,
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      auth_token_update_strategy: "ROTATE",
    });
    // The one copy of the token in state: read back from the version Terraform wrote (no write-only auth_token in ElastiCache).
    const current = dataSourcesOfType(stack, "aws_secretsmanager_secret_version").find((d) => d.name.startsWith("cache_auth"))!;
    expect(redis.values.auth_token).toBe("${jsondecode(data.aws_secretsmanager_secret_version." + current.name + ".secret_string).token}");
    const version = resourceNamed(stack, "aws_secretsmanager_secret_version", "cache_auth");
    expect(current.values.version_id).toBe(reference("aws_secretsmanager_secret_version", version, "version_id"));
  });

  test("Terraform owns the token: no ignore_changes, ROTATE keeps old tasks working; the revoke (SET) has no state to own", () => {
    // A replaced secret version changes auth_token, which ElastiCache applies beside the old token.
    // SET (npm run rotate:redis-auth) is invisible to Terraform: the API returns neither token nor
    // strategy, so nothing drifts and nothing needs ignoring.
    expect(redis.values.auth_token_update_strategy).toBe("ROTATE");
    expect(redis.values.lifecycle?.ignore_changes ?? []).not.toContain("auth_token");
    expect(resourceNamed(stack, "aws_secretsmanager_secret_version", "cache_auth").values.lifecycle).toBeUndefined();
  });

  test("the AUTH token is generated by Secrets Manager and written write-only: never in the plan or state of the secret", () => {
    const secret = resourceNamed(stack, "aws_secretsmanager_secret", "cache_auth");
    expect(secret.values).toMatchObject({ name: `news/${name}/redis-auth`, kms_key_id: keyArn });
    const version = resourceNamed(stack, "aws_secretsmanager_secret_version", "cache_auth");
    const [generator] = Object.entries(stack.ephemeral?.aws_secretsmanager_random_password ?? {}).filter(([id]) =>
      id.startsWith("cache_auth"),
    );
    expect(generator[1]).toMatchObject({ password_length: 64, exclude_punctuation: true, include_space: false });
    expect(version.values).not.toHaveProperty("secret_string");
    expect(version.values.secret_string_wo).toBe(
      `\${jsonencode({"token" = ephemeral.aws_secretsmanager_random_password.${generator[0]}.random_password})}`,
    );
    expect(version.values.secret_string_wo_version).toBe(1);
  });

  test(`replicas ${env.cache.replicas}: failover and multi-AZ ${env.cache.replicas >= 1 ? "on" : "off"}`, () => {
    expect(redis.values).toMatchObject({
      num_cache_clusters: 1 + env.cache.replicas,
      automatic_failover_enabled: env.cache.replicas >= 1,
      multi_az_enabled: env.cache.replicas >= 1,
      snapshot_retention_limit: env.cache.snapshotRetentionDays,
    });
  });

  test("LRU eviction, data subnets, cache group, slow log to an encrypted group", () => {
    const [parameters] = resourcesOfType(stack, "aws_elasticache_parameter_group");
    // The family follows the engine and its major version (a redis7 group cannot serve valkey 8).
    expect(parameters.values).toMatchObject({
      family: `${env.cache.engine}${env.cache.engineVersion.split(".")[0]}`,
      parameter: [{ name: "maxmemory-policy", value: "allkeys-lru" }],
      // A new family is created before the old group goes (the cache still uses it), under a new name.
      lifecycle: { create_before_destroy: true },
    });
    expect(parameters.values.name).toBe(
      replacementName(`news-${env.name}-cache-${parameters.values.family}`, "aws_elasticache_parameter_group", parameters.values),
    );
    const [subnetGroup] = resourcesOfType(stack, "aws_elasticache_subnet_group");
    expect(subnetGroup.values.subnet_ids).toEqual(dataSubnets);
    expect(redis.values.security_group_ids).toEqual([
      reference("aws_security_group", resourceNamed(stack, "aws_security_group", "security-groups_cache_")),
    ]);
    const slowLog = resourceNamed(stack, "aws_cloudwatch_log_group", "cache_slow-log");
    expect(redis.values.log_delivery_configuration).toEqual([
      {
        destination: reference("aws_cloudwatch_log_group", slowLog, "name"),
        destination_type: "cloudwatch-logs",
        log_format: "json",
        log_type: "slow-log",
      },
    ]);
  });

  test("outputs name endpoints and secret ARNs, never secret values", () => {
    expect(Object.keys(stack.output ?? {}).sort()).toEqual(
      [
        "alb_dns_name",
        "alerts_topic_arn",
        "api_key_secret_arn",
        "cluster_name",
        ...(env.dashboard.enabled ? ["dashboard_name"] : []),
        "database_endpoint",
        "database_secret_arn",
        "deployment_strategy",
        "ecr_repository_url",
        "kms_key_arn",
        "log_group_name",
        "redis_auth_secret_arn",
        "redis_replication_group_id",
        "redis_endpoint",
        "service_name",
        "service_url",
        "task_definition_arn",
        "test_traffic_header",
        "vpc_id",
      ].sort(),
    );
    for (const output of Object.values(stack.output ?? {}))
      expect(JSON.stringify(output.value)).not.toMatch(/random_password|secret_string|ephemeral\./);
    const albDnsName = reference("aws_lb", resourcesOfType(stack, "aws_lb")[0], "dns_name");
    expect(stack.output?.service_url.value).toBe(
      env.loadBalancer.domain ? `https://${env.loadBalancer.domain.name}` : `http://${albDnsName}`,
    );
  });
});

describe("dev is cheap, prod is highly available", () => {
  const dev = app.environments.dev;
  const prod = app.environments.prod;
  const value = (stack: typeof dev, type: string, attribute: string) => resourcesOfType(stack, type)[0].values[attribute];

  test.each([
    ["aws_ecs_service", "desired_count", 1, 2],
    ["aws_db_instance", "multi_az", false, true],
    ["aws_db_instance", "deletion_protection", false, true],
    ["aws_db_instance", "skip_final_snapshot", true, false],
    ["aws_db_instance", "backup_retention_period", 1, 14],
    ["aws_elasticache_replication_group", "num_cache_clusters", 1, 3],
    ["aws_elasticache_replication_group", "automatic_failover_enabled", false, true],
    ["aws_elasticache_replication_group", "engine", "valkey", "redis"],
    ["aws_lb", "enable_deletion_protection", false, true],
  ])("%s.%s: dev %p, prod %p", (type, attribute, devValue, prodValue) => {
    expect(value(dev, type, attribute)).toBe(devValue);
    expect(value(prod, type, attribute)).toBe(prodValue);
  });
});
