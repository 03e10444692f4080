import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { ConfigError } from "../errors";
import { policyDocument, PolicyStatement } from "../iam/policy-document";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { Naming } from "../naming";
import { planRefreshStatements } from "./plan-refresh-grants";
import { GITHUB_OIDC_HOST, githubOidcProviderArn } from "./github-oidc-issuer";

/** Registry actions that delete images or change what the registry keeps; denied to deploy roles. */
export const REGISTRY_RETENTION_ACTIONS = [
  "ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy",
  "ecr:PutImageTagMutability", "ecr:SetRepositoryPolicy", "ecr:DeleteRepositoryPolicy",
] as const;

export interface GithubDeliveryRolesProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** `<owner>/<repo>` whose workflows may assume the roles. */
  readonly repository: string;
  /** Terraform state: bucket name and the ARN of the KMS key encrypting it. */
  readonly stateBucket: string;
  readonly stateKeyArn: string;
  /** Environments deployed from this account: one deploy role each, e.g. ["dev", "staging", "prod"]. */
  readonly environments: readonly string[];
  /** The project prefix of every resource name (`<project>-<env>-…`), for scoping IAM writes. */
  readonly project: string;
  readonly imageRepositoryArn: string;
  /**
   * ARN of the account's existing IAM OIDC provider for GitHub: the roles trust it and no provider is
   * created (IAM allows one provider per URL in an account).
   * @default - a provider for token.actions.githubusercontent.com is created
   */
  readonly existingProviderArn?: string;
}

/**
 * GitHub Actions' way into AWS without stored keys: the account's OIDC provider for GitHub and three
 * kinds of role, each trusted only for the workflow context that needs it (`sub` claim):
 * - plan: pull requests of this repository and the deploy's plan job on main; read-only, plus reading state and taking its lock, and
 *   the environments' secret values a refresh reads (plan-refresh-grants.ts);
 * - deploy-<env>: jobs running in that GitHub environment (where required reviewers gate prod);
 * - image-push: the main branch; push to the one image repository.
 */
export class GithubDeliveryRoles extends Construct {
  /** The provider created here; undefined when `existingProviderArn` is reused. */
  public readonly provider?: IamOpenidConnectProvider;
  /** ARN of the OIDC provider the roles trust (created or reused). */
  public readonly providerArn: string;
  public readonly planRole: IamRole;
  public readonly deployRoles: Readonly<Record<string, IamRole>>;
  public readonly imagePushRole: IamRole;

  constructor(scope: Construct, id: string, props: GithubDeliveryRolesProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository)) throw new ConfigError(`GithubDeliveryRoles: repository "${props.repository}" must be "<owner>/<repo>"`);
    const { naming, repository, accountId } = props;
    const existing = props.existingProviderArn;
    if (existing !== undefined && !Token.isUnresolved(existing) && existing !== githubOidcProviderArn(accountId)) {
      throw new ConfigError(`GithubDeliveryRoles: existingProviderArn "${existing}" must be ${githubOidcProviderArn(accountId)}`);
    }
    this.provider = existing === undefined ? new IamOpenidConnectProvider(this, "github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: ["sts.amazonaws.com"] }) : undefined;
    this.providerArn = existing ?? this.provider!.arn;

    const bucketArn = `arn:aws:s3:::${props.stateBucket}`;
    const stateKey = (actions: string[]): PolicyStatement => ({ Sid: "StateKey", Effect: "Allow", Action: actions, Resource: props.stateKeyArn });
    const role = (roleId: string, component: string, subject: string | readonly string[], description: string, statements: PolicyStatement[], managedPolicy?: string) => {
      const created = new IamRole(this, roleId, {
        name: naming.name(component, { maxLength: NAME_LIMITS.iamRole }),
        description,
        maxSessionDuration: 3600,
        // One statement per trusted workflow context.
        assumeRolePolicy: policyDocument(
          (typeof subject === "string" ? [subject] : subject).map((sub) => ({
            Effect: "Allow" as const,
            Principal: { Federated: this.providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com", [`${GITHUB_OIDC_HOST}:sub`]: sub } },
          })),
        ),
      });
      new IamRolePolicy(this, `${roleId}-policy`, { role: created.name, name: "delivery", policy: policyDocument(statements) });
      if (managedPolicy) new IamRolePolicyAttachment(this, `${roleId}-managed`, { role: created.name, policyArn: `arn:aws:iam::aws:policy/${managedPolicy}` });
      return created;
    };

    this.planRole = role(
      "plan",
      "ci-plan",
      // Pull requests, and the deploy's plan job on main (saved plan; the apply job uses the deploy role).
      [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/main`],
      `terraform plan for pull requests of ${repository}: read-only`,
      [
        { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
        { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*` },
        // S3-native locking: the lock is an object next to the state.
        { Sid: "TakeStateLock", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/*.tflock` },
        stateKey(["kms:Decrypt", "kms:GenerateDataKey"]),
        // What refresh needs beyond ReadOnlyAccess (secret values), per modules/iam/refresh-reads.ts.
        ...planRefreshStatements({ accountId, project: props.project, environments: props.environments }),
      ],
      "ReadOnlyAccess",
    );

    this.deployRoles = Object.fromEntries(
      props.environments.map((env) => {
        const prefix = `${props.project}-${env}-`;
        return [
          env,
          role(
            `deploy-${env}`,
            `ci-deploy-${env}`,
            `repo:${repository}:environment:${env}`,
            `cdktf deploy of ${props.project}-${env} from the ${env} GitHub environment of ${repository}`,
            [
              { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
              { Sid: "ReadWriteOwnState", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/${props.project}-${env}/*` },
              stateKey(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]),
              {
                Sid: "ManageOwnRolesAndPolicies",
                Effect: "Allow",
                Action: [
                  "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy",
                  "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                  "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListInstanceProfilesForRole", "iam:PassRole",
                ],
                Resource: `arn:aws:iam::${accountId}:role/${prefix}*`,
              },
              {
                Sid: "ServiceLinkedRolesOnFirstDeploy",
                Effect: "Allow",
                Action: "iam:CreateServiceLinkedRole",
                Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*`,
                Condition: { StringEquals: { "iam:AWSServiceName": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com", "elasticache.amazonaws.com", "application-autoscaling.amazonaws.com", "ecs.application-autoscaling.amazonaws.com"] } },
              },
              // tools/ci/mark-deployed-image.ts adds the environment's deployment tag to the image it deploys,
              // then checks the lifecycle policy keeps it.
              // Listed although PowerUserAccess covers it, so the need survives a narrower managed policy.
              { Sid: "MarkDeployedImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:PutImage", "ecr:DescribeImages", "ecr:GetLifecyclePolicy"], Resource: props.imageRepositoryArn },
              // What the registry keeps is news-shared's (its lifecycle policy): no environment deletes images or changes that.
              { Sid: "RegistryRetentionIsNewsShared", Effect: "Deny", Action: [...REGISTRY_RETENTION_ACTIONS], Resource: props.imageRepositoryArn },
            ],
            // Everything but IAM, Organizations and account settings; IAM is granted above on this environment's names only.
            "PowerUserAccess",
          ),
        ];
      }),
    );

    this.imagePushRole = role("image-push", "ci-image-push", `repo:${repository}:ref:refs/heads/main`, `push news-api images built on the main branch of ${repository}`, [
      wildcardResourceStatement("RegistryLogin", ["ecr:GetAuthorizationToken"]),
      {
        Sid: "PushToTheImageRepository",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"],
        Resource: props.imageRepositoryArn,
      },
    ]);
  }
}
