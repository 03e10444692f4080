import { TerraformStack, Testing } from "cdktf";
import { GithubDeliveryRoles } from "../modules/ci/github-oidc";
import { Naming } from "../modules/naming";
import { PLATFORM_SOURCE, validatePlatform } from "../environments";
import { synthesizedApp, synthesizeWithPlatform } from "./support/synth";
import { dataSourcesOfType, reference, resourcesOfType } from "./support/terraform-json";

const shared = synthesizedApp().shared;
const roles = resourcesOfType(shared, "aws_iam_role");
const roleNamed = (suffix: string) => roles.find((r) => r.values.name === `news-shared-${suffix}`)!;
const trust = (suffix: string) => JSON.parse(roleNamed(suffix).values.assume_role_policy).Statement[0];
const inline = (suffix: string) =>
  JSON.parse(resourcesOfType(shared, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", roleNamed(suffix), "name"))!.values.policy).Statement;
const managed = (suffix: string) =>
  resourcesOfType(shared, "aws_iam_role_policy_attachment").filter((a) => a.values.role === reference("aws_iam_role", roleNamed(suffix), "name")).map((a) => a.values.policy_arn);

describe("GitHub OIDC delivery roles in news-shared", () => {
  test("one OIDC provider for GitHub, audience sts.amazonaws.com", () => {
    const [provider] = resourcesOfType(shared, "aws_iam_openid_connect_provider");
    expect(provider.values).toMatchObject({ url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] });
  });

  test.each([
    ["ci-plan", "repo:example-org/newsstack:pull_request"],
    ["ci-deploy-dev", "repo:example-org/newsstack:environment:dev"],
    ["ci-deploy-staging", "repo:example-org/newsstack:environment:staging"],
    ["ci-deploy-prod", "repo:example-org/newsstack:environment:prod"],
    ["ci-image-push", "repo:example-org/newsstack:ref:refs/heads/main"],
  ])("%s is trusted only for %s, through the provider", (role, subject) => {
    const [provider] = resourcesOfType(shared, "aws_iam_openid_connect_provider");
    expect(trust(role)).toEqual({
      Effect: "Allow",
      Principal: { Federated: reference("aws_iam_openid_connect_provider", provider, "arn") },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": subject } },
    });
  });

  test("plan is read-only plus reading state and taking its lock", () => {
    expect(managed("ci-plan")).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const statements = inline("ci-plan");
    const writes = statements.filter((s: any) => [].concat(s.Action).some((a: string) => /Put|Delete/.test(a)));
    expect(writes).toEqual([{ Sid: "TakeStateLock", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::news-tfstate-123456789012-us-east-1/*.tflock" }]);
    const [alias] = dataSourcesOfType(shared, "aws_kms_alias");
    expect(alias.values.name).toBe("alias/news-tfstate");
    expect(statements.find((s: any) => s.Sid === "StateKey").Resource).toBe(`\${data.aws_kms_alias.${alias.name}.target_key_arn}`);
  });

  test("each deploy role writes only its environment's state and IAM names", () => {
    for (const env of ["dev", "staging", "prod"]) {
      expect(managed(`ci-deploy-${env}`)).toEqual(["arn:aws:iam::aws:policy/PowerUserAccess"]);
      const statements = inline(`ci-deploy-${env}`);
      expect(statements.find((s: any) => s.Sid === "ReadWriteOwnState").Resource).toBe(`arn:aws:s3:::news-tfstate-123456789012-us-east-1/news-${env}/*`);
      expect(statements.find((s: any) => s.Sid === "ManageOwnRolesAndPolicies").Resource).toBe(`arn:aws:iam::123456789012:role/news-${env}-*`);
    }
  });

  test("each deploy role may add a deployment tag to the repository's images, and may not delete images or change retention", () => {
    const [repository] = resourcesOfType(shared, "aws_ecr_repository");
    const arn = reference("aws_ecr_repository", repository, "arn");
    for (const env of ["dev", "staging", "prod"]) {
      const statements = inline(`ci-deploy-${env}`);
      expect(statements.find((s: any) => s.Sid === "MarkDeployedImage")).toEqual({ Sid: "MarkDeployedImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:PutImage", "ecr:DescribeImages", "ecr:GetLifecyclePolicy"], Resource: arn });
      const deny = statements.find((s: any) => s.Effect === "Deny");
      expect(deny.Resource).toBe(arn);
      expect(deny.Action).toEqual(expect.arrayContaining(["ecr:BatchDeleteImage", "ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy", "ecr:DeleteRepository"]));
    }
  });

  test("image push reaches the one repository; only the registry login is on *", () => {
    const [repository] = resourcesOfType(shared, "aws_ecr_repository");
    const statements = inline("ci-image-push");
    expect(statements.filter((s: any) => s.Resource === "*").map((s: any) => s.Action)).toEqual([["ecr:GetAuthorizationToken"]]);
    expect(statements.find((s: any) => s.Sid === "PushToTheImageRepository").Resource).toBe(reference("aws_ecr_repository", repository, "arn"));
    expect(managed("ci-image-push")).toEqual([]);
  });

  test("workflows find the role ARNs in news-shared's outputs", () => {
    expect(Object.keys(shared.output ?? {}).filter((o) => o.startsWith("ci_")).sort()).toEqual([
      "ci_deploy_role_arn_dev", "ci_deploy_role_arn_prod", "ci_deploy_role_arn_staging", "ci_image_push_role_arn", "ci_plan_role_arn", "ci_preview_role_arn",
    ]);
  });
});

describe("reusing the account's existing GitHub OIDC provider (platform ci.existingGithubOidcProviderArn)", () => {
  const existing = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
  const platformWith = (arn: string) => ({ file: PLATFORM_SOURCE.file, input: { ...PLATFORM_SOURCE.input, ci: { existingGithubOidcProviderArn: arn } } });
  const reused = synthesizeWithPlatform(validatePlatform(platformWith(existing))).shared;

  test("no provider is created; every role trusts the given ARN", () => {
    expect(resourcesOfType(reused, "aws_iam_openid_connect_provider")).toEqual([]);
    const principals = resourcesOfType(reused, "aws_iam_role").map((r) => JSON.parse(r.values.assume_role_policy).Statement[0].Principal);
    expect(principals.length).toBeGreaterThanOrEqual(2);
    for (const principal of principals) expect(principal).toEqual({ Federated: existing });
  });

  test("unset, news-shared creates the provider (the default above)", () => {
    expect(validatePlatform().ci.existingGithubOidcProviderArn).toBeUndefined();
    expect(resourcesOfType(shared, "aws_iam_openid_connect_provider")).toHaveLength(1);
  });

  test.each([
    ["another account", "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com"],
    ["another issuer", "arn:aws:iam::123456789012:oidc-provider/gitlab.com"],
    ["not an ARN", "token.actions.githubusercontent.com"],
  ])("%s is refused naming file, field, value and the one allowed ARN", (_, arn) => {
    expect(() => validatePlatform(platformWith(arn))).toThrow(
      `environments/platform.ts: ci.existingGithubOidcProviderArn = "${arn}": must be the IAM OIDC provider for token.actions.githubusercontent.com in the platform account (accountId), i.e. "${existing}"`,
    );
  });
});

test("the construct itself refuses a provider ARN of another account (it never sees the config)", () => {
  const stack = new TerraformStack(Testing.app(), "news-test");
  const props = { naming: new Naming("news", "shared"), accountId: "123456789012", repository: "o/r", stateBucket: "b", stateKeyArn: "k", environments: [], project: "news", imageRepositoryArn: "r" };
  expect(() => new GithubDeliveryRoles(stack, "delivery", { ...props, existingProviderArn: "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com" })).toThrow(
    'GithubDeliveryRoles: existingProviderArn "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com" must be arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  );
});
