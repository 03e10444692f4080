import { asList } from "../modules/iam/policy-document";
import { NEWS_API_CONTAINER } from "../modules/service/container-contract";
import { TLS_POLICY } from "../modules/load-balancer/load-balancer";
import { realEnvironments, synthesizedApp, synthesizeEnvironment } from "./support/synth";
import { reference, refersTo, resourceNamed, resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();
const environments = realEnvironments();

describe.each(environments.map((e) => [e.name, e] as const))("compute of %s", (name, env) => {
  const stack = app.environments[name];
  const [taskDefinition] = resourcesOfType(stack, "aws_ecs_task_definition");
  const [container] = JSON.parse(taskDefinition.values.container_definitions);
  const [service] = resourcesOfType(stack, "aws_ecs_service");
  const [alb] = resourcesOfType(stack, "aws_lb");
  const targetGroup = resourceNamed(stack, "aws_lb_target_group", "load-balancer_target-group");

  test("a cluster with Container Insights", () => {
    const [cluster] = resourcesOfType(stack, "aws_ecs_cluster");
    expect(cluster.values.setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
    expect(service.values.cluster).toBe(reference("aws_ecs_cluster", cluster));
  });

  test("the task runs on Fargate ARM64 with the configured size", () => {
    expect(taskDefinition.values).toMatchObject({
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: String(env.service.cpu),
      memory: String(env.service.memory),
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "ARM64" },
      volume: [{ name: "tmp" }],
    });
  });

  test("the container runs as non-root, with a read-only root unless ECS Exec needs it writable, /tmp writable", () => {
    expect(container.user).toBe("1000:1000");
    expect(container.readonlyRootFilesystem).toBe(!env.service.enableExec);
    expect(container.mountPoints).toEqual([{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
  });

  test("the image is the shared repository at the deploy-time tag variable", () => {
    expect(container.image).toBe("${data.aws_ecr_repository.repository.repository_url}:${var.image_tag}");
    expect(stack.variable?.image_tag).toMatchObject({ type: "string", nullable: false });
    expect(stack.variable?.image_tag).not.toHaveProperty("default");
  });

  test("the plain environment is exactly the container contract, with the port and TLS settings", () => {
    const environment = Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(Object.keys(environment).sort()).toEqual([...NEWS_API_CONTAINER.environment].sort());
    expect(environment).toMatchObject({
      NODE_ENV: "production",
      PORT: String(env.service.containerPort),
      DATABASE_PORT: "5432",
      DATABASE_SSL: "verify-full",
      REDIS_PORT: "6379",
      REDIS_TLS: "true",
      // Pinned for the shipped config (stopTimeout 45 s, deregistration delay 30 s): 10 s before SIGKILL,
      // and serving after SIGTERM as long as the ALB keeps a deregistering target.
      SHUTDOWN_TIMEOUT_MS: "35000",
      SHUTDOWN_DRAIN_MS: "30000",
    });
    expect(environment.DATABASE_HOST).toMatch(/^\$\{aws_db_instance\..+\.address\}$/);
    expect(environment.REDIS_HOST).toMatch(/^\$\{aws_elasticache_replication_group\..+\.primary_endpoint_address\}$/);
  });

  test("secrets come by ARN with a JSON key, never as values", () => {
    const secrets = Object.fromEntries(container.secrets.map((s: { name: string; valueFrom: string }) => [s.name, s.valueFrom]));
    expect(Object.keys(secrets).sort()).toEqual([...NEWS_API_CONTAINER.secrets].sort());
    expect(secrets.DATABASE_PASSWORD).toMatch(/^\$\{aws_db_instance\.[^.]+\.master_user_secret\[0\]\.secret_arn\}:password::$/);
    expect(secrets.DATABASE_USER).toMatch(/^\$\{aws_db_instance\.[^.]+\.master_user_secret\[0\]\.secret_arn\}:username::$/);
    expect(secrets.REDIS_AUTH_TOKEN).toMatch(/^\$\{aws_secretsmanager_secret\.cache_auth_secret_[^.]+\.arn\}:token::$/);
    expect(secrets.API_KEY).toMatch(/^\$\{aws_secretsmanager_secret\.api-key_secret_[^.]+\.arn\}:key::$/);
  });

  test("logs go to the service's encrypted log group; health check probes /health; stop timeout drains", () => {
    const logGroup = resourceNamed(stack, "aws_cloudwatch_log_group", "service_log-group");
    expect(logGroup.values).toMatchObject({ name: `/news/${name}/news-api`, retention_in_days: env.logRetentionDays });
    expect(container.logConfiguration.options["awslogs-group"]).toBe(reference("aws_cloudwatch_log_group", logGroup, "name"));
    expect(container.healthCheck.command.join(" ")).toContain(`http://127.0.0.1:${env.service.containerPort}/health`);
    expect(container.stopTimeout).toBe(env.service.stopTimeoutSeconds);
    expect(container.stopTimeout).toBeGreaterThan(Number(targetGroup.values.deregistration_delay));
    expect(targetGroup.values.deregistration_delay).toBe(String(env.loadBalancer.deregistrationDelaySeconds));
  });

  test("the service: desired = min, rolls back failed deploys, 100/200 %, leaves the count to autoscaling", () => {
    expect(service.values).toMatchObject({
      desired_count: env.service.minTasks,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      health_check_grace_period_seconds: env.service.healthCheckGracePeriodSeconds,
      enable_execute_command: env.service.enableExec,
      propagate_tags: "SERVICE",
      lifecycle: { ignore_changes: ["desired_count"] },
    });
    expect(service.values.task_definition).toBe(reference("aws_ecs_task_definition", taskDefinition, "arn"));
    expect(service.values.load_balancer).toEqual([
      expect.objectContaining({
        target_group_arn: reference("aws_lb_target_group", targetGroup, "arn"),
        container_name: "news-api",
        container_port: env.service.containerPort,
      }),
    ]);
    expect(service.values.depends_on.some((d: string) => d.startsWith("aws_lb_listener."))).toBe(true);
  });

  test("apply waits for the rollout's steady state; the stack outputs the task definition it registered", () => {
    // Without the wait, apply returns once the task definition is registered and a failed rollout goes unseen.
    expect(service.values.wait_for_steady_state).toBe(true);
    expect(stack.output?.task_definition_arn?.value).toBe(reference("aws_ecs_task_definition", taskDefinition, "arn"));
  });

  test("tasks run in app subnets with the app group; a public IP only when there is no NAT", () => {
    const tier = env.network.natStrategy === "none" ? "public" : "app";
    const subnets = resourcesOfType(stack, "aws_subnet").filter((s) => s.values.tags.Tier === tier);
    const network = service.values.network_configuration;
    expect(network.subnets).toEqual(subnets.map((s) => reference("aws_subnet", s)));
    expect(network.assign_public_ip).toBe(env.network.natStrategy === "none");
    expect(network.security_groups).toEqual([
      reference("aws_security_group", resourceNamed(stack, "aws_security_group", "security-groups_app_")),
    ]);
  });

  test("the ALB: internet-facing in public subnets, invalid headers dropped, access logs on, deletion protection per env", () => {
    const publicSubnets = resourcesOfType(stack, "aws_subnet").filter((s) => s.values.tags.Tier === "public");
    const [logs] = resourcesOfType(stack, "aws_s3_bucket");
    expect(alb.values).toMatchObject({
      name: `news-${name}-alb`,
      internal: false,
      load_balancer_type: "application",
      drop_invalid_header_fields: true,
      enable_deletion_protection: env.loadBalancer.deletionProtection,
      idle_timeout: env.loadBalancer.idleTimeoutSeconds,
      access_logs: { bucket: reference("aws_s3_bucket", logs), enabled: true, prefix: "alb" },
    });
    expect(alb.values.subnets).toEqual(publicSubnets.map((s) => reference("aws_subnet", s)));
  });

  test("the access-log bucket: encrypted, private, TLS-only, writable by ELB log delivery, expiring", () => {
    const [bucket] = resourcesOfType(stack, "aws_s3_bucket");
    const on = (type: string) => resourcesOfType(stack, type).find((r) => refersTo(r.values.bucket, "aws_s3_bucket", bucket))!.values;
    expect(on("aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe(
      "AES256",
    );
    expect(on("aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = JSON.parse(on("aws_s3_bucket_policy").policy);
    expect(policy.Statement[0]).toMatchObject({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::127311923021:root" },
      Action: "s3:PutObject",
    });
    expect(policy.Statement[0].Resource).toMatch(/\/alb\/AWSLogs\/\$\{data\.aws_caller_identity\.caller\.account_id\}\/\*$/);
    expect(policy.Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")).toBe(true);
    expect(on("aws_s3_bucket_lifecycle_configuration").rule[0].expiration).toEqual([{ days: env.loadBalancer.accessLogRetentionDays }]);
  });

  test("the target group: IP targets on the container port, /health, 30 s deregistration", () => {
    const hc = env.loadBalancer.healthCheck;
    expect(targetGroup.values).toMatchObject({
      target_type: "ip",
      protocol: "HTTP",
      port: env.service.containerPort,
      deregistration_delay: "30",
      health_check: {
        path: "/health",
        matcher: "200",
        interval: hc.intervalSeconds,
        timeout: hc.timeoutSeconds,
        healthy_threshold: hc.healthyThreshold,
        unhealthy_threshold: hc.unhealthyThreshold,
      },
    });
  });

  test(env.loadBalancer.domain ? "HTTPS with TLS 1.3 and an HTTP→HTTPS redirect" : "plain HTTP forwarding (no certificate)", () => {
    const listeners = resourcesOfType(stack, "aws_lb_listener").map((l) => l.values);
    const forward = [{ type: "forward", target_group_arn: reference("aws_lb_target_group", targetGroup, "arn") }];
    const domain = env.loadBalancer.domain;
    if (domain) {
      expect(listeners).toHaveLength(2);
      const https = listeners.find((l) => l.port === 443)!;
      const certificateArn =
        domain.certificateArn ??
        reference("aws_acm_certificate_validation", resourcesOfType(stack, "aws_acm_certificate_validation")[0], "certificate_arn");
      expect(https).toMatchObject({ protocol: "HTTPS", ssl_policy: TLS_POLICY, certificate_arn: certificateArn, default_action: forward });
      expect(TLS_POLICY).toMatch(/TLS13/);
      const http = listeners.find((l) => l.port === 80)!;
      expect(http.default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
    } else {
      expect(listeners).toEqual([expect.objectContaining({ port: 80, protocol: "HTTP", default_action: forward })]);
    }
  });

  test("autoscaling: min/max from config, CPU target tracking with 60 s out / 300 s in", () => {
    const [target] = resourcesOfType(stack, "aws_appautoscaling_target");
    expect(target.values).toMatchObject({
      min_capacity: env.service.minTasks,
      max_capacity: env.service.maxTasks,
      scalable_dimension: "ecs:service:DesiredCount",
      service_namespace: "ecs",
    });
    expect(target.values.resource_id).toMatch(/^service\/\$\{aws_ecs_cluster\..+\.name\}\/\$\{aws_ecs_service\..+\.name\}$/);
    const cpu = resourceNamed(stack, "aws_appautoscaling_policy", "autoscaling_cpu").values.target_tracking_scaling_policy_configuration;
    expect(cpu).toMatchObject({
      target_value: 70,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
      predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
    });
  });

  test("memory and request-count policies exactly when configured", () => {
    const types = resourcesOfType(stack, "aws_appautoscaling_policy").map(
      (p) => p.values.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
    );
    const expected = ["ECSServiceAverageCPUUtilization"];
    if (env.service.autoscaling.memoryTargetPercent !== undefined) expected.push("ECSServiceAverageMemoryUtilization");
    if (env.service.autoscaling.requestsPerTarget !== undefined) expected.push("ALBRequestCountPerTarget");
    expect(types.sort()).toEqual(expected.sort());
    const requests = resourcesOfType(stack, "aws_appautoscaling_policy").find((p) => p.name.includes("requests"));
    if (requests) {
      const spec = requests.values.target_tracking_scaling_policy_configuration;
      expect(spec.target_value).toBe(1000);
      expect(spec.predefined_metric_specification.resource_label).toBe(
        `${reference("aws_lb", alb, "arn_suffix")}/${reference("aws_lb_target_group", targetGroup, "arn_suffix")}`,
      );
    }
  });

  test("IAM database authentication: the task role may log in as the app role on this instance, nothing more", () => {
    const [db] = resourcesOfType(stack, "aws_db_instance");
    expect(db.values.iam_database_authentication_enabled).toBe(true);
    const environment = Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(environment).toMatchObject({ DATABASE_IAM_USER: NEWS_API_CONTAINER.databaseRole, AWS_REGION: env.region });
    const resourceId = reference("aws_db_instance", db, "resource_id");
    const connectArn = `arn:aws:rds-db:${env.region}:\${data.aws_caller_identity.caller.account_id}:dbuser:${resourceId}/news_api`;
    const grants = resourcesOfType(stack, "aws_iam_role_policy").flatMap((policy) =>
      JSON.parse(policy.values.policy)
        .Statement.filter((statement: { Action: string | string[] }) =>
          asList(statement.Action).some((action) => action.startsWith("rds-db:")),
        )
        .map((statement: object) => ({ policy: policy.name, role: policy.values.role, statement })),
    );
    expect(grants).toEqual([
      {
        policy: expect.stringMatching(/^service_roles_task-policy/),
        role: reference("aws_iam_role", resourceNamed(stack, "aws_iam_role", "service_roles_task_")),
        statement: { Sid: "ConnectToDatabaseAsApp", Effect: "Allow", Action: "rds-db:connect", Resource: connectArn },
      },
    ]);
  });

  test("scheduled actions from config", () => {
    const actions = resourcesOfType(stack, "aws_appautoscaling_scheduled_action").map((a) => a.values);
    expect(actions.map((a) => [a.schedule, a.timezone, a.scalable_target_action])).toEqual(
      env.service.autoscaling.schedules.map((s) => [
        s.schedule,
        s.timezone,
        { min_capacity: String(s.minTasks), max_capacity: String(s.maxTasks) },
      ]),
    );
  });
});

describe("ECS Exec", () => {
  test("grants the task role the SSM channels only when enabled", () => {
    const [dev, , prod] = environments;
    const taskActions = (json: ReturnType<typeof synthesizeEnvironment>) =>
      resourcesOfType(json, "aws_iam_role_policy")
        .filter((p) => p.name.startsWith("service_roles_task-policy"))
        .flatMap((p) =>
          JSON.parse(p.values.policy).Statement.flatMap((statement: { Action: string | string[] }) => asList(statement.Action)),
        );
    expect(dev.service.enableExec).toBe(true);
    expect(taskActions(app.environments.dev)).toContain("ssmmessages:OpenDataChannel");
    expect(prod.service.enableExec).toBe(false);
    expect(taskActions(app.environments.prod).filter((action) => action.startsWith("ssmmessages:"))).toEqual([]);
  });
});

describe("the image registry in news-shared", () => {
  const shared = app.shared;
  const [repository] = resourcesOfType(shared, "aws_ecr_repository");

  test("immutable tags, scan on push, KMS encryption", () => {
    const [key] = resourcesOfType(shared, "aws_kms_key");
    expect(repository.values).toMatchObject({
      name: "news-api",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: reference("aws_kms_key", key, "arn") }],
    });
  });

  test("keeps each environment's current and previous images ahead of the last 10 tagged; untagged expire after a day", () => {
    const [lifecycle] = resourcesOfType(shared, "aws_ecr_lifecycle_policy");
    const rules = JSON.parse(lifecycle.values.policy).rules;
    const keep = (pattern: string, count: number) => ({
      tagStatus: "tagged",
      tagPatternList: [pattern],
      countType: "imageCountMoreThan",
      countNumber: count,
    });
    // prod keeps 10 previous, staging and dev the default 5; the last promotion stage is evaluated first.
    expect(rules.map((r: any) => [r.rulePriority, r.selection])).toEqual([
      [1, { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 }],
      [2, keep("prod-*", 11)],
      [3, keep("staging-*", 6)],
      [4, keep("dev-*", 6)],
      [5, keep("*", 10)],
    ]);
    expect(rules.every((r: any) => r.action.type === "expire")).toBe(true);
    expect(rules[1].description).toBe("Keep prod's current and 10 previous images (deployment tags prod-*)");
    expect(repository.values.tags).toEqual({ DeploymentTagPrefixes: "dev- staging- prod-" });
  });

  test("environments find it by name in the platform account, with no cross-stack state", () => {
    for (const stack of Object.values(app.environments)) {
      expect(stack.data?.aws_ecr_repository?.repository).toMatchObject({ name: "news-api", registry_id: "123456789012" });
      expect(stack.data?.terraform_remote_state).toBeUndefined();
    }
  });

  test("no repository policy while every environment shares the platform account", () => {
    expect(resourcesOfType(shared, "aws_ecr_repository_policy")).toEqual([]);
  });
});
