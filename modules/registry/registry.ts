import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { Construct } from "constructs";
import { policyDocument } from "../iam/policy-document";
import { requireIntInRange } from "../validate";

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
   * Other accounts whose ECS tasks may pull (environments in their own accounts).
   * @default - none: only this account pulls
   */
  readonly pullAccountIds?: readonly string[];
}

/** Actions an ECS task execution role needs to pull an image. */
export const ECR_PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"] as const;

/**
 * The news-api image repository shared by every environment: immutable tags (a SHA tag always means
 * the same image), scan on push, KMS encryption, and a lifecycle policy bounding storage cost.
 */
export class ImageRegistry extends Construct {
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ImageRegistryProps) {
    super(scope, id);
    requireIntInRange("ImageRegistry", "keepTaggedImages", props.keepTaggedImages, 1, 1000);
    this.repository = new EcrRepository(this, "repository", {
      name: props.repositoryName,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
    });
    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: "Expire untagged images after 1 day",
            selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
            action: { type: "expire" },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${props.keepTaggedImages ?? 10} tagged images`,
            selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: props.keepTaggedImages ?? 10 },
            action: { type: "expire" },
          },
        ],
      }),
    });
    const pullers = props.pullAccountIds ?? [];
    if (pullers.length > 0) {
      new EcrRepositoryPolicy(this, "policy", {
        repository: this.repository.name,
        policy: policyDocument([
          {
            Sid: "EnvironmentAccountsPull",
            Effect: "Allow",
            Principal: { AWS: pullers.map((account) => `arn:aws:iam::${account}:root`) },
            Action: [...ECR_PULL_ACTIONS],
          },
        ]),
      });
    }
  }
}
