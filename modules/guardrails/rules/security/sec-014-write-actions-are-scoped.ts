import { asList as list, policyStatements as statements } from "../../../iam/policy-document";
import { WILDCARD_RESOURCE_ACTIONS } from "../../../iam/wildcard-allowlist";
import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { IAM_POLICY_TYPES, READ_ONLY } from "./helpers";

const metadata: RuleMetadata = {
  id: "SEC-014",
  severity: "error",
  scope: "all",
  title: "Write actions are scoped to resources",
  rationale: 'A write action on Resource "*" reaches every resource of its kind in the account.',
  fix:
    "Scope the statement to ARNs, or add the action to WILDCARD_RESOURCE_ACTIONS " +
    "(modules/iam/wildcard-allowlist.ts) with the reason AWS offers no resource-level permission.",
};

export const SEC_014: Rule = perResource(metadata, IAM_POLICY_TYPES, (r) =>
  statements(r.attrs.policy)
    .filter((s) => s.Effect === "Allow" && list(s.Resource).includes("*"))
    .flatMap((s) =>
      list(s.Action)
        .filter((a) => !READ_ONLY.test(a) && !(a in WILDCARD_RESOURCE_ACTIONS))
        .map((a) => `statement ${s.Sid ?? "(no Sid)"} allows ${a} on "*"`),
    ),
);
