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
import { deployRoleComponent, Naming } from "../naming";
import { EnvironmentPermissionsBoundary } from "../iam/permissions-boundary";
import { DEPLOYMENT_TAGGING_ACTIONS } from "../registry/registry";
import { NEWS_API_CONTAINER } from "../service/container-contract";
import { deployStatements } from "./deploy-grants";
import { PLAN_MANAGED_POLICY_ARN, planRefreshStatements } from "./plan-refresh-grants";
import { stateObjectArns, stateStatements } from "./state-grants";
import { GITHUB_OIDC_HOST, githubOidcProviderArn } from "./github-oidc-issuer";

/** Registry actions that delete images or change what the registry keeps; denied to deploy roles. */
export const REGISTRY_RETENTION_ACTIONS = [
  "ecr:BatchDeleteImage",
  "ecr:DeleteRepository",
  "ecr:PutLifecyclePolicy",
  "ecr:DeleteLifecyclePolicy",
  "ecr:PutImageTagMutability",
  "ecr:SetRepositoryPolicy",
  "ecr:DeleteRepositoryPolicy",
] as const;

/** An environment whose CI roles live in this account. */
export interface DeliveryEnvironment {
  /** e.g. "dev"; its stack is `<project>-<name>` and its GitHub environment `<name>`. */
  readonly name: string;
  /** Region of the environment's resources (the deploy role's service grants are scoped to it). */
  readonly region: string;
  /** Production-tier: pull-request plans never read its state or secrets. */
  readonly production: boolean;
}

export interface GithubDeliveryRolesProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** `<owner>/<repo>` whose workflows may assume the roles. */
  readonly repository: string;
  /** Terraform state: bucket name and the ARN of the KMS key encrypting it. */
  readonly stateBucket: string;
  readonly stateKeyArn: string;
  /** Environments deployed from this account: one deploy role and one permissions boundary each. */
  readonly environments: readonly DeliveryEnvironment[];
  /** The project prefix of every resource name (`<project>-<env>-…`), for scoping IAM writes. */
  readonly project: string;
  readonly imageRepositoryArn: string;
  /**
   * ARN of the account's existing IAM OIDC provider for GitHub: the roles trust it and no provider is
   * created (IAM allows one provider per URL in an account).
   * @default - a provider for token.actions.githubusercontent.com is created
   */
  readonly existingProviderArn?: string;
  /**
   * The reusable workflow deploy jobs run in; deploy roles trust only its runs from the main branch
   * (`job_workflow_ref`), so a pull request declaring `environment: dev` gets no credentials.
   * @default ".github/workflows/deploy-environment.yml"
   */
  readonly deployWorkflowPath?: string;
  /**
   * Create the pull-request plan role here (off in an environment account: PR plans run in the platform account).
   * @default true
   */
  readonly planRole?: boolean;
  /**
   * Create the image-push role here (off in an environment account: images are pushed to the platform registry).
   * @default true
   */
  readonly imagePushRole?: boolean;
}

/** Name of a CI role, e.g. `news-shared-ci-deploy-dev` for component `ci-deploy-dev`. */
export const deliveryRoleName = (naming: Naming, component: string): string => naming.name(component, { maxLength: NAME_LIMITS.iamRole });

/** The branch whose deploy workflow runs may assume deploy roles. */
export const DEPLOY_BRANCH_REF = "refs/heads/main";

/**
 * GitHub Actions' way into AWS without stored keys: the account's OIDC provider for GitHub and three
 * kinds of role, each trusted only for the workflow context that needs it:
 * - plan: pull requests of this repository; ViewOnlyAccess plus the reads refresh needs
 *   (plan-refresh-grants.ts), the state of non-production environments only, no lock, no write;
 * - release-plan: the plan job of the deploy workflow on main (`job_workflow_ref`), which saves the plan
 *   the environment's approval then applies: view-only, every environment's state, no lock, no write;
 * - deploy-<env>: jobs of the deploy workflow on main (`job_workflow_ref`) running in that GitHub
 *   environment; its own state object and lock, roles only under the environment's boundary;
 * - image-push: the main branch; push to the one image repository.
 */
export class GithubDeliveryRoles extends Construct {
  /** The provider created here; undefined when `existingProviderArn` is reused. */
  public readonly provider?: IamOpenidConnectProvider;
  /** ARN of the OIDC provider the roles trust (created or reused). */
  public readonly providerArn: string;
  /** Undefined when `planRole` is false. */
  public readonly planRole?: IamRole;
  /** Plans the deploy workflow saves for approval (every environment here, prod included). */
  public readonly releasePlanRole: IamRole;
  public readonly deployRoles: Readonly<Record<string, IamRole>>;
  /** Each environment's permissions boundary, by environment name. */
  public readonly boundaries: Readonly<Record<string, EnvironmentPermissionsBoundary>>;
  /** Undefined when `imagePushRole` is false. */
  public readonly imagePushRole?: IamRole;

  constructor(scope: Construct, id: string, props: GithubDeliveryRolesProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository))
      throw new ConfigError(`GithubDeliveryRoles: repository "${props.repository}" must be "<owner>/<repo>"`);
    const { naming, repository, accountId } = props;
    const existing = props.existingProviderArn;
    if (existing !== undefined && !Token.isUnresolved(existing) && existing !== githubOidcProviderArn(accountId)) {
      throw new ConfigError(`GithubDeliveryRoles: existingProviderArn "${existing}" must be ${githubOidcProviderArn(accountId)}`);
    }
    this.provider =
      existing === undefined
        ? new IamOpenidConnectProvider(this, "github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: ["sts.amazonaws.com"] })
        : undefined;
    this.providerArn = existing ?? this.provider!.arn;

    const role = (
      roleId: string,
      component: string,
      claims: Record<string, string>,
      description: string,
      statements: PolicyStatement[],
      managedPolicyArn?: string,
    ) => {
      const created = new IamRole(this, roleId, {
        name: deliveryRoleName(naming, component),
        description,
        maxSessionDuration: 3600,
        assumeRolePolicy: policyDocument([
          {
            Effect: "Allow",
            Principal: { Federated: this.providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
                ...Object.fromEntries(Object.entries(claims).map(([k, v]) => [`${GITHUB_OIDC_HOST}:${k}`, v])),
              },
            },
          },
        ]),
      });
      new IamRolePolicy(this, `${roleId}-policy`, { role: created.name, name: "delivery", policy: policyDocument(statements) });
      if (managedPolicyArn) new IamRolePolicyAttachment(this, `${roleId}-managed`, { role: created.name, policyArn: managedPolicyArn });
      return created;
    };

    const planned = props.environments.filter((env) => !env.production);
    if (props.planRole ?? true) {
      this.planRole = role(
        "plan",
        "ci-plan",
        { sub: `repo:${repository}:pull_request` },
        `terraform plan for pull requests of ${repository}: view-only, non-production state, no lock`,
        [
          ...stateStatements({
            bucket: props.stateBucket,
            keyArn: props.stateKeyArn,
            objects: planned.map((env) => stateObjectArns(props.stateBucket, new Naming(props.project, env.name).stackId)),
            write: false,
          }),
          // What refresh needs beyond ViewOnlyAccess, per modules/iam/refresh-reads.ts.
          ...planRefreshStatements({ accountId, project: props.project, environments: planned.map((env) => env.name) }),
        ],
        PLAN_MANAGED_POLICY_ARN,
      );
    }

    const workflow = `${repository}/${props.deployWorkflowPath ?? ".github/workflows/deploy-environment.yml"}@${DEPLOY_BRANCH_REF}`;
    // The deploy's plan job runs reviewed code from main before any approval, so it may read every
    // environment's state (prod included) but, like the PR plan, never lock or write it.
    this.releasePlanRole = role(
      "release-plan",
      "ci-release-plan",
      { sub: `repo:${repository}:ref:${DEPLOY_BRANCH_REF}`, job_workflow_ref: workflow },
      `terraform plan -out of the deploy workflow ${workflow}: view-only, every environment's state, no lock`,
      [
        ...stateStatements({
          bucket: props.stateBucket,
          keyArn: props.stateKeyArn,
          objects: props.environments.map((env) => stateObjectArns(props.stateBucket, new Naming(props.project, env.name).stackId)),
          write: false,
          savedPlan: "save",
        }),
        ...planRefreshStatements({ accountId, project: props.project, environments: props.environments.map((env) => env.name) }),
      ],
      PLAN_MANAGED_POLICY_ARN,
    );
    const boundaries: Record<string, EnvironmentPermissionsBoundary> = {};
    const deployRoles: Record<string, IamRole> = {};
    for (const env of props.environments) {
      const envNaming = new Naming(props.project, env.name);
      const boundary = (boundaries[env.name] = new EnvironmentPermissionsBoundary(this, `boundary-${env.name}`, {
        naming: envNaming,
        accountId,
        imageRepositoryArn: props.imageRepositoryArn,
        databaseUser: NEWS_API_CONTAINER.databaseRole,
      }));
      deployRoles[env.name] = role(
        `deploy-${env.name}`,
        deployRoleComponent(env.name),
        { sub: `repo:${repository}:environment:${env.name}`, job_workflow_ref: workflow },
        `cdktf deploy of ${envNaming.stackId} by ${workflow} in the ${env.name} GitHub environment`,
        [
          ...deployStatements({
            accountId,
            region: env.region,
            project: props.project,
            environment: env.name,
            stateBucket: props.stateBucket,
            stateKeyArn: props.stateKeyArn,
            boundaryArn: boundary.arn,
          }),
          // tools/ci/mark-deployed-image.ts adds the environment's deployment tag to the image it deploys,
          // then checks the lifecycle policy keeps it.
          { Sid: "MarkDeployedImage", Effect: "Allow", Action: [...DEPLOYMENT_TAGGING_ACTIONS], Resource: props.imageRepositoryArn },
          // What the registry keeps is news-shared's (its lifecycle policy): no environment deletes images or changes that.
          {
            Sid: "RegistryRetentionIsNewsShared",
            Effect: "Deny",
            Action: [...REGISTRY_RETENTION_ACTIONS],
            Resource: props.imageRepositoryArn,
          },
        ],
        // Lists and metadata for refresh; every write is in the statements above.
        PLAN_MANAGED_POLICY_ARN,
      );
    }
    this.boundaries = boundaries;
    this.deployRoles = deployRoles;

    if (props.imagePushRole ?? true) {
      this.imagePushRole = role(
        "image-push",
        "ci-image-push",
        { sub: `repo:${repository}:ref:${DEPLOY_BRANCH_REF}` },
        `push news-api images built on the main branch of ${repository}`,
        [
          wildcardResourceStatement("RegistryLogin", ["ecr:GetAuthorizationToken"]),
          {
            Sid: "PushToTheImageRepository",
            Effect: "Allow",
            Action: [
              "ecr:BatchCheckLayerAvailability",
              "ecr:InitiateLayerUpload",
              "ecr:UploadLayerPart",
              "ecr:CompleteLayerUpload",
              "ecr:PutImage",
              "ecr:BatchGetImage",
              "ecr:GetDownloadUrlForLayer",
              "ecr:DescribeImages",
            ],
            Resource: props.imageRepositoryArn,
          },
        ],
      );
    }
  }
}
