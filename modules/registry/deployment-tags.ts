/**
 * Deployment tags: at deploy time the pipeline adds `<env>-<UTC time>-<git sha>` to the image it
 * deploys (tools/ci/mark-deployed-image.ts). The registry's lifecycle policy keeps the newest images
 * carrying each environment's prefix, so an image an environment runs or can roll back to never expires.
 * Git SHA tags are 40 hex characters with no hyphen, so they never carry a deployment prefix.
 */

/** The prefix every deployment tag of `environment` starts with. */
export const deploymentTagPrefix = (environment: string): string => `${environment}-`;

/** ECR tag pattern (`*` wildcard) matching exactly the deployment tags of `environment`. */
export const deploymentTagPattern = (environment: string): string => `${deploymentTagPrefix(environment)}*`;

/** The deployment tag for `sha` deployed to `environment` at `at`, e.g. `prod-20261127T231500Z-<sha>`. */
export function deploymentTag(environment: string, sha: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  const tag = `${deploymentTagPrefix(environment)}${stamp}-${sha}`;
  // ECR's tag grammar: up to 128 of [A-Za-z0-9_.-], starting with a letter, digit or underscore.
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
    throw new Error(`"${tag}" is not a valid image tag (environment "${environment}", sha "${sha}")`);
  return tag;
}

/**
 * Name of the repository tag listing the deployment-tag prefixes the lifecycle policy must protect
 * (space-separated, e.g. "prod- staging- dev-"): guardrail REG-001 reads it from the synthesized repository.
 */
export const DEPLOYMENT_PREFIXES_TAG = "DeploymentTagPrefixes";
