import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { TerraformStack, Testing } from "cdktf";
import { validateEnvironment } from "../environments";
import { dev } from "../environments/dev";
import type { EnvironmentInput } from "../environments/schema";
import { ConfigError } from "../modules/errors";
import { policyStatements } from "../modules/iam/policy-document";
import { TEST_TRAFFIC_HEADER } from "../modules/load-balancer/load-balancer";
import { Naming } from "../modules/naming";
import { DeploymentStrategy, deploymentConfiguration, deploymentTimeoutMinutes } from "../modules/service/deployment-strategy";
import { FargateService, TrafficShiftingTargets } from "../modules/service/fargate-service";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { reference, resourceNamed, resourcesOfType } from "./support/terraform-json";
import { testingApp } from "./support/testing-app";

const app = synthesizedApp();
const byName = Object.fromEntries(realEnvironments().map((e) => [e.name, e]));

describe("the shipped strategies", () => {
  test("prod shifts traffic as a canary with bake time; staging blue-green; dev rolls", () => {
    expect(byName.prod.service.deployment).toMatchObject({ strategy: "canary", bakeMinutes: expect.any(Number) });
    expect(byName.prod.service.deployment.bakeMinutes).toBeGreaterThan(0);
    expect(byName.staging.service.deployment.strategy).toBe("blue-green");
    expect(byName.dev.service.deployment.strategy).toBe("rolling");
  });
});

describe("dev (rolling): ECS's default rollout, no second target group", () => {
  const stack = app.environments.dev;
  const [service] = resourcesOfType(stack, "aws_ecs_service");

  test("no deployment_configuration (the AWS provider 5.x of the rehearsal has none) and no advanced_configuration", () => {
    expect(service.values).not.toHaveProperty("deployment_configuration");
    expect(service.values.load_balancer[0]).not.toHaveProperty("advanced_configuration");
  });

  test("one target group, no listener rules, no traffic-shift role, an empty test header output", () => {
    expect(resourcesOfType(stack, "aws_lb_target_group")).toHaveLength(1);
    expect(resourcesOfType(stack, "aws_lb_listener_rule")).toHaveLength(0);
    expect(resourcesOfType(stack, "aws_iam_role").filter((r) => r.name.includes("traffic-shift"))).toHaveLength(0);
    expect(stack.output?.deployment_strategy.value).toBe("rolling");
    expect(stack.output?.test_traffic_header.value).toBe("");
  });
});

describe.each(["staging", "prod"])("%s: ECS-native traffic shifting", (name) => {
  const stack = app.environments[name];
  const env = byName[name];
  const [service] = resourcesOfType(stack, "aws_ecs_service");
  const primary = resourceNamed(stack, "aws_lb_target_group", "load-balancer_target-group");
  const alternate = resourceNamed(stack, "aws_lb_target_group", "alternate-target-group");
  const productionRule = resourceNamed(stack, "aws_lb_listener_rule", "production-rule");
  const testRule = resourceNamed(stack, "aws_lb_listener_rule", "test-rule");
  const role = resourceNamed(stack, "aws_iam_role", "traffic-shift");

  test("deployment_configuration carries the strategy and its bake times", () => {
    const d = env.service.deployment;
    const { lifecycle_hook: _hook, ...configuration } = service.values.deployment_configuration; // hook: tested below
    expect(configuration).toEqual(
      name === "prod"
        ? {
            strategy: "CANARY",
            bake_time_in_minutes: String(d.bakeMinutes),
            canary_configuration: { canary_percent: d.canaryPercent, canary_bake_time_in_minutes: String(d.canaryBakeMinutes) },
          }
        : { strategy: "BLUE_GREEN", bake_time_in_minutes: String(d.bakeMinutes) },
    );
    expect(stack.output?.deployment_strategy.value).toBe(d.strategy);
  });

  // Otherwise the provider's 20-minute default stops the apply while ECS is still baking, and the job fails a good deploy.
  test("apply waits long enough for the canary and the bake time", () => {
    const d = env.service.deployment;
    const waits = (d.bakeMinutes ?? 0) + (d.canaryBakeMinutes ?? 0);
    expect(service.values.wait_for_steady_state).toBe(true);
    expect(service.values.timeouts).toEqual({ create: `${waits + 20}m`, update: `${waits + 20}m` });
  });

  test("the load balancer block names the alternate target group, both listener rules and the role", () => {
    expect(service.values.load_balancer).toEqual([
      {
        target_group_arn: reference("aws_lb_target_group", primary, "arn"),
        container_name: "news-api",
        container_port: env.service.containerPort,
        advanced_configuration: {
          alternate_target_group_arn: reference("aws_lb_target_group", alternate, "arn"),
          production_listener_rule: reference("aws_lb_listener_rule", productionRule, "arn"),
          test_listener_rule: reference("aws_lb_listener_rule", testRule, "arn"),
          role_arn: reference("aws_iam_role", role, "arn"),
        },
      },
    ]);
  });

  test("the alternate target group probes like the primary", () => {
    expect(alternate.values.health_check).toEqual(primary.values.health_check);
    expect(alternate.values.port).toBe(primary.values.port);
    expect(alternate.values.name).not.toBe(primary.values.name);
  });

  test("both rules weigh the two target groups on the service listener, and Terraform leaves their weights to ECS", () => {
    const weighted = [
      {
        type: "forward",
        forward: {
          target_group: [
            { arn: reference("aws_lb_target_group", primary, "arn"), weight: 100 },
            { arn: reference("aws_lb_target_group", alternate, "arn"), weight: 0 },
          ],
        },
      },
    ];
    const [listener] = resourcesOfType(stack, "aws_lb_listener").filter((l) => l.values.default_action[0].type === "forward");
    for (const rule of [productionRule, testRule]) {
      expect(rule.values.action).toEqual(weighted);
      expect(rule.values.lifecycle).toEqual({ ignore_changes: ["action"] });
      expect(rule.values.listener_arn).toBe(reference("aws_lb_listener", listener, "arn"));
    }
  });

  test("the test rule matches the test header and is evaluated before the production rule (all paths)", () => {
    expect(testRule.values.condition).toEqual([
      { http_header: { http_header_name: TEST_TRAFFIC_HEADER.name, values: [TEST_TRAFFIC_HEADER.value] } },
    ]);
    expect(productionRule.values.condition).toEqual([{ path_pattern: { values: ["/*"] } }]);
    expect(testRule.values.priority).toBeLessThan(productionRule.values.priority);
    expect(stack.output?.test_traffic_header.value).toBe(`${TEST_TRAFFIC_HEADER.name}: ${TEST_TRAFFIC_HEADER.value}`);
  });

  test("ECS (this account only) assumes the role; it may register targets in the two groups and reweigh the two rules only", () => {
    const [trust] = policyStatements(role.values.assume_role_policy);
    expect(trust).toMatchObject({
      Principal: { Service: "ecs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": expect.any(String) } },
    });
    const policy = resourcesOfType(stack, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", role))!;
    const statements = Object.fromEntries(policyStatements(policy.values.policy).map((s) => [s.Sid, s]));
    expect(statements.RegisterRevisionTasks.Resource).toEqual([
      reference("aws_lb_target_group", primary, "arn"),
      reference("aws_lb_target_group", alternate, "arn"),
    ]);
    expect(statements.ReweighListenerRules).toMatchObject({
      Action: "elasticloadbalancing:ModifyRule",
      Resource: [reference("aws_lb_listener_rule", productionRule, "arn"), reference("aws_lb_listener_rule", testRule, "arn")],
    });
  });

  test("5XX, p99 latency and unhealthy-target alarms roll the deployment back, also during the bake", () => {
    const alarms = resourcesOfType(stack, "aws_cloudwatch_metric_alarm");
    const named = (suffix: string) => alarms.find((a) => a.values.alarm_name === `news-${name}-${suffix}`)!;
    expect(service.values.alarms).toEqual({
      enable: true,
      rollback: true,
      alarm_names: ["target-5xx", "latency-p99", "unhealthy-targets"].map((s) =>
        reference("aws_cloudwatch_metric_alarm", named(s), "alarm_name"),
      ),
    });
  });

  // Production traffic alternates between the target groups: an alarm on one of them goes silent after the first shift.
  test("those alarms watch both target groups (ALB-wide 5XX and latency, unhealthy targets in either group)", () => {
    const alarms = resourcesOfType(stack, "aws_cloudwatch_metric_alarm");
    const named = (suffix: string) => alarms.find((a) => a.values.alarm_name === `news-${name}-${suffix}`)!.values;
    for (const suffix of ["target-5xx", "latency-p99"]) expect(Object.keys(named(suffix).dimensions)).toEqual(["LoadBalancer"]);
    const groups = named("unhealthy-targets")
      .metric_query.filter((q: any) => q.metric)
      .map((q: any) => q.metric.dimensions.TargetGroup);
    expect(groups).toEqual([
      reference("aws_lb_target_group", primary, "arn_suffix"),
      reference("aws_lb_target_group", alternate, "arn_suffix"),
    ]);
  });
});

describe("bad deployment config is refused with file, field, value and what is allowed", () => {
  const devWith = (deployment: object) => ({
    file: "environments/dev.ts",
    input: { ...structuredClone(dev), service: { ...structuredClone(dev.service), deployment } } as EnvironmentInput,
  });
  const errorOf = (deployment: object) => {
    try {
      validateEnvironment(devWith(deployment));
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("expected a ConfigError");
  };

  test.each([
    [
      "an unknown strategy",
      { strategy: "big-bang" },
      [/service\.deployment\.strategy = "big-bang"/, /rolling.*blue-green.*canary.*linear/],
    ],
    [
      "a canary percent below 0.1",
      { strategy: "canary", canaryPercent: 0.05 },
      [/service\.deployment\.canaryPercent = 0\.05/, /multiple of 0\.1 from 0\.1 to 100/],
    ],
    [
      "a canary percent above 100",
      { strategy: "canary", canaryPercent: 150 },
      [/service\.deployment\.canaryPercent = 150/, /from 0\.1 to 100/],
    ],
    ["a canary percent not a multiple of 0.1", { strategy: "canary", canaryPercent: 5.55 }, [/canaryPercent = 5\.55/, /multiple of 0\.1/]],
    [
      "a linear step below 3 %",
      { strategy: "linear", linearStepPercent: 2 },
      [/service\.deployment\.linearStepPercent = 2/, /from 3 to 100/],
    ],
    [
      "a bake time beyond ECS's 24 hours",
      { strategy: "blue-green", bakeMinutes: 1441 },
      [/service\.deployment\.bakeMinutes = 1441/, /1440/],
    ],
    ["a fractional bake time", { strategy: "canary", canaryBakeMinutes: 2.5 }, [/canaryBakeMinutes = 2\.5/, /whole number/]],
    [
      "a bake time with rolling",
      { strategy: "rolling", bakeMinutes: 10 },
      [/service\.deployment\.bakeMinutes = 10/, /only to strategy "blue-green" or "canary" or "linear" \(strategy is "rolling"\)/],
    ],
    [
      "a canary percent with blue-green",
      { strategy: "blue-green", canaryPercent: 10 },
      [/service\.deployment\.canaryPercent = 10/, /only to strategy "canary"/],
    ],
    ["a misspelt field", { strategy: "canary", canaryPercentage: 10 }, [/service\.deployment/, /canaryPercentage/]],
  ])("%s", (_title, deployment, expected) => {
    const message = errorOf(deployment);
    expect(message).toMatch(/environments\/dev\.ts/);
    for (const pattern of expected) expect(message).toMatch(pattern);
  });
});

describe("the FargateService's own checks (props not from the config schema)", () => {
  const serviceWith = (deployment: DeploymentStrategy, trafficShifting?: TrafficShiftingTargets) => () => {
    const stack = new TerraformStack(testingApp(), "test");
    const listener = new LbListener(stack, "listener", {
      loadBalancerArn: "arn:lb",
      defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }],
    });
    new FargateService(stack, "service", {
      naming: new Naming("news", "dev"),
      region: "us-east-1",
      accountId: "123456789012",
      subnetIds: ["subnet-1"],
      assignPublicIp: false,
      securityGroupId: "sg-1",
      repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/news-api",
      repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/news-api",
      imageTag: "abc",
      cpu: 256,
      memory: 512,
      containerPort: 8080,
      desiredCount: 1,
      healthCheckGracePeriodSeconds: 60,
      stopTimeoutSeconds: 45,
      enableExec: false,
      environment: {} as never,
      secrets: {} as never,
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1",
      logRetentionDays: 7,
      targetGroupArn: "arn:tg",
      listener,
      deployment,
      trafficShifting,
    });
    return Testing.synth(stack);
  };
  const targets = {
    alternateTargetGroupArn: "arn:tg-next",
    productionListenerRuleArn: "arn:rule-prod",
    testListenerRuleArn: "arn:rule-test",
  };

  test("a traffic-shifting strategy without a load balancer's alternate target group and rules is refused", () => {
    expect(serviceWith({ strategy: "blue-green", bakeMinutes: 5 })).toThrow(
      new ConfigError(
        'FargateService: deployment.strategy = "blue-green" needs trafficShifting (a load balancer\'s ' +
          'alternate target group and listener rules); use strategy "rolling" without one.',
      ),
    );
    expect(serviceWith({ strategy: "blue-green", bakeMinutes: 5 }, targets)).not.toThrow();
    expect(serviceWith({ strategy: "rolling" })).not.toThrow();
  });

  test("values ECS rejects are refused naming the prop and the range", () => {
    expect(serviceWith({ strategy: "linear", linearStepPercent: 150 }, targets)).toThrow(
      /FargateService: deployment\.linearStepPercent = 150 must be a multiple of 0\.1 from 3 to 100/,
    );
    expect(serviceWith({ strategy: "blue-green", canaryBakeMinutes: 5 }, targets)).toThrow(
      /canaryBakeMinutes = 5 applies only to strategy "canary"/,
    );
    expect(serviceWith({ strategy: "canary", bakeMinutes: -1 }, targets)).toThrow(
      /bakeMinutes = -1 must be a whole number of minutes from 0 to 1440/,
    );
  });

  test("a linear deployment's timeout counts every step", () => {
    expect(deploymentTimeoutMinutes({ strategy: "linear", linearStepPercent: 25, linearStepBakeMinutes: 3, bakeMinutes: 10 })).toBe(
      4 * 3 + 10 + 20,
    );
    expect(deploymentTimeoutMinutes({ strategy: "rolling" })).toBe(20);
  });

  test("rolling maps to no block; linear to its step configuration", () => {
    expect(deploymentConfiguration({ strategy: "rolling" })).toBeUndefined();
    expect(deploymentConfiguration({ strategy: "linear", linearStepPercent: 25, linearStepBakeMinutes: 3, bakeMinutes: 10 })).toEqual({
      strategy: "LINEAR",
      bakeTimeInMinutes: "10",
      canaryConfiguration: undefined,
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "3" },
    });
  });
});

describe.each(["staging", "prod"])("%s: the smoke test runs through the test listener rule before production traffic moves", (name) => {
  const stack = app.environments[name];
  const [service] = resourcesOfType(stack, "aws_ecs_service");
  const [hook] = resourcesOfType(stack, "aws_lambda_function");
  const role = resourceNamed(stack, "aws_iam_role", "traffic-shift");

  test("ECS calls the hook function after the test traffic shift, with the traffic-shift role", () => {
    expect(service.values.deployment_configuration.lifecycle_hook).toEqual([
      {
        hook_target_arn: reference("aws_lambda_function", hook, "arn"),
        role_arn: reference("aws_iam_role", role, "arn"),
        lifecycle_stages: ["POST_TEST_TRAFFIC_SHIFT"],
      },
    ]);
    const policy = resourcesOfType(stack, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", role))!;
    const invoke = policyStatements(policy.values.policy).find((s) => s.Sid === "InvokeLifecycleHooks");
    expect(invoke).toEqual({
      Sid: "InvokeLifecycleHooks",
      Effect: "Allow",
      Action: "lambda:InvokeFunction",
      Resource: [reference("aws_lambda_function", hook, "arn")],
    });
  });

  test("the function calls service_url with the test header, from its packaged code", () => {
    expect(hook.values.environment.variables).toEqual({
      SERVICE_URL: stack.output?.service_url.value,
      TEST_HEADER_NAME: TEST_TRAFFIC_HEADER.name,
      TEST_HEADER_VALUE: TEST_TRAFFIC_HEADER.value,
    });
    expect(hook.values).toMatchObject({ handler: "index.handler", runtime: "nodejs22.x", architectures: ["arm64"] });
    expect(hook.values.filename).toMatch(/^assets\/smoke-hook_code_[A-F0-9]+\/[A-F0-9]+\/archive\.zip$/);
  });
});

test("dev (rolling) has no hook function", () => {
  expect(resourcesOfType(app.environments.dev, "aws_lambda_function")).toHaveLength(0);
});
