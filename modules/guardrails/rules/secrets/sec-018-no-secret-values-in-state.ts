import { perResource, type Rule, type RuleMetadata } from "../../rule";

/** Resource types whose only job is to hold a generated secret in Terraform state. */
const STATEFUL_GENERATORS = ["random_password", "random_string", "aws_secretsmanager_random_password"];

const metadata: RuleMetadata = {
  id: "SEC-018",
  severity: "error",
  scope: "all",
  title: "Secret values never reach Terraform state",
  rationale: "Everyone who can read state (the PR plan role, every deploy role) could read the value; state outlives rotations.",
  fix:
    "Generate values with modules/secrets/generated-secret.ts (ephemeral generator, write-only " +
    "secret_string_wo); where an argument has no write-only form, read the secret back and say why.",
};

export const SEC_018: Rule = perResource(metadata, ["aws_secretsmanager_secret_version", ...STATEFUL_GENERATORS], (r) => {
  if (r.type !== "aws_secretsmanager_secret_version")
    return `${r.type} keeps its result in state; use the ephemeral aws_secretsmanager_random_password`;
  const inState = ["secret_string", "secret_binary"].filter((a) => r.attrs[a] !== undefined);
  return inState.length > 0
    ? `${inState.join(", ")} is stored in state; write the value with secret_string_wo and secret_string_wo_version`
    : undefined;
});
