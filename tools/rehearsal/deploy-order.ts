/**
 * The order a team deploys the environment stacks in (README "Deploys": dev → staging → prod), which
 * is the file order of environments/ — the order loadEnvironments() returns them in and the
 * images.keepPrevious check relies on. Stacks no environment file names come last, by name.
 */
import { loadEnvironments, validatePlatform } from "../../environments";
import { environmentStackId } from "../../stacks";

/** Stack ids of the environments in promotion order (news-dev, news-staging, news-prod). */
export function promotionOrder(): string[] {
  const platform = validatePlatform();
  return loadEnvironments().map((environment) => environmentStackId(platform, environment.name));
}

/** `stacks` (environment stack ids) sorted by their place in `promotion`; unknown ones last, by name. */
export function deployOrder(stacks: readonly string[], promotion: readonly string[]): string[] {
  const place = (stack: string): number => (promotion.includes(stack) ? promotion.indexOf(stack) : promotion.length);
  return [...stacks].sort((a, b) => place(a) - place(b) || a.localeCompare(b));
}
