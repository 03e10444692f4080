import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { Construct } from "constructs";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { ConfigError } from "../errors";
import { accountPrincipals } from "../iam/role-arn";
import { requireIntInRange } from "../validate";
import { DEPLOYMENT_PREFIXES_TAG, deploymentTagPattern, deploymentTagPrefix } from "./deployment-tags";

export interface ImageRegistryProps {
  /** Repository name, e.g. `news-api`. */
  readonly repositoryName: string;
  /** KMS key ARN encrypting image layers. */
  readonly kmsKeyArn: string;
  /**
   * Tagged images kept; older ones expire. Untagged images always expire after one day.
   * @default 10
   */
  readonly keepTaggedImages?: number;
  /**
   * Environments deployed from this repository, in promotion order (e.g. dev, staging, prod), with
   * how many previously deployed images each keeps for rollback. Each gets a lifecycle rule keeping
   * the newest `keepPrevious + 1` images carrying its deployment tag (`<environment>-*`), ahead of
   * the general rule, so neither the general rule nor an earlier environment's can expire them; the
   * latest stage's rule comes first (an image promoted to prod is governed by prod's rule).
   * @default - none: only the general "last N tagged" rule
   */
  readonly deployments?: readonly ImageDeployment[];
  /**
   * Roles of other accounts (environments deployed into their own accounts) and what each may do here.
   * @default - none: only this account's IAM decides
   */
  readonly otherAccountRoles?: OtherAccountRoles;
}

/**
 * Roles of other accounts the repository policy lets in, as role ARNs or ARN patterns (`*`). They
 * are matched by `aws:PrincipalArn` under their account's principal, so a role need not exist yet.
 */
export interface OtherAccountRoles {
  /** ECS task execution roles: pull the image (ECR_PULL_ACTIONS). */
  readonly pull: readonly string[];
  /** Deploy roles: read the repository and add deployment tags (DEPLOYMENT_TAGGING_ACTIONS). */
  readonly markDeployed: readonly string[];
  /** Plan roles: what refreshing the environment stack's `data "aws_ecr_repository"` reads. */
  readonly describe: readonly string[];
}

/** An environment the pipeline deploys images of this repository to. */
export interface ImageDeployment {
  /** Environment name: its deployment tags are `<environment>-<time>-<sha>`. */
  readonly environment: string;
  /** Images deployed before the current one that are kept for rollback. */
  readonly keepPrevious: number;
}

/** Actions an ECS task execution role needs to pull an image. */
export const ECR_PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"] as const;

/** What refresh of a `data "aws_ecr_repository"` reads (modules/iam/refresh-reads.ts). */
export const REPOSITORY_DESCRIBE_ACTIONS = ["ecr:DescribeRepositories", "ecr:ListTagsForResource"] as const;

/**
 * What tools/ci/mark-deployed-image.ts does with a deploy role: add the environment's deployment tag to
 * the image it deploys, then check that the lifecycle policy keeps it. Nothing that deletes.
 */
export const DEPLOYMENT_TAGGING_ACTIONS = [
  "ecr:BatchGetImage",
  "ecr:PutImage",
  "ecr:DescribeImages",
  "ecr:DescribeRepositories",
  "ecr:GetLifecyclePolicy",
  "ecr:ListTagsForResource",
] as const;

/** One repository-policy statement letting `roles` (of other accounts) run `actions`. */
function otherAccountsStatement(sid: string, roles: readonly string[], actions: readonly string[]): PolicyStatement[] {
  if (roles.length === 0) return [];
  return [
    {
      Sid: sid,
      Effect: "Allow",
      Principal: { AWS: accountPrincipals(roles, "ImageRegistry: otherAccountRoles") },
      Action: [...actions],
      Condition: { ArnLike: { "aws:PrincipalArn": [...roles] } },
    },
  ];
}

/**
 * The news-api image repository shared by every environment: immutable tags (a SHA tag always means
 * the same image), scan on push, KMS encryption, and a lifecycle policy bounding storage cost that
 * never expires an image an environment runs or can roll back to (see `deployments`).
 */
export class ImageRegistry extends Construct {
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ImageRegistryProps) {
    super(scope, id);
    requireIntInRange("ImageRegistry", "keepTaggedImages", props.keepTaggedImages, 1, 1000);
    const deployments = props.deployments ?? [];
    deployments.forEach((d, i) => {
      requireIntInRange("ImageRegistry", `deployments[${i}].keepPrevious`, d.keepPrevious, 1, 100);
      if (!/^[a-z][a-z0-9]*$/.test(d.environment))
        throw new ConfigError(
          `ImageRegistry: deployments[${i}].environment = "${d.environment}" must be lowercase letters and digits, starting with a letter.`,
        );
    });
    if (new Set(deployments.map((d) => d.environment)).size !== deployments.length)
      throw new ConfigError("ImageRegistry: deployments must name each environment once.");
    const keepTagged = props.keepTaggedImages ?? 10;
    // The latest promotion stage first: ECR applies an image's first matching rule only.
    const deploymentRules = [...deployments].reverse().map((d) => ({
      description:
        `Keep ${d.environment}'s current and ${d.keepPrevious} previous images (deployment tags ` +
        `${deploymentTagPattern(d.environment)})`,
      selection: {
        tagStatus: "tagged",
        tagPatternList: [deploymentTagPattern(d.environment)],
        countType: "imageCountMoreThan",
        countNumber: d.keepPrevious + 1,
      },
    }));
    const rules = [
      {
        description: "Expire untagged images after 1 day",
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
      },
      ...deploymentRules,
      {
        description: `Keep the last ${keepTagged} tagged images`,
        selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keepTagged },
      },
    ].map((rule, i) => ({ rulePriority: i + 1, ...rule, action: { type: "expire" } }));

    this.repository = new EcrRepository(this, "repository", {
      name: props.repositoryName,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      // Read by guardrail REG-001: the lifecycle policy must keep these tags' newest images.
      tags:
        deployments.length > 0
          ? { [DEPLOYMENT_PREFIXES_TAG]: deployments.map((d) => deploymentTagPrefix(d.environment)).join(" ") }
          : undefined,
    });
    new EcrLifecyclePolicy(this, "lifecycle", { repository: this.repository.name, policy: JSON.stringify({ rules }) });
    const others = props.otherAccountRoles;
    const statements = others
      ? [
          ...otherAccountsStatement("OtherAccountsTaskExecutionRolesPull", others.pull, ECR_PULL_ACTIONS),
          ...otherAccountsStatement("OtherAccountsDeployRolesTagDeployedImages", others.markDeployed, DEPLOYMENT_TAGGING_ACTIONS),
          ...otherAccountsStatement("OtherAccountsPlanRolesDescribe", others.describe, REPOSITORY_DESCRIBE_ACTIONS),
        ]
      : [];
    if (statements.length > 0)
      new EcrRepositoryPolicy(this, "policy", { repository: this.repository.name, policy: policyDocument(statements) });
  }
}
