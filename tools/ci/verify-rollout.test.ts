import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typescriptChildArgs } from "../../test/support/typescript-child";
import { verifyRollout } from "./verify-rollout";

/** Recorded `aws ecs describe-services` outputs (the API's shape, trimmed to one service). */
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "fixtures", "describe-services", `${name}.json`), "utf8"));
const registered = (env: string, revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/news-${env}-api:${revision}`;
const NEW = registered("prod", 42);

describe("verifyRollout on recorded describe-services output", () => {
  test("completed: the primary deployment runs the new task definition; smoke test runs", () => {
    const verdict = verifyRollout(fixture("completed"), NEW);
    expect(verdict).toMatchObject({ ok: true, smokeTest: true });
    expect(verdict.summary).toBe("news-prod-api:42 rolled out to news-prod-api: 2 of 2 tasks running.");
  });

  test("failed: the circuit breaker stopped the new deployment", () => {
    const verdict = verifyRollout(fixture("failed-circuit-breaker"), NEW);
    expect(verdict).toMatchObject({ ok: false, smokeTest: false });
    expect(verdict.summary).toBe(
      "The rollout of news-prod-api:42 is FAILED: ECS deployment circuit breaker: tasks failed to start. (0 of 2 tasks running, 6 failed).",
    );
  });

  test("rolled back: the service is stable, but on the previous task definition", () => {
    const verdict = verifyRollout(fixture("rolled-back"), NEW);
    expect(verdict.ok).toBe(false);
    expect(verdict.summary).toBe(
      "Rolled back: news-prod-api runs news-prod-api:41, not news-prod-api:42 that this deploy " +
        "registered. The new deployment is FAILED: ECS deployment circuit breaker: tasks failed to start.",
    );
    // Oldest first, ending with the steady state on the old revision.
    expect(verdict.recentEvents[0]).toContain("is unhealthy in (target-group");
    expect(verdict.recentEvents.at(-1)).toContain("has reached a steady state.");
    expect(verdict.recentEvents.some((e) => e.includes("rolling back to deployment"))).toBe(true);
  });

  test("still in progress is not done", () => {
    const verdict = verifyRollout(fixture("in-progress"), NEW);
    expect(verdict.ok).toBe(false);
    expect(verdict.summary).toBe(
      "The rollout of news-prod-api:42 is IN_PROGRESS: ECS deployment ecs-svc/7784420935126647303 in " +
        "progress. (1 of 2 tasks running, 0 failed).",
    );
  });

  test("scaled to zero by a schedule: the rollout counts, the smoke test is skipped with a note", () => {
    const verdict = verifyRollout(fixture("scaled-to-zero"), registered("dev", 42));
    expect(verdict).toMatchObject({ ok: true, smokeTest: false });
    expect(verdict.summary).toContain("scaled to 0 tasks");
    expect(verdict.summary).toContain("Smoke test skipped");
  });

  test("a task definition of another revision is not accepted for the one registered", () => {
    expect(verifyRollout(fixture("completed"), registered("prod", 43)).ok).toBe(false);
  });

  test("a missing service fails with ECS's reason", () => {
    expect(verifyRollout(fixture("missing"), NEW)).toMatchObject({
      ok: false,
      summary: "The service was not found (arn:aws:ecs:us-east-1:123456789012:service/news-prod-cluster/news-prod-api: MISSING).",
    });
  });
});

/**
 * ECS-native blue/green, canary and linear (staging and prod): shapes from the ECS API reference —
 * DescribeServices with deploymentConfiguration.strategy and no rolloutState (documented for rolling
 * updates only), and ListServiceDeployments briefs (status, statusReason, createdAt; listed in no order).
 */
describe("verifyRollout of a traffic-shifting (blue/green, canary) deployment", () => {
  const deployments = (name: string) =>
    JSON.parse(readFileSync(join(__dirname, "fixtures", "list-service-deployments", `${name}.json`), "utf8"));
  const asCanary = (output: any) => ({
    services: [{ ...output.services[0], deploymentConfiguration: { ...output.services[0].deploymentConfiguration, strategy: "CANARY" } }],
  });

  test("finished: the newest service deployment is SUCCESSFUL; no rolloutState is needed", () => {
    const verdict = verifyRollout(fixture("blue-green-completed"), NEW, deployments("successful"));
    expect(verdict).toMatchObject({
      ok: true,
      smokeTest: true,
      summary: "news-prod-api:42 rolled out to news-prod-api: 2 of 2 tasks running.",
    });
  });

  test("baking: the new revision is already PRIMARY, but the deployment is IN_PROGRESS and can still roll back", () => {
    const verdict = verifyRollout(fixture("blue-green-baking"), NEW, deployments("baking"));
    expect(verdict).toMatchObject({ ok: false, smokeTest: false });
    expect(verdict.summary).toBe(
      "The BLUE_GREEN rollout of news-prod-api:42 is IN_PROGRESS (traffic shift or bake time not finished; ECS can still roll it back).",
    );
  });

  test("an alarm rollback while the new revision is still PRIMARY fails with ECS's reason", () => {
    const verdict = verifyRollout(asCanary(fixture("blue-green-baking")), NEW, deployments("alarm-rollback"));
    expect(verdict.ok).toBe(false);
    expect(verdict.summary).toBe(
      "Rolled back: the CANARY deployment of news-prod-api:42 is ROLLBACK_IN_PROGRESS: Service " +
        "deployment rolled back because of alarm news-prod-target-5xx in ALARM state.",
    );
  });

  test("the newest deployment is found by createdAt, wherever the API lists it", () => {
    const reversed = { serviceDeployments: [...deployments("successful").serviceDeployments].reverse() };
    expect(verifyRollout(fixture("blue-green-completed"), NEW, reversed).ok).toBe(true);
    const baking = { serviceDeployments: [...deployments("baking").serviceDeployments].reverse() };
    expect(verifyRollout(fixture("blue-green-completed"), NEW, baking).ok).toBe(false);
  });

  test("without the service deployments it refuses to guess", () => {
    expect(verifyRollout(fixture("blue-green-completed"), NEW).summary).toBe(
      "The BLUE_GREEN rollout of news-prod-api:42 cannot be judged: no service deployment listed " +
        "(rolloutState is only reported for rolling updates; pass list-service-deployments output).",
    );
  });

  test("a revision rolled back to the old one is still reported as rolled back", () => {
    const rolledBack = fixture("blue-green-completed");
    rolledBack.services[0].deployments[0].taskDefinition = registered("prod", 41);
    expect(verifyRollout(rolledBack, NEW, deployments("successful")).summary).toMatch(
      /^Rolled back: news-prod-api runs news-prod-api:41, not news-prod-api:42/,
    );
  });
});

describe("the command the deploy workflow runs", () => {
  const dir = mkdtempSync(join(tmpdir(), "verify-rollout-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (name: string, expected: string, deployments?: string) => {
    const [summary, output] = [join(dir, `${name}.summary`), join(dir, `${name}.output`)];
    writeFileSync(summary, "");
    writeFileSync(output, "");
    let status = 0;
    let stderr = "";
    try {
      execFileSync(
        process.execPath,
        typescriptChildArgs(join(__dirname, "verify-rollout.ts"), [
          join(__dirname, "fixtures", "describe-services", `${name}.json`),
          expected,
          ...(deployments ? [join(__dirname, "fixtures", "list-service-deployments", `${deployments}.json`)] : []),
        ]),
        {
          env: { ...process.env, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
          stdio: "pipe",
        },
      );
    } catch (error: any) {
      status = error.status;
      stderr = String(error.stderr);
    }
    return { status, stderr, summary: readFileSync(summary, "utf8"), output: readFileSync(output, "utf8") };
  };

  test("a rollback exits 1, prints the recent events and tells the next step not to smoke-test", () => {
    const result = run("rolled-back", NEW);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("rolling back to deployment ecs-svc/5169280574093855189");
    expect(result.summary).toContain("❌ Rolled back");
    expect(result.output).toBe("smoke_test=false\n");
  });

  test("a completed rollout exits 0 and asks for the smoke test", () => {
    const result = run("completed", NEW);
    expect(result).toMatchObject({ status: 0, output: "smoke_test=true\n" });
  });

  test("a blue/green deployment still baking exits 1; its list of service deployments is the third argument", () => {
    expect(run("blue-green-baking", NEW, "baking")).toMatchObject({ status: 1, output: "smoke_test=false\n" });
    expect(run("blue-green-completed", NEW, "successful")).toMatchObject({ status: 0, output: "smoke_test=true\n" });
  });
});
