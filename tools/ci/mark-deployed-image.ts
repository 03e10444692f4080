/**
 * Marks the image a deploy is about to run with the environment's deployment tag
 * (`<env>-<UTC time>-<sha>`, modules/registry/deployment-tags.ts), so the registry's lifecycle policy
 * keeps it while the environment runs it or can roll back to it. The repository's tags are immutable:
 * a new unique tag is added to the existing manifest (BatchGetImage + PutImage), nothing is pushed.
 *   ts-node tools/ci/mark-deployed-image.ts <repository> <image tag (git sha)> <environment>
 * Fails before the deploy when the image does not exist (e.g. a SHA that was never built on main).
 */
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { deploymentTag } from "../../modules/registry/deployment-tags";

/** Single-platform manifests, as the pipeline pushes them (build-push-action with provenance off). */
export const MANIFEST_MEDIA_TYPES = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

/** The fields of `aws ecr batch-get-image` output this script reads. */
export interface BatchGetImageOutput {
  readonly images?: readonly { readonly imageManifest: string; readonly imageManifestMediaType?: string; readonly imageId: { readonly imageDigest: string } }[];
  readonly failures?: readonly { readonly failureCode?: string; readonly failureReason?: string }[];
}

/** `aws ecr put-image` arguments adding `newTag` to the image BatchGetImage returned, or why it cannot. */
export function putImageArgs(repository: string, sourceTag: string, found: BatchGetImageOutput, newTag: string): { args: string[]; digest: string } {
  const image = found.images?.[0];
  if (!image) {
    const why = (found.failures ?? []).map((f) => `${f.failureCode ?? "failure"}: ${f.failureReason ?? "unknown"}`).join("; ") || "no image returned";
    throw new Error(`${repository}:${sourceTag} cannot be marked as deployed (${why}). Only commits built on main have images.`);
  }
  const args = ["ecr", "put-image", "--repository-name", repository, "--image-tag", newTag, "--image-manifest", image.imageManifest, "--image-digest", image.imageId.imageDigest];
  if (image.imageManifestMediaType) args.push("--image-manifest-media-type", image.imageManifestMediaType);
  return { args, digest: image.imageId.imageDigest };
}

if (require.main === module) {
  const [repository, sourceTag, environment] = process.argv.slice(2);
  if (!repository || !sourceTag || !environment) {
    console.error("usage: mark-deployed-image.ts <repository> <image tag> <environment>");
    process.exit(2);
  }
  const aws = (args: string[]) => execFileSync("aws", [...args, "--output", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const found: BatchGetImageOutput = JSON.parse(
    aws(["ecr", "batch-get-image", "--repository-name", repository, "--image-ids", `imageTag=${sourceTag}`, "--accepted-media-types", ...MANIFEST_MEDIA_TYPES]),
  );
  const tag = deploymentTag(environment, sourceTag, new Date());
  try {
    const { args, digest } = putImageArgs(repository, sourceTag, found, tag);
    aws(args);
    const note = `Marked ${repository}@${digest} (${sourceTag}) as deployed to ${environment}: tag ${tag}`;
    console.log(note);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Image\n\n${note}\n\n`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
