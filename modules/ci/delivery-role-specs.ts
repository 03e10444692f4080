import type { PolicyStatement } from "../iam/policy-document";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { deployRoleComponent, Naming } from "../naming";
import { DEPLOYMENT_TAGGING_ACTIONS } from "../registry/registry";
import { deployStatements } from "./deploy-grants";
import type { DeliveryEnvironment, GithubDeliveryRolesProps } from "./github-oidc";
import { PLAN_MANAGED_POLICY_ARN, planRefreshStatements } from "./plan-refresh-grants";
import { stateObjectArns, stateStatements } from "./state-grants";

/** Registry actions that delete images or change what the registry keeps; denied to deploy roles. */
const REGISTRY_RETENTION_ACTIONS = [
  "ecr:BatchDeleteImage",
  "ecr:DeleteRepository",
  "ecr:PutLifecyclePolicy",
  "ecr:DeleteLifecyclePolicy",
  "ecr:PutImageTagMutability",
  "ecr:SetRepositoryPolicy",
  "ecr:DeleteRepositoryPolicy",
] as const;

/** The branch whose deploy workflow runs may assume deploy roles. */
const DEPLOY_BRANCH_REF = "refs/heads/main";

/** One CI role of GithubDeliveryRoles: which workflow context may assume it and what it may do. */
export interface DeliveryRoleSpec {
  /** Construct id; part of the Terraform address, so it never changes. */
  readonly id: string;
  /** Name component: the role is named `<prefix>-<component>` (e.g. `ci-deploy-dev`). */
  readonly component: string;
  /** GitHub OIDC token claims the trust policy requires besides the audience (`sub`, `job_workflow_ref`). */
  readonly claims: Readonly<Record<string, string>>;
  readonly description: string;
  /** The role's inline policy. */
  readonly statements: PolicyStatement[];
  /**
   * An AWS managed policy attached beside the inline one.
   * @default - none
   */
  readonly managedPolicyArn?: string;
}

type SpecInput = Pick<
  GithubDeliveryRolesProps,
  "accountId" | "repository" | "stateBucket" | "stateKeyArn" | "environments" | "project" | "imageRepositoryArn" | "deployWorkflowPath"
>;

/** `<owner>/<repo>/<workflow path>@refs/heads/main`: the `job_workflow_ref` deploy jobs run under. */
function deployWorkflowRef(p: SpecInput): string {
  return `${p.repository}/${p.deployWorkflowPath ?? ".github/workflows/deploy-environment.yml"}@${DEPLOY_BRANCH_REF}`;
}

/**
 * Read-only access to these environments' state objects: no lock, no write (plans run with -lock=false).
 * With `savedPlan: "save"`, also the data keys that encrypt the deploy's saved plans of those stacks.
 */
function stateReads(p: SpecInput, environments: readonly DeliveryEnvironment[], savedPlan?: "save"): PolicyStatement[] {
  return stateStatements({
    bucket: p.stateBucket,
    keyArn: p.stateKeyArn,
    objects: environments.map((env) => stateObjectArns(p.stateBucket, new Naming(p.project, env.name).stackId)),
    write: false,
    savedPlan,
  });
}

/** Pull requests of the repository: view-only, non-production state, no lock. */
export function planRoleSpec(p: SpecInput): DeliveryRoleSpec {
  const planned = p.environments.filter((env) => !env.production);
  return {
    id: "plan",
    component: "ci-plan",
    claims: { sub: `repo:${p.repository}:pull_request` },
    description: `terraform plan for pull requests of ${p.repository}: view-only, non-production state, no lock`,
    statements: [
      ...stateReads(p, planned),
      // What refresh needs beyond ViewOnlyAccess, per modules/iam/refresh-reads.ts.
      ...planRefreshStatements({ accountId: p.accountId, project: p.project, environments: planned.map((env) => env.name) }),
    ],
    managedPolicyArn: PLAN_MANAGED_POLICY_ARN,
  };
}

/**
 * The deploy's plan job runs reviewed code from main before any approval, so it may read every
 * environment's state (prod included) but, like the PR plan, never lock or write it.
 */
export function releasePlanRoleSpec(p: SpecInput): DeliveryRoleSpec {
  const workflow = deployWorkflowRef(p);
  return {
    id: "release-plan",
    component: "ci-release-plan",
    claims: { sub: `repo:${p.repository}:ref:${DEPLOY_BRANCH_REF}`, job_workflow_ref: workflow },
    description: `terraform plan -out of the deploy workflow ${workflow}: view-only, every environment's state, no lock`,
    statements: [
      ...stateReads(p, p.environments, "save"),
      ...planRefreshStatements({ accountId: p.accountId, project: p.project, environments: p.environments.map((env) => env.name) }),
    ],
    managedPolicyArn: PLAN_MANAGED_POLICY_ARN,
  };
}

/** Deploy jobs of the deploy workflow on main in the environment's GitHub environment; roles only under `boundaryArn`. */
export function deployRoleSpec(p: SpecInput, env: DeliveryEnvironment, boundaryArn: string): DeliveryRoleSpec {
  const workflow = deployWorkflowRef(p);
  return {
    id: `deploy-${env.name}`,
    component: deployRoleComponent(env.name),
    claims: { sub: `repo:${p.repository}:environment:${env.name}`, job_workflow_ref: workflow },
    description: `cdktf deploy of ${new Naming(p.project, env.name).stackId} by ${workflow} in the ${env.name} GitHub environment`,
    statements: [
      ...deployStatements({
        accountId: p.accountId,
        region: env.region,
        project: p.project,
        environment: env.name,
        stateBucket: p.stateBucket,
        stateKeyArn: p.stateKeyArn,
        boundaryArn,
      }),
      // tools/ci/mark-deployed-image.ts adds the environment's deployment tag to the image it deploys,
      // then checks the lifecycle policy keeps it.
      { Sid: "MarkDeployedImage", Effect: "Allow", Action: [...DEPLOYMENT_TAGGING_ACTIONS], Resource: p.imageRepositoryArn },
      // What the registry keeps is news-shared's (its lifecycle policy): no environment deletes images or changes that.
      {
        Sid: "RegistryRetentionIsNewsShared",
        Effect: "Deny",
        Action: [...REGISTRY_RETENTION_ACTIONS],
        Resource: p.imageRepositoryArn,
      },
    ],
    // Lists and metadata for refresh; every write is in the statements above.
    managedPolicyArn: PLAN_MANAGED_POLICY_ARN,
  };
}

/** The main branch: push to the one image repository. */
export function imagePushRoleSpec(p: SpecInput): DeliveryRoleSpec {
  return {
    id: "image-push",
    component: "ci-image-push",
    claims: { sub: `repo:${p.repository}:ref:${DEPLOY_BRANCH_REF}` },
    description: `push news-api images built on the main branch of ${p.repository}`,
    statements: [
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
        Resource: p.imageRepositoryArn,
      },
    ],
  };
}
