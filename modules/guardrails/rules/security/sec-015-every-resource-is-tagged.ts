import type { Rule, RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "SEC-015",
  severity: "error",
  scope: "all",
  title: "Every resource is tagged for ownership and cost",
  rationale: "Untagged resources cannot be attributed to a team, an environment or a budget.",
  fix:
    "Create the stack's AWS providers with stacks/aws-provider.ts (default tags Project, " +
    "Environment, ManagedBy, CostCenter, Repository).",
};

export const SEC_015: Rule = {
  ...metadata,
  check: (stack) =>
    (stack.providers.aws ?? []).flatMap((provider) => {
      const tags = provider.default_tags?.[0]?.tags ?? provider.default_tags?.tags ?? {};
      const missing = ["Project", "Environment", "ManagedBy", "CostCenter", "Repository"].filter((k) => !tags[k]);
      return missing.length
        ? [
            {
              path: `${stack.stackName}/provider${provider.alias ? ` ${provider.alias}` : ""}`,
              message: `default_tags lack ${missing.join(", ")}`,
            },
          ]
        : [];
    }),
};
