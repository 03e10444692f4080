import type { ZodIssue, ZodType } from "zod";
import { ConfigError } from "../modules/errors";
import { cidrsOverlap, parseCidr } from "../modules/network/cidr";
import { dev } from "./dev";
import { platform } from "./platform";
import { prod } from "./prod";
import { staging } from "./staging";
import {
  deployAccountId,
  EnvironmentConfig,
  environmentSchema,
  EnvironmentInput,
  PlatformConfig,
  platformSchema,
  PlatformInput,
} from "./schema";

/** An environment file and what it exports; the file name is what error messages point at. */
export interface EnvironmentSource {
  readonly file: string;
  readonly input: EnvironmentInput;
}

export const ENVIRONMENT_SOURCES: readonly EnvironmentSource[] = [
  { file: "environments/dev.ts", input: dev },
  { file: "environments/staging.ts", input: staging },
  { file: "environments/prod.ts", input: prod },
];

export const PLATFORM_SOURCE = { file: "environments/platform.ts", input: platform } as const;

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined),
    input,
  );
}

/** One line per problem: file, field path, the value found, and what is allowed. */
function formatIssue(file: string, input: unknown, issue: ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  const value = valueAt(input, issue.path);
  const shown = value === undefined ? "missing" : JSON.stringify(value);
  return `  ${file}: ${path} = ${shown}: ${issue.message}`;
}

function parseWith<T>(schema: ZodType<T, any, any>, file: string, input: unknown): { value?: T; problems: string[] } {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => formatIssue(file, input, issue)) };
}

function fail(problems: string[]): never {
  throw new ConfigError(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.join("\n")}`);
}

/** Validates one environment; throws a ConfigError listing every problem in it. */
export function validateEnvironment(source: EnvironmentSource): EnvironmentConfig {
  const { value, problems } = parseWith(environmentSchema, source.file, source.input);
  if (!value) fail(problems);
  return value;
}

export function validatePlatform(source: { file: string; input: PlatformInput } = PLATFORM_SOURCE): PlatformConfig {
  const { value, problems } = parseWith(platformSchema, source.file, source.input);
  if (!value) fail(problems);
  return value;
}

/**
 * Validates every environment, then what no single file can see: names are unique and VPC ranges
 * do not overlap (so environments can later be peered or share a transit gateway). Every problem
 * of every file is reported at once.
 */
export function loadEnvironments(sources: readonly EnvironmentSource[] = ENVIRONMENT_SOURCES): EnvironmentConfig[] {
  const problems: string[] = [];
  const valid: { file: string; config: EnvironmentConfig }[] = [];
  for (const source of sources) {
    const parsed = parseWith(environmentSchema, source.file, source.input);
    problems.push(...parsed.problems);
    if (parsed.value) valid.push({ file: source.file, config: parsed.value });
  }
  valid.forEach(({ file, config }, i) => {
    for (const earlier of valid.slice(0, i)) {
      if (earlier.config.name === config.name) {
        problems.push(`  ${file}: name = ${JSON.stringify(config.name)}: must be unique; ${earlier.file} uses it too`);
      }
      const [a, b] = [parseCidr(config.network.vpcCidr), parseCidr(earlier.config.network.vpcCidr)];
      if (a && b && cidrsOverlap(a, b)) {
        problems.push(
          `  ${file}: network.vpcCidr = "${config.network.vpcCidr}": must not overlap ${earlier.file}'s ${earlier.config.network.vpcCidr}`,
        );
      }
    }
  });
  problems.push(...retentionAlongPromotion(valid));
  if (problems.length > 0) fail(problems);
  return valid.map((v) => v.config);
}

/**
 * Sources are in promotion order (deploy.yml: dev → staging → prod). The registry evaluates the later
 * environment's keep rule first, so it must keep at least as many images as every earlier one, or an
 * image both run could expire while the earlier environment still needs it.
 */
function retentionAlongPromotion(valid: readonly { file: string; config: EnvironmentConfig }[]): string[] {
  return valid.flatMap(({ file, config }, i) =>
    valid
      .slice(0, i)
      .filter((earlier) => earlier.config.images.keepPrevious > config.images.keepPrevious)
      .map(
        (earlier) =>
          `  ${file}: images.keepPrevious = ${config.images.keepPrevious}: must be at least ` +
          `${earlier.file}'s ${earlier.config.images.keepPrevious} (environments are promoted in file ` +
          "order; a later one keeps at least as many images)",
      ),
  );
}

/**
 * What neither file sees alone: an environment deployed into another account than the platform's uses
 * the state bucket from there, which needs the state key by ARN (`state.keyArn`).
 */
export function validateAccounts(platform: PlatformConfig, environments: readonly EnvironmentConfig[]): void {
  const elsewhere = environments.filter((env) => deployAccountId(env) !== platform.accountId);
  if (elsewhere.length === 0 || platform.state.keyArn !== undefined) return;
  fail([
    `  ${PLATFORM_SOURCE.file}: state.keyArn = missing: must be ${platform.project}-state's state_key_arn output, since ${elsewhere
      .map((env) => `${env.name} is deployed into account ${deployAccountId(env)}`)
      .join(" and ")} (KMS resolves a key alias only in the caller's account)`,
  ]);
}

/** Environment variable naming the environments to synthesize ("dev" or "dev,prod"); all when unset. */
export const ENVIRONMENT_SELECTION_VARIABLE = "NEWSSTACK_ENVIRONMENTS";

/**
 * Picks the environments named in a comma-separated selection ("dev,prod"); all when it is empty.
 * An unknown name is an error listing the known ones.
 */
export function selectEnvironments(all: readonly EnvironmentConfig[], selection: string | undefined): EnvironmentConfig[] {
  const wanted = (selection ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (wanted.length === 0) return [...all];
  const known = all.map((e) => e.name);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unknown environment${unknown.length === 1 ? "" : "s"} ` +
        `${unknown.map((u) => JSON.stringify(u)).join(", ")} in ${ENVIRONMENT_SELECTION_VARIABLE}; ` +
        `known: ${known.join(", ")}`,
    );
  }
  return all.filter((e) => wanted.includes(e.name));
}
