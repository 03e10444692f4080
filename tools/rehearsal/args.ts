/** Command line of `npm run rehearse`: which environments, keep moto, where to write the JSON report. */
import { pullRequestNumber } from "../../environments/preview";
import { ConfigError } from "../../modules/errors";
import { commandSpec, oneOf, readCommandLine, UsageError } from "../cli-args";

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

const SPEC = commandSpec({
  usage: "npm run rehearse -- [--env dev|all] [--keep] [--report <file.json>] [--plan-fixture <dir>] [--preview <PR number>]",
  description:
    "Deploys the synthesized stacks to emulated AWS (moto), re-plans, tests the state lock and the saved plan, and " +
    "destroys them (README, Deploy rehearsal).\n" +
    "  --env dev|all           dev (default): state, shared and news-dev; all: every environment\n" +
    "  --keep                  leave moto running and print its endpoint\n" +
    "  --report <file.json>    write the report as JSON\n" +
    "  --plan-fixture <dir>    write a real plan of a one-attribute change (plan.txt, plan.json)\n" +
    "  --preview <PR number>   also rehearse that pull request's preview, news-pr<N>",
  options: {
    env: { type: "string" },
    keep: { type: "boolean" },
    report: { type: "string" },
    "plan-fixture": { type: "string" },
    preview: { type: "string" },
  },
});

/** The command line of `npm run rehearse` (tools/cli-args.ts: UsageError, HelpRequested). */
export function parseRehearsalArgs(argv: readonly string[]): RehearsalOptions {
  const { flags } = readCommandLine(argv, SPEC);
  return {
    env: oneOf("--env", flags.env ?? "dev", ENV_CHOICES, SPEC.usage),
    keep: flags.keep ?? false,
    report: flags.report,
    planFixture: flags["plan-fixture"],
    preview: flags.preview === undefined ? undefined : previewNumber(flags.preview),
  };
}

/** The same rule synth applies to NEWSSTACK_PREVIEW, reported as a usage error of the flag. */
function previewNumber(raw: string): number {
  try {
    return pullRequestNumber(raw, "--preview");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, SPEC.usage);
    throw error;
  }
}
