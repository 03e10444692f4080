import { readFileSync } from "node:fs";
import { join } from "node:path";
import { explainApplyFailure } from "../ci/saved-plan";
import { judgeSavedPlan, SavedPlanObservations } from "./saved-plan";

// What the workflow's apply step prints: Terraform's recorded stale-plan error, then the tool's message.
const terraformStale = readFileSync(join(__dirname, "..", "ci", "fixtures", "terraform", "apply-stale-plan.txt"), "utf8");
const staleOutput = `${terraformStale}\n::error::${explainApplyFailure(terraformStale, "dev")}\n`;

const PASSING: SavedPlanObservations = {
  planned: [
    "aws_ecs_task_definition.service_task (delete+create): container_definitions",
    "aws_ecs_service.service (update): task_definition",
  ],
  upload: {
    files: ["cdk.tf.json", "plan-actions.json", "plan.sha256", "plan.txt", "tfplan.enc", "tfplan.key"],
    plaintext: [],
    secretsKnown: 3,
    secretsInJobPlan: 1,
    leaks: [],
  },
  applied: {
    code: 0,
    output:
      "Plan artifact verified: 6 files match plan.sha256, no plaintext plan.\n...\n" +
      "Apply complete! Resources: 1 added, 1 changed, 1 destroyed.\n",
  },
  stale: { code: 1, output: staleOutput },
  versions: { before: "v1", afterApply: "v2", afterStale: "v2" },
};

describe("the saved-plan check of the rehearsal", () => {
  it("passes when A applied and changed the state, and B was refused as stale with the re-run message, state untouched", () => {
    const result = judgeSavedPlan(PASSING);
    expect(result.passed).toBe(true);
    expect(result.details).toEqual([
      "saved plan A: 2 change(s): aws_ecs_task_definition.service_task (delete+create): " +
        "container_definitions; aws_ecs_service.service (update): task_definition",
      "upload of plan job A (6 files: cdk.tf.json, plan-actions.json, plan.sha256, plan.txt, tfplan.enc, tfplan.key): " +
        "no plaintext plan",
      "secret values: 1 of 3 from Secrets Manager in the job's plan.json, none in the upload",
      "apply of saved plan A: verified and applied",
      "state version changed by apply A",
      "apply of saved plan B: refused as stale, with the re-run message",
      "state version unchanged by the refused apply",
    ]);
  });

  it("fails when the refused apply still wrote the state object", () => {
    const result = judgeSavedPlan({ ...PASSING, versions: { before: "v1", afterApply: "v2", afterStale: "v3" } });
    expect(result.passed).toBe(false);
    expect(result.details).toContain("state version CHANGED (v2 → v3) by the refused apply");
  });

  it("fails when B applied, or failed for another reason, or without the tool's re-run message", () => {
    const applied = judgeSavedPlan({ ...PASSING, stale: PASSING.applied });
    expect(applied.passed).toBe(false);
    expect(applied.details[5]).toMatch(/^apply of saved plan B: NOT refused as stale \(exit 0\)/);
    expect(judgeSavedPlan({ ...PASSING, stale: { code: 1, output: "Error: creating ECS Service: AccessDeniedException" } }).passed).toBe(
      false,
    );
    expect(judgeSavedPlan({ ...PASSING, stale: { code: 1, output: terraformStale } }).passed).toBe(false);
  });

  it("fails on an empty plan, an unverified or failed apply of A, or a state A did not change", () => {
    expect(judgeSavedPlan({ ...PASSING, planned: [] }).details[0]).toBe("saved plan A: EMPTY (nothing to apply, nothing proved)");
    expect(judgeSavedPlan({ ...PASSING, planned: [] }).passed).toBe(false);
    expect(judgeSavedPlan({ ...PASSING, applied: { code: 0, output: "Apply complete! Resources: 0 added" } }).passed).toBe(false);
    expect(judgeSavedPlan({ ...PASSING, applied: { code: 1, output: `Plan artifact verified\n${staleOutput}` } }).passed).toBe(false);
    const unchanged = judgeSavedPlan({ ...PASSING, versions: { before: "v1", afterApply: "v1", afterStale: "v1" } });
    expect(unchanged.passed).toBe(false);
    expect(unchanged.details[4]).toBe("state version NOT changed by apply A");
  });

  it("fails when the upload holds a plaintext plan or a secret value, or when no known secret was in the plan to begin with", () => {
    const plaintext = judgeSavedPlan({ ...PASSING, upload: { ...PASSING.upload, plaintext: ["tfplan"] } });
    expect(plaintext.passed).toBe(false);
    expect(plaintext.details[1]).toBe("upload of plan job A: plaintext plan NOT removed: tfplan");
    const leaked = judgeSavedPlan({ ...PASSING, upload: { ...PASSING.upload, leaks: ["news/dev/cache-auth in plan.txt"] } });
    expect(leaked.passed).toBe(false);
    expect(leaked.details[2]).toBe("secret values NOT kept out of the upload: news/dev/cache-auth in plan.txt");
    const vacuous = judgeSavedPlan({ ...PASSING, upload: { ...PASSING.upload, secretsInJobPlan: 0 } });
    expect(vacuous.passed).toBe(false);
    expect(vacuous.details[2]).toBe("secret values: NOT proved (none of 3 known to Secrets Manager is in the job's plan.json)");
  });
});
