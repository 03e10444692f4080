/** Command line of `npm run rehearse`: which environments, keep moto, where to write the JSON report. */
import { pullRequestNumber } from "../../environments/preview";
import { ConfigError } from "../../modules/errors";

export const ENV_CHOICES = ["dev", "all"] as const;
export type EnvChoice = (typeof ENV_CHOICES)[number];

export interface RehearsalOptions {
  /** `dev` (default): state, shared and news-dev; `all`: every environment of the synthesized app. */
  readonly env: EnvChoice;
  /** Leave moto running at the end and print its endpoint for the AWS CLI. */
  readonly keep: boolean;
  /** Write the report as JSON to this file. */
  readonly report?: string;
  /** Write a real plan of a one-attribute change (plan.txt + plan.json) into this folder. */
  readonly planFixture?: string;
  /** Also synthesize, apply, re-plan and destroy this pull request's preview, news-pr<N> (after news-dev). */
  readonly preview?: number;
}

export const USAGE =
  "usage: npm run rehearse -- [--env dev|all] [--keep] [--report <file.json>] [--plan-fixture <dir>] [--preview <PR number>]";

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): RehearsalOptions {
  let env: EnvChoice = "dev";
  let keep = false;
  let report: string | undefined;
  let planFixture: string | undefined;
  let preview: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--env": {
        const chosen = value();
        if (!(ENV_CHOICES as readonly string[]).includes(chosen)) {
          throw new UsageError(`--env ${chosen}: unknown; allowed: ${ENV_CHOICES.join(", ")}\n${USAGE}`);
        }
        env = chosen as EnvChoice;
        break;
      }
      case "--keep":
        keep = true;
        break;
      case "--report":
        report = value();
        break;
      case "--plan-fixture":
        planFixture = value();
        break;
      case "--preview":
        preview = previewNumber(value());
        break;
      default:
        throw new UsageError(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  return { env, keep, report, planFixture, preview };
}

/** The same rule synth applies to NEWSSTACK_PREVIEW, reported as a usage error of the flag. */
function previewNumber(raw: string): number {
  try {
    return pullRequestNumber(raw, "--preview");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${error.message}\n${USAGE}`);
    throw error;
  }
}
