/**
 * Which images an ECR lifecycle policy expires, evaluated the way ECR documents it
 * (Amazon ECR User Guide, "Lifecycle policies": evaluation rules):
 * - rules apply in rulePriority order; an image matching the tag selection of a higher-priority rule
 *   cannot be expired by a lower-priority one, but lower rules still count it;
 * - imageCountMoreThan sorts the matching images by push time, newest first, and expires the rest;
 *   sinceImagePushed expires matching images pushed longer ago than the count;
 * - a tagged selection matches an image when every pattern matches one of its tags (`*` wildcard).
 * Used by tests to prove the registry's policy keeps what environments run, in whole scenarios.
 */

export interface RegistryImage {
  readonly digest: string;
  /** Push time (ms since epoch); retagging an image does not change it. */
  readonly pushedAt: number;
  readonly tags: readonly string[];
}

export interface LifecyclePolicyRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: {
    readonly tagStatus: "tagged" | "untagged" | "any";
    readonly tagPatternList?: readonly string[];
    readonly tagPrefixList?: readonly string[];
    readonly countType: "imageCountMoreThan" | "sinceImagePushed";
    readonly countNumber: number;
  };
}

const DAY_MS = 86_400_000;

const globMatches = (pattern: string, tag: string): boolean =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  ).test(tag);

export function selects(rule: LifecyclePolicyRule, image: RegistryImage): boolean {
  const { tagStatus, tagPatternList = [], tagPrefixList = [] } = rule.selection;
  if (tagStatus === "any") return true;
  if (tagStatus === "untagged") return image.tags.length === 0;
  return (
    image.tags.length > 0 &&
    tagPatternList.every((pattern) => image.tags.some((tag) => globMatches(pattern, tag))) &&
    tagPrefixList.every((prefix) => image.tags.some((tag) => tag.startsWith(prefix)))
  );
}

/** Digests of the images one evaluation of `rules` expires at time `now`. */
export function expiredImages(rules: readonly LifecyclePolicyRule[], images: readonly RegistryImage[], now: number): Set<string> {
  const ordered = [...rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const expired = new Set<string>();
  ordered.forEach((rule, i) => {
    const matching = images.filter((image) => selects(rule, image)).sort((a, b) => b.pushedAt - a.pushedAt);
    const identified =
      rule.selection.countType === "imageCountMoreThan"
        ? matching.slice(rule.selection.countNumber)
        : matching.filter((image) => now - image.pushedAt > rule.selection.countNumber * DAY_MS);
    for (const image of identified) {
      if (!ordered.slice(0, i).some((earlier) => selects(earlier, image))) expired.add(image.digest);
    }
  });
  return expired;
}
