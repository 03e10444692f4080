import { NAME_LIMITS } from "../../../aws-limits";
import type { Rule, RuleMetadata } from "../../rule";
import { nameRule } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-016",
  severity: "error",
  scope: "all",
  title: `Secret names: ${NAME_LIMITS.secret} characters of [A-Za-z0-9/_+=.@-]`,
  rationale: "Secrets Manager rejects other names.",
  fix: "Name secrets <project>/<env>/<what>.",
};

export const AWS_016: Rule = nameRule(
  metadata,
  ["aws_secretsmanager_secret"],
  "name",
  NAME_LIMITS.secret,
  /^[A-Za-z0-9/_+=.@-]+$/,
  "letters, digits and /_+=.@-",
);
