import { PREVIEW_ENVIRONMENT_PREFIX } from "../modules/ci/preview-deploy-role";
import { ConfigError } from "../modules/errors";
import { ENVIRONMENT_NAME_MAX_LENGTH, EnvironmentConfig, PreviewSettings, previewSettingsSchema } from "./schema";
import { validateEnvironment } from "./index";
import { previews } from "./previews";

/** Environment variable holding the pull-request number to synthesize a preview for. */
export const PREVIEW_VARIABLE = "NEWSSTACK_PREVIEW";
/** Comma-separated PR numbers whose previews exist now (the workflow lists them from the state bucket). */
export const ACTIVE_PREVIEWS_VARIABLE = "NEWSSTACK_ACTIVE_PREVIEWS";
export const PREVIEWS_FILE = "environments/previews.ts";

/** A preview to synthesize: its PR, the environment built for it and its expiry date (YYYY-MM-DD). */
export interface Preview {
  readonly pullRequest: number;
  readonly environment: EnvironmentConfig;
  readonly expires: string;
}

/** Environment name of a PR's preview: `pr<N>`. */
export const previewName = (pullRequest: number): string => `${PREVIEW_ENVIRONMENT_PREFIX}${pullRequest}`;

/** Largest PR number whose name `pr<N>` fits the environment-name limit every physical name is tested at. */
export const MAX_PULL_REQUEST = 10 ** (ENVIRONMENT_NAME_MAX_LENGTH - 2) - 1;

/** `raw` as a PR number (a whole number from 1 to MAX_PULL_REQUEST), else a ConfigError naming `variable`. */
export function pullRequestNumber(raw: string, variable: string): number {
  const trimmed = raw.trim();
  if (!/^[1-9]\d*$/.test(trimmed) || Number(trimmed) > MAX_PULL_REQUEST) {
    throw new ConfigError(
      `${variable} = ${JSON.stringify(raw)}: must be a pull-request number, a whole number from 1 to ${MAX_PULL_REQUEST}`,
    );
  }
  return Number(trimmed);
}

export function validatePreviewSettings(input: unknown = previews): PreviewSettings {
  const result = previewSettingsSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      `Invalid configuration:\n${result.error.issues.map((i) => `  ${PREVIEWS_FILE}: ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  return result.data;
}

/**
 * The preview of a pull request, from dev's validated shape: one Spot task and no schedules, nothing
 * protected from deletion, no WAF, no NAT, no domain, no dashboard, secrets deleted at once (a reopened PR reuses the
 * names), tagged to expire `lifetimeDays` after `today`.
 */
export function previewEnvironment(dev: EnvironmentConfig, pullRequest: number, settings: PreviewSettings, today: Date): Preview {
  const expires = new Date(today.getTime() + settings.lifetimeDays * 86_400_000).toISOString().slice(0, 10);
  const environment: EnvironmentConfig = {
    ...dev,
    name: previewName(pullRequest),
    tier: "development",
    costCenter: `${dev.costCenter}-previews`,
    logRetentionDays: 3,
    network: { ...dev.network, vpcCidr: settings.vpcCidr, natStrategy: "none" },
    service: {
      ...dev.service,
      minTasks: 1,
      maxTasks: 1,
      capacity: { spot: { base: 0, weight: 1 } },
      autoscaling: { ...dev.service.autoscaling, schedules: [] },
    },
    loadBalancer: { ...dev.loadBalancer, domain: undefined, deletionProtection: false, accessLogRetentionDays: 1 },
    database: {
      ...dev.database,
      multiAz: false,
      backupRetentionDays: 1,
      deletionProtection: false,
      stopSchedule: undefined,
      maxAllocatedStorageGb: dev.database.allocatedStorageGb,
    },
    cache: { ...dev.cache, replicas: 0, snapshotRetentionDays: 0 },
    waf: { ...dev.waf, enabled: false },
    // Reviewers read a preview through its URL, logs and alarms; the preview CI role cannot create dashboards.
    dashboard: { enabled: false },
  };
  return { pullRequest, environment, expires };
}

/**
 * The preview `env` asks for (NEWSSTACK_PREVIEW), or none. Refused with one clear message, before
 * anything is written: a PR number that is not a positive whole number, or a new preview when
 * NEWSSTACK_ACTIVE_PREVIEWS already lists `maxConcurrent` others.
 */
export function selectPreview(
  env: Readonly<Record<string, string | undefined>>,
  dev: EnvironmentConfig | undefined,
  today: Date,
  settings: PreviewSettings = validatePreviewSettings(),
): Preview | undefined {
  const raw = env[PREVIEW_VARIABLE];
  if (raw === undefined || raw === "") return undefined;
  const pullRequest = pullRequestNumber(raw, PREVIEW_VARIABLE);
  if (!dev) throw new ConfigError(`${PREVIEW_VARIABLE}: previews are built from the dev environment, and there is none`);
  const active = (env[ACTIVE_PREVIEWS_VARIABLE] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => pullRequestNumber(s, ACTIVE_PREVIEWS_VARIABLE));
  const others = [...new Set(active)].filter((n) => n !== pullRequest);
  if (others.length >= settings.maxConcurrent) {
    throw new ConfigError(
      `${PREVIEW_VARIABLE} = ${pullRequest}: ${others.length} previews exist already ` +
        `(${others.map(previewName).join(", ")}), the most ${PREVIEWS_FILE} maxConcurrent = ` +
        `${settings.maxConcurrent} allows; close one or raise maxConcurrent`,
    );
  }
  const preview = previewEnvironment(dev, pullRequest, settings, today);
  // Checked like an environment file: the derived shape must still satisfy every rule.
  return { ...preview, environment: validateEnvironment({ file: PREVIEWS_FILE, input: preview.environment }) };
}
