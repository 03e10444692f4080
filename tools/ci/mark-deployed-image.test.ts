import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deploymentTag, deploymentTagPattern } from "../../modules/registry/deployment-tags";
import { putImageArgs } from "./mark-deployed-image";

/** Recorded `aws ecr batch-get-image` outputs. */
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "fixtures", "batch-get-image", `${name}.json`), "utf8"));
const SHA = "3f9c2e7a1b5d4c8e9f0a1b2c3d4e5f6a7b8c9d0e";

describe("deployment tags", () => {
  test("environment, UTC time to the second, then the git SHA", () => {
    expect(deploymentTag("prod", SHA, new Date("2026-11-27T23:15:07.123Z"))).toBe(`prod-20261127T231507Z-${SHA}`);
  });

  test("the lifecycle pattern of an environment matches its tags, not another environment's or a SHA tag", () => {
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/\*/g, ".*")}$`);
    const tag = deploymentTag("dev", SHA, new Date());
    expect(glob(deploymentTagPattern("dev")).test(tag)).toBe(true);
    expect(glob(deploymentTagPattern("de")).test(tag)).toBe(false);
    expect(glob(deploymentTagPattern("dev")).test(deploymentTag("devtest", SHA, new Date()))).toBe(false);
    expect(glob(deploymentTagPattern("dev")).test(SHA)).toBe(false);
  });

  test("a tag ECR would refuse is refused here first", () => {
    expect(() => deploymentTag("prod", "not a sha", new Date())).toThrow('is not a valid image tag (environment "prod", sha "not a sha")');
  });
});

describe("putImageArgs on recorded batch-get-image output", () => {
  test("adds the new tag to the same manifest, digest-checked, with its media type", () => {
    const found = fixture("found");
    const { args, digest } = putImageArgs("news-api", SHA, found, "prod-20261127T231507Z-x");
    expect(digest).toBe(found.images[0].imageId.imageDigest);
    expect(args).toEqual([
      "ecr", "put-image", "--repository-name", "news-api", "--image-tag", "prod-20261127T231507Z-x",
      "--image-manifest", found.images[0].imageManifest, "--image-digest", digest,
      "--image-manifest-media-type", "application/vnd.oci.image.manifest.v1+json",
    ]);
  });

  test("an image that was never built fails with ECR's reason, before anything is deployed", () => {
    expect(() => putImageArgs("news-api", "0000000000000000000000000000000000000000", fixture("not-found"), "prod-x")).toThrow(
      "news-api:0000000000000000000000000000000000000000 cannot be marked as deployed (ImageNotFound: Requested image not found). Only commits built on main have images.",
    );
  });
});
