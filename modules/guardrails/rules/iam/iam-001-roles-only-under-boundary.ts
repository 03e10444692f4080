import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { allows, allowStatements, BOUNDARY_ESCAPES, BOUNDED_ACTIONS, conditionKeyIn, POLICY_TYPES } from "./helpers";

const metadata: RuleMetadata = {
  id: "IAM-001",
  severity: "error",
  scope: "all",
  title: "Roles and policies are created or changed only under a permissions boundary",
  rationale:
    "A principal that may create a role or write its policy without a boundary can give that role AdministratorAccess and assume it.",
  fix:
    "Condition the statement on StringEquals iam:PermissionsBoundary = the environment's boundary " +
    "(modules/ci/deploy-grants.ts); never grant DeleteRolePermissionsBoundary, CreatePolicyVersion " +
    "or SetDefaultPolicyVersion.",
};

export const IAM_001: Rule = perResource(metadata, POLICY_TYPES, (r) =>
  allowStatements(r).flatMap((s) => [
    ...(conditionKeyIn(s, ["StringEquals", "ArnEquals"], "iam:PermissionsBoundary")
      ? []
      : allows(s, BOUNDED_ACTIONS).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a} without an iam:PermissionsBoundary condition`)),
    ...allows(s, BOUNDARY_ESCAPES).map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a}, which removes or rewrites a boundary`),
  ]),
);
