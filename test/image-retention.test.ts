import { TerraformStack } from "cdktf";
import { ENVIRONMENT_SOURCES, EnvironmentSource, loadEnvironments } from "../environments";
import { deploymentTag } from "../modules/registry/deployment-tags";
import { expiredImages, LifecyclePolicyRule } from "../modules/registry/lifecycle-evaluation";
import { ImageDeployment, ImageRegistry } from "../modules/registry/registry";
import { synthesizedApp } from "./support/synth";
import { resourcesOfType } from "./support/terraform-json";
import { testingApp } from "./support/testing-app";

/** The shipped sources with `images` of one environment replaced. */
function withImages(file: string, images: unknown): EnvironmentSource[] {
  return ENVIRONMENT_SOURCES.map((s) => (s.file === file ? { ...s, input: { ...structuredClone(s.input), images } as any } : s));
}

describe("images.keepPrevious: the previously deployed images the registry keeps per environment", () => {
  test("shipped: dev and staging keep 5, prod 10", () => {
    expect(loadEnvironments().map((e) => [e.name, e.images.keepPrevious])).toEqual([
      ["dev", 5],
      ["staging", 5],
      ["prod", 10],
    ]);
  });

  test.each([
    [0, "Number must be greater than or equal to 1"],
    [101, "Number must be less than or equal to 100"],
    [2.5, "must be a whole number"],
  ])("%p is refused with file, field, value and the range", (value, allowed) => {
    expect(() => loadEnvironments(withImages("environments/dev.ts", { keepPrevious: value }))).toThrow(
      `environments/dev.ts: images.keepPrevious = ${value}: ${allowed}`,
    );
  });

  test("a later environment keeping fewer than an earlier one is refused: the later one's rule decides for images both ran", () => {
    expect(() => loadEnvironments(withImages("environments/prod.ts", { keepPrevious: 3 }))).toThrow(
      "Invalid configuration (2 problems):\n" +
        ("  environments/prod.ts: images.keepPrevious = 3: must be at least environments/dev.ts's 5 " +
          "(environments are promoted in file order; a later one keeps at least as many images)\n") +
        ("  environments/prod.ts: images.keepPrevious = 3: must be at least environments/staging.ts's 5 " +
          "(environments are promoted in file order; a later one keeps at least as many images)"),
    );
  });
});

/**
 * Whole scenarios on news-shared's synthesized lifecycle policy, evaluated as ECR documents it
 * (modules/registry/lifecycle-evaluation.ts): commits are built one per hour and deployed by the
 * pipeline, which adds `<env>-<time>-<sha>` to each image it deploys.
 */
describe("the synthesized lifecycle policy over weeks of deploys", () => {
  const [lifecycle] = resourcesOfType(synthesizedApp().shared, "aws_ecr_lifecycle_policy");
  const policy: LifecyclePolicyRule[] = JSON.parse(lifecycle.values.policy).rules;
  const HOUR = 3_600_000;
  const sha = (i: number) => i.toString(16).padStart(40, "0");

  /** A registry the pipeline builds into and deploys from, evaluated by `rules`. */
  function registry() {
    const images: { digest: string; pushedAt: number; tags: string[] }[] = [];
    const running: Record<string, string> = {};
    let clock = Date.UTC(2026, 10, 1);
    return {
      build: (i: number) => images.push({ digest: `sha256:${sha(i)}`, pushedAt: (clock += HOUR), tags: [sha(i)] }),
      deploy: (env: string, i: number) => {
        images.find((image) => image.tags.includes(sha(i)))!.tags.push(deploymentTag(env, sha(i), new Date((clock += 60_000))));
        running[env] = `sha256:${sha(i)}`;
      },
      expiredBy: (rules: readonly LifecyclePolicyRule[]) => expiredImages(rules, images, clock + 30 * 24 * HOUR),
      running,
    };
  }

  test("prod waits for approval while 40 merges reach dev and staging: the image prod runs is kept", () => {
    const r = registry();
    for (let i = 1; i <= 3; i++) {
      r.build(i);
      r.deploy("dev", i);
      r.deploy("staging", i);
      r.deploy("prod", i);
    }
    for (let i = 4; i <= 43; i++) {
      r.build(i);
      r.deploy("dev", i);
      r.deploy("staging", i);
    }
    const expired = r.expiredBy(policy);
    expect(expired.has(r.running.prod)).toBe(false);
    // prod's rollback targets (its 2 earlier images) too, and dev's and staging's current + 5 previous.
    for (let i = 1; i <= 3; i++) expect(expired.has(`sha256:${sha(i)}`)).toBe(false);
    for (let i = 38; i <= 43; i++) expect(expired.has(`sha256:${sha(i)}`)).toBe(false);
    expect(expired.size).toBe(43 - 3 - 6); // and storage stays bounded
  });

  test("the order matters: with dev's rule ahead of prod's, dev moving on expires the image prod still runs", () => {
    const r = registry();
    for (let i = 1; i <= 3; i++) {
      r.build(i);
      r.deploy("dev", i);
      r.deploy("prod", i);
    }
    for (let i = 4; i <= 43; i++) {
      r.build(i);
      r.deploy("dev", i);
    }
    const priority = (pattern: string) => policy.find((rule) => rule.selection.tagPatternList?.[0] === pattern)!.rulePriority;
    const devFirst = policy.map((rule) => {
      const pattern = rule.selection.tagPatternList?.[0];
      return pattern === "dev-*"
        ? { ...rule, rulePriority: priority("prod-*") }
        : pattern === "prod-*"
          ? { ...rule, rulePriority: priority("dev-*") }
          : rule;
    });
    expect(r.expiredBy(devFirst).has(r.running.prod)).toBe(true);
    expect(r.expiredBy(policy).has(r.running.prod)).toBe(false);
  });

  test("the policy before deployment tags (untagged after a day, last 10 tagged) loses that image", () => {
    const r = registry();
    for (let i = 1; i <= 3; i++) {
      r.build(i);
      r.deploy("prod", i);
    }
    for (let i = 4; i <= 43; i++) {
      r.build(i);
      r.deploy("dev", i);
    }
    const before: LifecyclePolicyRule[] = [
      { rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countNumber: 1 } },
      { rulePriority: 2, selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 10 } },
    ];
    expect(r.expiredBy(before).has(r.running.prod)).toBe(true);
  });

  test("after a rollback to an image prod ran before, prod's current and previous 10 images are all kept", () => {
    const r = registry();
    for (let i = 1; i <= 30; i++) {
      r.build(i);
      r.deploy("dev", i);
      r.deploy("staging", i);
      r.deploy("prod", i);
    }
    r.deploy("prod", 25); // roll back five releases
    const expired = r.expiredBy(policy);
    for (let i = 20; i <= 30; i++) expect([i, expired.has(`sha256:${sha(i)}`)]).toEqual([i, false]);
    expect(expired.has(`sha256:${sha(19)}`)).toBe(true);
  });
});

describe("ImageRegistry checks its deployments itself (it never sees the config)", () => {
  const registryWith = (deployments: ImageDeployment[]) => () =>
    new ImageRegistry(new TerraformStack(testingApp(), "news-test"), "registry", {
      repositoryName: "news-api",
      kmsKeyArn: "k",
      deployments,
    });
  test.each([
    [[{ environment: "prod", keepPrevious: 0 }], "ImageRegistry: deployments[0].keepPrevious = 0 must be a whole number from 1 to 100."],
    [
      [{ environment: "Prod", keepPrevious: 5 }],
      'ImageRegistry: deployments[0].environment = "Prod" must be lowercase letters and digits, starting with a letter.',
    ],
    [
      [
        { environment: "prod", keepPrevious: 5 },
        { environment: "prod", keepPrevious: 6 },
      ],
      "ImageRegistry: deployments must name each environment once.",
    ],
  ])("%j is refused", (deployments, message) => {
    expect(registryWith(deployments)).toThrow(message);
  });
});
