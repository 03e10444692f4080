import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NEWS_API_CONTAINER } from "../modules/service/container-contract";
import { RDS_CA_BUNDLE_PATH } from "../stacks/environment-stack";
import { buildApp } from "../services/news-api/src/app";
import { MemoryCache } from "../services/news-api/src/cache/memory-cache";
import { KNOWN_VARIABLES, loadConfig } from "../services/news-api/src/config";
import { readMigrations } from "../services/news-api/src/store/migrations";
import type { ArticleStore } from "../services/news-api/src/store/article-store";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { resourcesOfType } from "./support/terraform-json";

/**
 * The task definition the compute module synthesizes and the service it runs must agree: variable
 * and secret names, port, health path, user, CA bundle path. Either side changing alone fails here.
 */
const app = synthesizedApp();
const dockerfile = readFileSync(join(__dirname, "..", "services", "news-api", "Dockerfile"), "utf8");

describe.each(realEnvironments().map((e) => [e.name] as const))("task definition of %s vs the news-api service", (name) => {
  const stack = app.environments[name];
  const [taskDefinition] = resourcesOfType(stack, "aws_ecs_task_definition");
  const [container] = JSON.parse(taskDefinition.values.container_definitions);
  const environment: Record<string, string> = Object.fromEntries(
    container.environment.map((e: { name: string; value: string }) => [e.name, e.value]),
  );
  const secretNames: string[] = container.secrets.map((s: { name: string }) => s.name);

  test("every variable and secret the task sets is one the service reads", () => {
    const known: readonly string[] = KNOWN_VARIABLES;
    expect([...Object.keys(environment), ...secretNames].filter((n) => !known.includes(n))).toEqual([]);
  });

  test("what the task provides is a valid production configuration for the service", () => {
    // Terraform references (${aws_db_instance...}) resolve at deploy time: stand-ins of the right shape.
    const resolved = Object.fromEntries(
      Object.entries(environment).map(([k, v]) => [k, v.includes("${") ? (k.endsWith("_PORT") ? "6379" : "host.internal") : v]),
    );
    const secrets = Object.fromEntries(secretNames.map((n) => [n, "secret-value-from-secrets-manager"]));
    const config = loadConfig({ ...resolved, ...secrets });
    expect(config.nodeEnv).toBe("production");
    expect(config.database).toMatchObject({
      ssl: "verify-full",
      sslCaFile: RDS_CA_BUNDLE_PATH,
      user: expect.any(String),
      password: expect.any(String),
    });
    // The app pool logs in as the application role with IAM tokens; the master secret only migrates.
    expect(config.database?.iam).toEqual({
      user: NEWS_API_CONTAINER.databaseRole,
      region: realEnvironments().find((e) => e.name === name)!.region,
    });
    expect(config.redis).toMatchObject({ tls: true, authToken: expect.any(String) });
    expect(config.apiKey).toBeDefined();
    expect(config.shutdownTimeoutMs).toBeLessThan(container.stopTimeout * 1000);
    // It keeps serving after SIGTERM for as long as the ALB drains the target, then has time to close.
    const [targetGroup] = resourcesOfType(stack, "aws_lb_target_group");
    expect(config.shutdownDrainMs).toBe(Number(targetGroup.values.deregistration_delay) * 1000);
    expect(config.shutdownDrainMs).toBeLessThan(config.shutdownTimeoutMs);
  });

  test("the port the service listens on is the one mapped and probed", () => {
    expect(Number(environment.PORT)).toBe(container.portMappings[0].containerPort);
    expect(container.healthCheck.command.join(" ")).toContain(`:${environment.PORT}${NEWS_API_CONTAINER.healthPath}`);
    for (const targetGroup of resourcesOfType(stack, "aws_lb_target_group")) {
      expect(targetGroup.values.port).toBe(container.portMappings[0].containerPort);
      expect(targetGroup.values.health_check.path).toBe(NEWS_API_CONTAINER.healthPath);
    }
  });
});

describe("the image and the service match the container contract", () => {
  test("the service has a route at the health path the task and the ALB probe", async () => {
    const store = new Proxy({} as ArticleStore, { get: () => () => Promise.reject(new Error("not used")) });
    const service = await buildApp({ config: { bodyLimitBytes: 1024 }, store, cache: new MemoryCache(1000, 10) });
    try {
      await service.ready();
      expect(service.hasRoute({ method: "GET", url: NEWS_API_CONTAINER.healthPath })).toBe(true);
    } finally {
      await service.close();
    }
  });

  test("the role the task logs in as with IAM is the one the service's migrations create and grant rds_iam", () => {
    const sql = readMigrations()
      .map((m) => m.sql)
      .join("\n");
    const role = NEWS_API_CONTAINER.databaseRole;
    expect(sql).toContain(`CREATE ROLE ${role} LOGIN`);
    expect(sql).toContain(`GRANT rds_iam TO ${role}`);
  });

  test("the image runs as the task's user and ships the CA bundle where the task points", () => {
    expect(dockerfile).toMatch(new RegExp(`^USER ${NEWS_API_CONTAINER.user}$`, "m"));
    expect(dockerfile).toMatch(new RegExp(`^ADD --chmod=0444 \\S+ ${RDS_CA_BUNDLE_PATH}$`, "m"));
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
  });
});
