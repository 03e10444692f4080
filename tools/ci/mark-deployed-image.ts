/**
 * Marks the image a deploy is about to run with the environment's deployment tag
 * (`<env>-<UTC time>-<sha>`, modules/registry/deployment-tags.ts), so the registry's lifecycle policy
 * keeps it while the environment runs it or can roll back to it. The repository's tags are immutable:
 * a new unique tag is added to the existing manifest (BatchGetImage + PutImage), nothing is pushed.
 *   ts-node tools/ci/mark-deployed-image.ts <repository> <image tag (git sha)> <environment>
 * Fails before the deploy when the image does not exist (e.g. a SHA that was never built on main);
 * warns when the repository's lifecycle policy would still expire the image (a rollback too far back).
 */
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { commandLine, commandSpec, readCommandLine } from "../cli-args";
import { deploymentTag } from "../../modules/registry/deployment-tags";
import { expiredImages, LifecyclePolicyRule } from "../../modules/registry/lifecycle-evaluation";

/** Single-platform manifests, as the pipeline pushes them (build-push-action with provenance off). */
export const MANIFEST_MEDIA_TYPES = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

/** The fields of `aws ecr batch-get-image` output this script reads. */
export interface BatchGetImageOutput {
  readonly images?: readonly {
    readonly imageManifest: string;
    readonly imageManifestMediaType?: string;
    readonly imageId: { readonly imageDigest: string };
  }[];
  readonly failures?: readonly { readonly failureCode?: string; readonly failureReason?: string }[];
}

/** The fields of `aws ecr describe-images` output this script reads (timestamps ISO, or epoch seconds). */
export interface DescribeImagesOutput {
  readonly imageDetails: readonly {
    readonly imageDigest: string;
    readonly imageTags?: readonly string[];
    readonly imagePushedAt: string | number;
  }[];
}

/**
 * Would the next lifecycle evaluation expire `digest`? True after a rollback to an image older than
 * the newest images the policy keeps for that environment (it counts by push time, not by tag time).
 */
export function expiresAtNextEvaluation(
  rules: readonly LifecyclePolicyRule[],
  found: DescribeImagesOutput,
  digest: string,
  now: Date,
): boolean {
  const images = found.imageDetails.map((d) => ({
    digest: d.imageDigest,
    pushedAt: typeof d.imagePushedAt === "number" ? d.imagePushedAt * 1000 : Date.parse(d.imagePushedAt),
    tags: d.imageTags ?? [],
  }));
  return expiredImages(rules, images, now.getTime()).has(digest);
}

/** `aws ecr put-image` arguments adding `newTag` to the image BatchGetImage returned, or why it cannot. */
export function putImageArgs(
  repository: string,
  sourceTag: string,
  found: BatchGetImageOutput,
  newTag: string,
): { args: string[]; digest: string } {
  const image = found.images?.[0];
  if (!image) {
    const why =
      (found.failures ?? []).map((f) => `${f.failureCode ?? "failure"}: ${f.failureReason ?? "unknown"}`).join("; ") || "no image returned";
    throw new Error(`${repository}:${sourceTag} cannot be marked as deployed (${why}). Only commits built on main have images.`);
  }
  const args = [
    "ecr",
    "put-image",
    "--repository-name",
    repository,
    "--image-tag",
    newTag,
    "--image-manifest",
    image.imageManifest,
    "--image-digest",
    image.imageId.imageDigest,
  ];
  if (image.imageManifestMediaType) args.push("--image-manifest-media-type", image.imageManifestMediaType);
  return { args, digest: image.imageId.imageDigest };
}

type Aws = (args: string[]) => string;

/** Advisory, after tagging: a warning when the live policy would still expire the image (or cannot be read). */
function lifecycleWarning(aws: Aws, repository: string, sourceTag: string, environment: string, digest: string): string | undefined {
  try {
    const rules: LifecyclePolicyRule[] = JSON.parse(
      JSON.parse(aws(["ecr", "get-lifecycle-policy", "--repository-name", repository])).lifecyclePolicyText,
    ).rules;
    const images: DescribeImagesOutput = JSON.parse(aws(["ecr", "describe-images", "--repository-name", repository]));
    if (!expiresAtNextEvaluation(rules, images, digest, new Date())) return undefined;
    return (
      `${sourceTag} is older than the images the lifecycle policy keeps for ${environment}: it expires ` +
      "at the next evaluation (within a day). Deploy a newer image soon " +
      "(docs/runbooks/deploy-rollback.md)."
    );
  } catch (error) {
    return `could not check that the lifecycle policy keeps ${sourceTag}: ${(error as Error).message}`;
  }
}

const SPEC = commandSpec({
  usage: "ts-node tools/ci/mark-deployed-image.ts <repository> <image tag (git sha)> <environment>",
  description:
    "Adds the environment's deployment tag to the image's manifest (nothing is pushed), so the lifecycle policy keeps it; " +
    "exits 1 when the image does not exist. ECR_REGISTRY_ID names the registry's account when the role is elsewhere.",
  positionals: ["<repository>", "<image tag (git sha)>", "<environment>"],
});

export interface MarkDeployedImageArgs {
  readonly repository: string;
  /** The image's tag as the main pipeline pushed it: the commit SHA. */
  readonly sourceTag: string;
  readonly environment: string;
}

export function parseMarkDeployedImageArgs(argv: readonly string[]): MarkDeployedImageArgs {
  const [repository, sourceTag, environment] = readCommandLine(argv, SPEC).positionals;
  return { repository, sourceTag, environment };
}

if (require.main === module) {
  const { repository, sourceTag, environment } = commandLine(parseMarkDeployedImageArgs);
  // Set when the deploy role is in another account than the registry (an environment in its own account).
  const registry = process.env.ECR_REGISTRY_ID ? ["--registry-id", process.env.ECR_REGISTRY_ID] : [];
  const aws: Aws = (args) =>
    execFileSync("aws", [...args, ...registry, "--output", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const found: BatchGetImageOutput = JSON.parse(
    aws([
      "ecr",
      "batch-get-image",
      "--repository-name",
      repository,
      "--image-ids",
      `imageTag=${sourceTag}`,
      "--accepted-media-types",
      ...MANIFEST_MEDIA_TYPES,
    ]),
  );
  const tag = deploymentTag(environment, sourceTag, new Date());
  let marked: { args: string[]; digest: string };
  try {
    marked = putImageArgs(repository, sourceTag, found, tag);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  aws(marked.args);
  const warning = lifecycleWarning(aws, repository, sourceTag, environment, marked.digest);
  if (warning) console.log(`::warning::${warning}`);
  const note =
    `Marked ${repository}@${marked.digest} (${sourceTag}) as deployed to ${environment}: tag ` +
    `${tag}${warning ? `\n\n⚠️ ${warning}` : ""}`;
  console.log(note);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Image\n\n${note}\n\n`);
}
