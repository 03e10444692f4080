import { HelpRequested, UsageError } from "../cli-args";
import { parseMarkDeployedImageArgs } from "./mark-deployed-image";
import { parsePlanCommentArgs } from "./plan-comment";
import { parsePlanComparisonArgs } from "./plan-comparison";
import { parseRollbackTargetArgs } from "./rollback-target";
import { parseSavedPlanArgs } from "./saved-plan";
import { parseVerifyRolloutArgs } from "./verify-rollout";

const SHA = "3f9c2e7a1b0d4c5e6f708192a3b4c5d6e7f80912";
const ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/news-prod-api:42";

/** The usage error of `parse(argv)`: its first line (the problem) and that a usage line follows. */
function refusal(parse: (argv: readonly string[]) => unknown, argv: string[]): string {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const [problem, usage] = (error as Error).message.split("\n");
    expect(usage).toMatch(/^usage: /);
    return problem;
  }
  throw new Error(`${JSON.stringify(argv)} parsed`);
}

describe("the command lines of tools/ci, as the workflows, saved-plan.sh and the runbooks call them", () => {
  test("verify-rollout.ts <describe-services.json> <arn> [list-service-deployments.json]", () => {
    expect(parseVerifyRolloutArgs(["services.json", ARN, "deployments.json"])).toEqual({
      servicesFile: "services.json",
      expectedTaskDefinition: ARN,
      deploymentsFile: "deployments.json",
    });
    expect(parseVerifyRolloutArgs(["services.json", ARN])).toMatchObject({ deploymentsFile: undefined }); // preview.yml
    expect(refusal(parseVerifyRolloutArgs, ["services.json"])).toBe("missing <expected task definition arn>");
    expect(refusal(parseVerifyRolloutArgs, ["--strategy", "ROLLING", "services.json", ARN])).toMatch(
      /^unknown flag --strategy; allowed: --help$/,
    );
    expect(refusal(parseVerifyRolloutArgs, ["a", "b", "c", "d"])).toBe('unexpected argument "d"');
  });

  test("mark-deployed-image.ts <repository> <image tag> <environment>", () => {
    expect(parseMarkDeployedImageArgs(["news-api", SHA, "prod"])).toEqual({ repository: "news-api", sourceTag: SHA, environment: "prod" });
    expect(refusal(parseMarkDeployedImageArgs, ["news-api", SHA])).toBe("missing <environment>");
    expect(refusal(parseMarkDeployedImageArgs, ["news-api", SHA, "prod", "--dry-run"])).toMatch(/^unknown flag --dry-run;/);
  });

  test("plan-comparison.ts <staging plan.json> <prod plan.json>", () => {
    expect(parsePlanComparisonArgs(["staging/plan-actions.json", "plan-actions.json"])).toEqual({
      stagingFile: "staging/plan-actions.json",
      prodFile: "plan-actions.json",
    });
    expect(refusal(parsePlanComparisonArgs, [])).toBe("missing <staging plan.json> <prod plan.json>");
  });

  test("plan-comment.ts [dir], the current directory by default", () => {
    expect(parsePlanCommentArgs(["comment"])).toEqual({ dir: "comment" }); // pr.yml
    expect(parsePlanCommentArgs([])).toEqual({ dir: "." });
    expect(refusal(parsePlanCommentArgs, ["--out", "comment.md"])).toMatch(/^unknown flag --out;/);
  });

  test("rollback-target.ts <sha> [main ref]: an empty SHA input is left to the refusal that explains it", () => {
    expect(parseRollbackTargetArgs([SHA, "origin/main"])).toEqual({ sha: SHA, mainRef: "origin/main" });
    expect(parseRollbackTargetArgs([""])).toEqual({ sha: "", mainRef: "origin/main" });
    expect(refusal(parseRollbackTargetArgs, [])).toBe("missing <sha>");
    expect(refusal(parseRollbackTargetArgs, ["--force", SHA])).toMatch(/^unknown flag --force;/);
  });

  test("saved-plan.ts: each command with its own arguments", () => {
    expect(parseSavedPlanArgs(["seal", "."])).toEqual({ command: "seal", path: "." });
    expect(parseSavedPlanArgs(["verify", "cdktf.out/stacks/news-dev"])).toEqual({ command: "verify", path: "cdktf.out/stacks/news-dev" });
    expect(parseSavedPlanArgs(["decrypt", ".", "/tmp/x/tfplan"])).toEqual({ command: "decrypt", path: ".", out: "/tmp/x/tfplan" });
    expect(parseSavedPlanArgs(["actions", "/tmp/x/plan.json"])).toEqual({ command: "actions", path: "/tmp/x/plan.json" });
    expect(parseSavedPlanArgs(["counts", "plan-actions.json"])).toEqual({ command: "counts", path: "plan-actions.json" });
    expect(parseSavedPlanArgs(["explain", "apply.log", "the environment"])).toEqual({
      command: "explain",
      path: "apply.log",
      environment: "the environment",
    });
    expect(parseSavedPlanArgs(["explain", "apply.log"])).toEqual({ command: "explain", path: "apply.log", environment: undefined });
  });

  test("saved-plan.ts refuses an unknown command or flag, and a command without its arguments or with extra ones", () => {
    expect(refusal(parseSavedPlanArgs, ["apply", "."])).toBe(
      "command apply: unknown; allowed: seal, verify, decrypt, actions, counts, explain",
    );
    expect(refusal(parseSavedPlanArgs, ["decrypt", "."])).toBe("missing <out>");
    expect(refusal(parseSavedPlanArgs, ["seal", ".", "extra"])).toBe('unexpected argument "extra"');
    expect(refusal(parseSavedPlanArgs, ["seal"])).toBe("missing <stack dir>");
    expect(refusal(parseSavedPlanArgs, [])).toBe("missing <command>");
    expect(refusal(parseSavedPlanArgs, ["seal", "--force", "."])).toMatch(/^unknown flag --force;/);
    expect(() => parseSavedPlanArgs(["--help"])).toThrow(HelpRequested);
  });
});
