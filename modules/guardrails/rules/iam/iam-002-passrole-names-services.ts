import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { allows, allowStatements, conditionKeyIn, POLICY_TYPES } from "./helpers";

const metadata: RuleMetadata = {
  id: "IAM-002",
  severity: "error",
  scope: "all",
  title: "iam:PassRole names the services a role may be handed to",
  rationale:
    "PassRole without iam:PassedToService lets the holder hand a role to any service (a Lambda, an EC2 instance) and run code as it.",
  fix: 'Add Condition StringEquals iam:PassedToService = the services that run the role, e.g. ["ecs-tasks.amazonaws.com"].',
};

export const IAM_002: Rule = perResource(metadata, POLICY_TYPES, (r) =>
  allowStatements(r)
    .filter((s) => allows(s, ["iam:PassRole"]).length > 0 && !conditionKeyIn(s, ["StringEquals", "StringLike"], "iam:PassedToService"))
    .map((s) => `statement ${s.Sid ?? "(no Sid)"} allows iam:PassRole to any service`),
);
