import { NEWS_API_CONTAINER } from "../modules/service/container-contract";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { reference, resourcesOfType } from "./support/terraform-json";

/** Fargate Spot outside production: capacity providers, the service's strategy, and a shutdown that fits Spot's notice. */
const app = synthesizedApp();
const environments = realEnvironments();
/** Fargate Spot reclaims a task 2 minutes after the interruption notice (ECS sends SIGTERM with it). */
const SPOT_NOTICE_SECONDS = 120;

const serviceOf = (name: string) => resourcesOfType(app.environments[name], "aws_ecs_service")[0].values;

describe("capacity of each environment", () => {
  test("dev runs every task on Fargate Spot, through the cluster's capacity providers", () => {
    const stack = app.environments.dev;
    const [cluster] = resourcesOfType(stack, "aws_ecs_cluster");
    const [providers] = resourcesOfType(stack, "aws_ecs_cluster_capacity_providers");
    expect(providers.values).toMatchObject({
      cluster_name: reference("aws_ecs_cluster", cluster, "name"),
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
    });
    const service = serviceOf("dev");
    expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 }]);
    // ECS refuses a service with both a launch type and a strategy; the strategy's providers must be attached first.
    expect(service.launch_type).toBeUndefined();
    expect(service.depends_on).toContain(`aws_ecs_cluster_capacity_providers.${providers.name}`);
  });

  test("staging keeps one on-demand task as its base and runs the rest on Spot", () => {
    expect(serviceOf("staging").capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", base: 1, weight: 0 },
      { capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 },
    ]);
  });

  test("prod stays on the on-demand launch type, with no Spot provider on its cluster", () => {
    expect(serviceOf("prod")).toMatchObject({ launch_type: "FARGATE" });
    expect(serviceOf("prod").capacity_provider_strategy).toBeUndefined();
    expect(resourcesOfType(app.environments.prod, "aws_ecs_cluster_capacity_providers")).toEqual([]);
  });
});

const onSpot = environments.filter((e) => JSON.stringify(serviceOf(e.name).capacity_provider_strategy ?? []).includes("FARGATE_SPOT"));

describe.each(onSpot.map((e) => [e.name] as const))("%s drains within Spot's 2-minute notice", (name) => {
  const stack = app.environments[name];
  const [container] = JSON.parse(resourcesOfType(stack, "aws_ecs_task_definition")[0].values.container_definitions);
  const shutdownMs = Number(container.environment.find((e: { name: string }) => e.name === "SHUTDOWN_TIMEOUT_MS").value);
  const [targetGroup] = resourcesOfType(stack, "aws_lb_target_group");

  test("the app's drain ends before ECS's SIGKILL, which comes before Spot reclaims the task", () => {
    // SIGTERM arrives with the notice: drain (SHUTDOWN_TIMEOUT_MS) < stopTimeout ≤ 120 s.
    expect(container.name).toBe(NEWS_API_CONTAINER.name);
    expect(shutdownMs).toBeLessThan(container.stopTimeout * 1000);
    expect(container.stopTimeout).toBeLessThanOrEqual(SPOT_NOTICE_SECONDS);
  });

  test("the load balancer stops sending requests before the stop timeout ends", () => {
    expect(Number(targetGroup.values.deregistration_delay)).toBeLessThan(container.stopTimeout);
  });
});
