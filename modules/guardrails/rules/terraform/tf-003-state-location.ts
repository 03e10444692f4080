import { isInsideSynthOutput, resolveFromStackDirectory } from "../../../terraform-layout";
import type { Rule, RuleMetadata } from "../../rule";

/** Terraform's local backend default when no path is set: `terraform.tfstate` in the working directory. */
const LOCAL_DEFAULT_PATH = "terraform.tfstate";

const metadata: RuleMetadata = {
  id: "TF-003",
  severity: "error",
  scope: "all",
  title: "Local state lives outside cdktf.out",
  rationale:
    "A local backend path resolves from cdktf.out/stacks/<stack>/, which a clean synth or a fresh " +
    "checkout does not have: the state is lost, --migrate-state has nothing to copy, and the next " +
    "apply fails on resources that exist.",
  fix:
    "Give the path from the stack's directory to the repository root (fromStackDirectory() in " +
    "modules/terraform-layout.ts, e.g. ../../../terraform.<stack>.tfstate), or use the S3 backend.",
};

export const TF_003: Rule = {
  ...metadata,
  check: (stack) => {
    const local = stack.backend?.local;
    if (!local) return [];
    const path = typeof local.path === "string" ? local.path : LOCAL_DEFAULT_PATH;
    const resolved = resolveFromStackDirectory(stack.stackName, path);
    return isInsideSynthOutput(resolved)
      ? [{ path: stack.stackName, message: `local backend path ${JSON.stringify(path)} resolves to ${resolved}, inside the synth output` }]
      : [];
  },
};
