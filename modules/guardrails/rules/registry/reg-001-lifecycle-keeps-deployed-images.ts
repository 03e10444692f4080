import { DEPLOYMENT_PREFIXES_TAG } from "../../../registry/deployment-tags";
import type { LifecyclePolicyRule as LifecycleRule } from "../../../registry/lifecycle-evaluation";
import { Rule, RuleMetadata, StackView } from "../../rule";

/** Patterns of a rule's selection, prefixes written as patterns (`prod-` → `prod-*`). */
const patternsOf = (rule: LifecycleRule): string[] => [
  ...(rule.selection.tagPatternList ?? []),
  ...(rule.selection.tagPrefixList ?? []).map((p) => `${p}*`),
];

/** Keeps the newest images tagged `<prefix>*` and selects nothing else: exactly that pattern, by count. */
const protects = (rule: LifecycleRule, prefix: string): boolean =>
  rule.selection.tagStatus === "tagged" &&
  rule.selection.countType === "imageCountMoreThan" &&
  patternsOf(rule).length === 1 &&
  patternsOf(rule)[0] === `${prefix}*`;

const named = (rule: LifecycleRule) => `rule ${rule.rulePriority}${rule.description ? ` ("${rule.description}")` : ""}`;

function findings(stack: StackView) {
  return stack.ofType("aws_ecr_repository").flatMap((repository) => {
    const declared: string | undefined = repository.attrs.tags?.[DEPLOYMENT_PREFIXES_TAG];
    const prefixes = (declared ?? "").split(" ").filter((p) => p.length > 0);
    const policies = stack
      .ofType("aws_ecr_lifecycle_policy")
      .filter((p) => stack.refersTo(p.attrs.repository, repository) || p.attrs.repository === repository.attrs.name);
    return policies.flatMap((policy) => {
      // ECR applies to each image only the first rule (lowest rulePriority) whose tag selection matches it.
      const rules = ([...(JSON.parse(policy.attrs.policy).rules ?? [])] as LifecycleRule[]).sort((a, b) => a.rulePriority - b.rulePriority);
      const at = (message: string) => ({ path: policy.path, message });
      // A deployed image also carries its SHA tag, so any rule selecting tagged images can select it,
      // unless an earlier rule already claimed it: the protection rules must come before all others.
      const isProtection = (rule: LifecycleRule) => prefixes.some((prefix) => protects(rule, prefix));
      const firstExpiring = (before: number) =>
        rules.slice(0, before).find((r) => r.selection.tagStatus !== "untagged" && !isProtection(r));
      if (prefixes.length === 0) {
        const expiring = firstExpiring(rules.length);
        return expiring
          ? [
              at(
                `${named(expiring)} expires tagged images, and repository ${repository.attrs.name} declares no ` +
                  `deployment-tag prefixes (tag ${DEPLOYMENT_PREFIXES_TAG}): nothing keeps the images environments run`,
              ),
            ]
          : [];
      }
      return prefixes.flatMap((prefix) => {
        const keeper = rules.findIndex((r) => protects(r, prefix));
        const expiring = firstExpiring(keeper === -1 ? rules.length : keeper);
        if (!expiring) return [];
        const keptBy = keeper === -1 ? "no rule keeps the newest of them" : `before ${named(rules[keeper])} keeps the newest of them`;
        return [at(`${named(expiring)} can expire images tagged ${prefix}… (they carry their SHA tag too): ${keptBy}`)];
      });
    });
  });
}

const metadata: RuleMetadata = {
  id: "REG-001",
  severity: "error",
  scope: "all",
  title: "ECR lifecycle policies keep the images environments run",
  rationale:
    "ECR expires by push order within the first rule matching an image: a general or age rule ahead " +
    "of an environment's deployment tags deletes the image prod runs or rolls back to " +
    "(CannotPullContainerError at the next scale-out).",
  fix:
    "Give each deployment-tag prefix a count rule (tagged, `<env>-*`, imageCountMoreThan) with a " +
    "lower rulePriority than every rule that could match it; ImageRegistry's `deployments` does.",
};

export const REG_001: Rule = {
  ...metadata,
  check: findings,
};
