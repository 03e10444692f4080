import fc from "fast-check";
import { validateEnvironment } from "../environments";
import {
  ACTIVE_PREVIEWS_VARIABLE,
  MAX_PULL_REQUEST,
  PREVIEW_VARIABLE,
  PREVIEWS_FILE,
  previewEnvironment,
  previewName,
  selectPreview,
  validatePreviewSettings,
} from "../environments/preview";
import { ENVIRONMENT_NAME_MAX_LENGTH } from "../environments/schema";
import { ConfigError } from "../modules/errors";
import { actionMatches } from "../modules/iam/action-pattern";
import { asList } from "../modules/iam/policy-document";
import { imageRepositoryName } from "../modules/naming";
import { realEnvironments, synthesizedApp, synthesizePreview } from "./support/synth";
import { allResources, dataSourcesOfType, resourcesOfType } from "./support/terraform-json";

/** Pull-request previews: NEWSSTACK_PREVIEW=<N> adds news-pr<N>, built from dev's shape. */
const dev = realEnvironments().find((e) => e.name === "dev")!;
const settings = validatePreviewSettings();
const today = new Date("2026-11-27T12:00:00Z");
const select = (env: Record<string, string>) => selectPreview(env, dev, today, settings);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("selecting a preview", () => {
  test("none without NEWSSTACK_PREVIEW", () => {
    expect(select({})).toBeUndefined();
  });

  test.each(["0", "-3", "1.5", "12a", " ", "007", String(MAX_PULL_REQUEST + 1)])(
    "PR number %j is refused, naming the variable and what is allowed",
    (raw) => {
      expect(errorOf(() => select({ [PREVIEW_VARIABLE]: raw }))).toMatch(
        new RegExp(`^${PREVIEW_VARIABLE} = ".*": must be a pull-request number, a whole number from 1 to ${MAX_PULL_REQUEST}$`),
      );
    },
  );

  test("a new preview beyond maxConcurrent is refused, listing the previews that exist", () => {
    const active = Array.from({ length: settings.maxConcurrent }, (_, i) => String(100 + i)).join(",");
    const message = errorOf(() => select({ [PREVIEW_VARIABLE]: "7", [ACTIVE_PREVIEWS_VARIABLE]: active }));
    expect(message).toContain(`${PREVIEW_VARIABLE} = 7: ${settings.maxConcurrent} previews exist already (pr100`);
    expect(message).toContain(`${PREVIEWS_FILE} maxConcurrent = ${settings.maxConcurrent}`);
  });

  test("updating a preview that exists is not a new one, even at the limit", () => {
    const active = Array.from({ length: settings.maxConcurrent }, (_, i) => String(100 + i));
    expect(select({ [PREVIEW_VARIABLE]: active[0], [ACTIVE_PREVIEWS_VARIABLE]: active.join(",") })?.pullRequest).toBe(100);
  });

  test("expires lifetimeDays after the deploy", () => {
    const days = settings.lifetimeDays;
    expect(select({ [PREVIEW_VARIABLE]: "42" })?.expires).toBe(new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10));
  });

  test("every PR number up to 6 digits (and beyond, to the limit) gives a valid environment whose names fit", () => {
    // naming.test.ts proves every physical name fits AWS's limits at this environment-name length.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_PULL_REQUEST }), (pr) => {
        const { environment } = previewEnvironment(dev, pr, settings, today);
        expect(environment.name.length).toBeLessThanOrEqual(ENVIRONMENT_NAME_MAX_LENGTH);
        expect(validateEnvironment({ file: PREVIEWS_FILE, input: environment }).name).toBe(previewName(pr));
      }),
      { numRuns: 200, examples: [[1], [9], [99_999], [999_999]] },
    );
  });
});

describe("the preview stack of PR 999999", () => {
  const preview = select({ [PREVIEW_VARIABLE]: "999999" })!;
  const stack = synthesizePreview(preview);
  const devStack = synthesizedApp().environments.dev;
  const names = (s: typeof stack) =>
    new Set(
      allResources(s)
        .map(([, r]) => r.values.name ?? r.values.identifier ?? r.values.bucket ?? r.values.replication_group_id)
        .filter((n) => typeof n === "string" && n.includes("news")),
    );

  test("its roles carry the previews' boundary (news-pr-boundary in news-shared), which allows everything they are granted", () => {
    const roles = resourcesOfType(stack, "aws_iam_role");
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(String(role.values.permissions_boundary)).toMatch(/:policy\/news-pr-boundary$/);
    const boundary = resourcesOfType(synthesizedApp().shared, "aws_iam_policy").find((p) => p.values.name === "news-pr-boundary")!;
    const allowed = JSON.parse(boundary.values.policy)
      .Statement.filter((s: any) => s.Effect === "Allow")
      .flatMap((s: any) => asList<string>(s.Action));
    const granted = resourcesOfType(stack, "aws_iam_role_policy").flatMap((p) =>
      JSON.parse(p.values.policy)
        .Statement.filter((s: any) => s.Effect === "Allow")
        .flatMap((s: any) => asList<string>(s.Action)),
    );
    expect(granted.filter((action: string) => !allowed.some((pattern: string) => actionMatches(pattern, action)))).toEqual([]);
  });

  test("its own state key and tags Preview=<N> and Expires=<date> on every resource", () => {
    expect(stack.terraform?.backend?.s3?.key).toBe("news-pr999999/terraform.tfstate");
    const [provider] = stack.provider!.aws as { default_tags: { tags: Record<string, string> }[] }[];
    expect(provider.default_tags[0].tags).toMatchObject({ Environment: "pr999999", Preview: "999999", Expires: preview.expires });
  });

  test("no physical name is one of dev's (inline policy names are per role and not compared)", () => {
    const devNames = names(devStack);
    const clashes = [...names(stack)].filter((n) => devNames.has(n));
    expect(clashes).toEqual([]);
  });

  test("smallest shape: one Spot task, no NAT, no WAF, no schedules, nothing protected from deletion", () => {
    const [service] = resourcesOfType(stack, "aws_ecs_service");
    expect(service.values.desired_count).toBe(1);
    expect(service.values.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 }]);
    expect(resourcesOfType(stack, "aws_appautoscaling_target")[0].values.max_capacity).toBe(1);
    for (const type of ["aws_nat_gateway", "aws_wafv2_web_acl", "aws_appautoscaling_scheduled_action", "aws_scheduler_schedule"])
      expect(resourcesOfType(stack, type)).toEqual([]);
    expect(resourcesOfType(stack, "aws_db_instance")[0].values).toMatchObject({
      deletion_protection: false,
      skip_final_snapshot: true,
      multi_az: false,
      instance_class: dev.database.instanceClass,
    });
    expect(resourcesOfType(stack, "aws_lb")[0].values.enable_deletion_protection).toBe(false);
    expect(resourcesOfType(stack, "aws_elasticache_replication_group")[0].values.num_cache_clusters).toBe(1);
    // A reopened PR creates its secrets again under the same names.
    for (const secret of resourcesOfType(stack, "aws_secretsmanager_secret")) expect(secret.values.recovery_window_in_days).toBe(0);
  });

  test("no dashboard, even built from a dev that has one: the preview CI role cannot create dashboards", () => {
    expect(resourcesOfType(stack, "aws_cloudwatch_dashboard")).toEqual([]);
    const withDashboard = { ...dev, dashboard: { enabled: true } };
    expect(previewEnvironment(withDashboard, 7, settings, today).environment.dashboard.enabled).toBe(false);
  });

  test("runs the shared registry's image, like every environment", () => {
    expect(dataSourcesOfType(stack, "aws_ecr_repository")[0].values.name).toBe(imageRepositoryName("news"));
    expect(stack.variable?.image_tag).toBeDefined();
  });
});
