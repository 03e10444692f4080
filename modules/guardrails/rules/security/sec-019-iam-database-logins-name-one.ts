import { asList as list, policyStatements as statements } from "../../../iam/policy-document";
import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { IAM_POLICY_TYPES, isBoundary, NAMED_DATABASE_USER, ONE_DATABASE_USER } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-019",
  severity: "error",
  scope: "all",
  title: "IAM database logins name one user on one instance",
  rationale:
    "rds-db:connect on `dbuser:*/*` (or `<instance>/*`) lets the role log in as any IAM-enabled " +
    "user, the admin's break-glass roles included.",
  fix: "Grant `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>` (Database.appConnectArn).",
};

export const SEC_019: Rule = perResource(metadata, IAM_POLICY_TYPES, (r) =>
  statements(r.attrs.policy)
    .filter((s) => s.Effect === "Allow" && list(s.Action).some((a) => a.toLowerCase() === "rds-db:connect"))
    .flatMap((s) =>
      list(s.Resource)
        .filter((arn) => !(isBoundary(r) ? NAMED_DATABASE_USER : ONE_DATABASE_USER).test(arn))
        .map((arn) => `statement ${s.Sid ?? "(no Sid)"} allows rds-db:connect on ${arn}`),
    ),
);
