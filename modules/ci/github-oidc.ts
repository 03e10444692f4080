import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { ConfigError } from "../errors";
import { policyDocument } from "../iam/policy-document";
import { Naming } from "../naming";
import { EnvironmentPermissionsBoundary } from "../iam/permissions-boundary";
import { NEWS_API_CONTAINER } from "../service/container-contract";
import { DeliveryRoleSpec, deployRoleSpec, imagePushRoleSpec, planRoleSpec, releasePlanRoleSpec } from "./delivery-role-specs";
import { GITHUB_OIDC_HOST, githubOidcProviderArn, githubTrustPolicy } from "./github-oidc-issuer";

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
    validateGithubDeliveryRolesProps(props);
    this.provider =
      props.existingProviderArn === undefined
        ? new IamOpenidConnectProvider(this, "github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: ["sts.amazonaws.com"] })
        : undefined;
    this.providerArn = props.existingProviderArn ?? this.provider!.arn;
    this.planRole = (props.planRole ?? true) ? this.createRole(props.naming, planRoleSpec(props)) : undefined;
    this.releasePlanRole = this.createRole(props.naming, releasePlanRoleSpec(props));
    const boundaries: Record<string, EnvironmentPermissionsBoundary> = {};
    const deployRoles: Record<string, IamRole> = {};
    for (const env of props.environments) {
      boundaries[env.name] = this.createBoundary(props, env);
      deployRoles[env.name] = this.createRole(props.naming, deployRoleSpec(props, env, boundaries[env.name].arn));
    }
    this.boundaries = boundaries;
    this.deployRoles = deployRoles;
    this.imagePushRole = (props.imagePushRole ?? true) ? this.createRole(props.naming, imagePushRoleSpec(props)) : undefined;
  }

  /** The role, trusted only for GitHub tokens carrying the spec's claims, with its policies. */
  private createRole(naming: Naming, spec: DeliveryRoleSpec): IamRole {
    const created = new IamRole(this, spec.id, {
      name: deliveryRoleName(naming, spec.component),
      description: spec.description,
      maxSessionDuration: 3600,
      assumeRolePolicy: githubTrustPolicy(this.providerArn, spec.claims),
    });
    new IamRolePolicy(this, `${spec.id}-policy`, { role: created.name, name: "delivery", policy: policyDocument(spec.statements) });
    if (spec.managedPolicyArn) {
      new IamRolePolicyAttachment(this, `${spec.id}-managed`, { role: created.name, policyArn: spec.managedPolicyArn });
    }
    return created;
  }

  /** The ceiling of every role the environment's deploy role creates. */
  private createBoundary(props: GithubDeliveryRolesProps, env: DeliveryEnvironment): EnvironmentPermissionsBoundary {
    return new EnvironmentPermissionsBoundary(this, `boundary-${env.name}`, {
      naming: new Naming(props.project, env.name),
      accountId: props.accountId,
      imageRepositoryArn: props.imageRepositoryArn,
      databaseUser: NEWS_API_CONTAINER.databaseRole,
    });
  }
}

/** Refuses a repository that is not `<owner>/<repo>` and a reused provider that is not GitHub's in this account. */
function validateGithubDeliveryRolesProps(props: GithubDeliveryRolesProps): void {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository))
    throw new ConfigError(`GithubDeliveryRoles: repository "${props.repository}" must be "<owner>/<repo>"`);
  const existing = props.existingProviderArn;
  const expected = githubOidcProviderArn(props.accountId);
  if (existing !== undefined && !Token.isUnresolved(existing) && existing !== expected) {
    throw new ConfigError(`GithubDeliveryRoles: existingProviderArn "${existing}" must be ${expected}`);
  }
}
