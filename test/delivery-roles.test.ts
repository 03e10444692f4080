import { TerraformStack } from "cdktf";
import { GithubDeliveryRoles } from "../modules/ci/github-oidc";
import { Naming } from "../modules/naming";
import { PLATFORM_SOURCE, validatePlatform } from "../environments";
import { synthesizedApp, synthesizeWithPlatform } from "./support/synth";
import { arnMatches, dataSourcesOfType, reference, resourcesOfType } from "./support/terraform-json";
import { actionMatches } from "../modules/iam/action-pattern";
import { asList } from "../modules/iam/policy-document";
import { testingApp } from "./support/testing-app";

const shared = synthesizedApp().shared;
const bucket = "arn:aws:s3:::news-tfstate-123456789012-us-east-1";
const roles = resourcesOfType(shared, "aws_iam_role");
const roleNamed = (suffix: string) => roles.find((r) => r.values.name === `news-shared-${suffix}`)!;
const trust = (suffix: string) => JSON.parse(roleNamed(suffix).values.assume_role_policy).Statement[0];
const inline = (suffix: string) =>
  JSON.parse(
    resourcesOfType(shared, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", roleNamed(suffix), "name"))!
      .values.policy,
  ).Statement;
const managed = (suffix: string) =>
  resourcesOfType(shared, "aws_iam_role_policy_attachment")
    .filter((a) => a.values.role === reference("aws_iam_role", roleNamed(suffix), "name"))
    .map((a) => a.values.policy_arn);

describe("GitHub OIDC delivery roles in news-shared", () => {
  test("one OIDC provider for GitHub, audience sts.amazonaws.com", () => {
    const [provider] = resourcesOfType(shared, "aws_iam_openid_connect_provider");
    expect(provider.values).toMatchObject({ url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] });
  });

  const deployWorkflow = "example-org/newsstack/.github/workflows/deploy-environment.yml@refs/heads/main";
  test.each([
    ["ci-plan", { sub: "repo:example-org/newsstack:pull_request" }],
    ["ci-deploy-dev", { sub: "repo:example-org/newsstack:environment:dev", job_workflow_ref: deployWorkflow }],
    ["ci-deploy-staging", { sub: "repo:example-org/newsstack:environment:staging", job_workflow_ref: deployWorkflow }],
    ["ci-deploy-prod", { sub: "repo:example-org/newsstack:environment:prod", job_workflow_ref: deployWorkflow }],
    ["ci-release-plan", { sub: "repo:example-org/newsstack:ref:refs/heads/main", job_workflow_ref: deployWorkflow }],
    ["ci-image-push", { sub: "repo:example-org/newsstack:ref:refs/heads/main" }],
  ])("%s is trusted only for %j, through the provider", (role, claims) => {
    const [provider] = resourcesOfType(shared, "aws_iam_openid_connect_provider");
    const conditions = Object.fromEntries(Object.entries(claims).map(([k, v]) => [`token.actions.githubusercontent.com:${k}`, v]));
    expect(trust(role)).toEqual({
      Effect: "Allow",
      Principal: { Federated: reference("aws_iam_openid_connect_provider", provider, "arn") },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", ...conditions } },
    });
  });

  test("the plan role takes no lock and writes nothing: no Put, Delete, Create, Update or Encrypt action", () => {
    const writes = inline("ci-plan").flatMap((s: any) =>
      asList<string>(s.Action).filter((a) => /:(Put|Delete|Create|Update|Encrypt|GenerateDataKey)/.test(a)),
    );
    expect(writes).toEqual([]);
    expect(JSON.stringify(inline("ci-plan"))).not.toContain(".tflock");
    const [alias] = dataSourcesOfType(shared, "aws_kms_alias");
    expect(alias.values.name).toBe("alias/news-tfstate");
    expect(inline("ci-plan").find((s: any) => s.Sid === "StateKey")).toMatchObject({
      Action: ["kms:Decrypt"],
      Resource: `\${data.aws_kms_alias.${alias.name}.target_key_arn}`,
    });
  });

  test("the plan role reads the state of dev and staging, never prod's", () => {
    const objectReads = inline("ci-plan").filter((s: any) =>
      asList<string>(s.Action).some((a) => actionMatches(a, "s3:GetObject") || actionMatches(a, "s3:ListBucket")),
    );
    const objects = objectReads.flatMap((s: any) => asList<string>(s.Resource));
    expect(objects).toEqual([`${bucket}`, `${bucket}/news-dev/terraform.tfstate`, `${bucket}/news-staging/terraform.tfstate`]);
    expect(inline("ci-plan").find((s: any) => s.Sid === "ListOwnState").Condition).toEqual({
      StringLike: { "s3:prefix": ["news-dev/*", "news-staging/*"] },
    });
  });

  test("each deploy role reaches only its own environment's state object and lock file", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const statements = inline(`ci-deploy-${env}`);
      const s3 = statements.filter(
        (s: any) =>
          s.Effect === "Allow" &&
          asList<string>(s.Action).some((a) => a.startsWith("s3:")) &&
          asList<string>(s.Resource).some((r) => r.startsWith(bucket)),
      );
      expect(s3.map((s: any) => [s.Sid, s.Action, s.Resource])).toEqual([
        ["ListOwnState", "s3:ListBucket", bucket],
        ["ReadWriteOwnState", ["s3:GetObject", "s3:PutObject"], [`${bucket}/news-${env}/terraform.tfstate`]],
        ["TakeOwnStateLock", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], [`${bucket}/news-${env}/terraform.tfstate.tflock`]],
      ]);
      expect(s3[0].Condition).toEqual({ StringLike: { "s3:prefix": [`news-${env}/*`] } });
      // No other statement's resource pattern reaches the state bucket (e.g. s3 on news-<env>-* buckets).
      const others = statements.filter(
        (s: any) => !s3.includes(s) && s.Effect === "Allow" && asList<string>(s.Action).some((a) => a.startsWith("s3:")),
      );
      for (const statement of others)
        for (const resource of asList<string>(statement.Resource))
          expect([
            statement.Sid,
            resource,
            arnMatches(resource, `${bucket}/news-prod/terraform.tfstate`) || arnMatches(resource, bucket),
          ]).toEqual([statement.Sid, resource, false]);
    }
  });

  test("no CI role can create or change a role or policy without its environment's boundary", () => {
    const changes = [
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:AttachRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
      "iam:CreatePolicy",
      "iam:CreatePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:CreateUser",
    ];
    for (const role of ["ci-plan", "ci-image-push", "ci-deploy-dev", "ci-deploy-staging", "ci-deploy-prod"]) {
      const env = role.replace("ci-deploy-", "");
      const boundary = `arn:aws:iam::123456789012:policy/news-${env}-boundary`;
      for (const statement of inline(role).filter((s: any) => s.Effect === "Allow")) {
        const granted = changes.filter((action) => asList<string>(statement.Action).some((pattern) => actionMatches(pattern, action)));
        if (granted.length === 0) continue;
        expect({ role, granted, condition: statement.Condition }).toEqual({
          role,
          granted: granted.filter((a) =>
            ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary"].includes(a),
          ),
          condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
        });
      }
      if (!role.startsWith("ci-deploy-")) continue;
      // A Deny backs the conditions up, whatever else a role is ever given.
      expect(inline(role).find((s: any) => s.Sid === "NoRoleWithoutTheBoundary")).toMatchObject({
        Effect: "Deny",
        Resource: "*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
      });
      expect(inline(role).find((s: any) => s.Sid === "NoBoundaryOrManagedPolicyChanges").Action).toEqual(
        expect.arrayContaining(["iam:AttachRolePolicy", "iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion"]),
      );
    }
  });

  test("each environment's boundary exists in news-shared and allows no IAM", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const policy = resourcesOfType(shared, "aws_iam_policy").find((p) => p.values.name === `news-${env}-boundary`)!;
      const statements = JSON.parse(policy.values.policy).Statement;
      expect(
        statements
          .filter((s: any) => s.Effect === "Allow")
          .flatMap((s: any) => asList<string>(s.Action))
          .filter((a: string) => a.startsWith("iam:") || a.startsWith("sts:")),
      ).toEqual([]);
      expect(statements.find((s: any) => s.Effect === "Deny").Action).toEqual(
        expect.arrayContaining(["iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"]),
      );
    }
  });

  test.each(Object.keys(synthesizedApp().environments))("news-%s: every role carries the environment's boundary", (env) => {
    const stack = synthesizedApp().environments[env];
    const roles = resourcesOfType(stack, "aws_iam_role");
    expect(roles.length).toBeGreaterThanOrEqual(3);
    const [caller] = dataSourcesOfType(stack, "aws_caller_identity");
    for (const role of roles)
      expect([role.name, role.values.permissions_boundary]).toEqual([
        role.name,
        `arn:aws:iam::\${data.aws_caller_identity.${caller.name}.account_id}:policy/news-${env}-boundary`,
      ]);
  });

  test("deploy roles hand roles only to the services that run them, and attach no managed policy but ViewOnlyAccess", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const passes = inline(`ci-deploy-${env}`).filter(
        (s: any) => s.Effect === "Allow" && asList<string>(s.Action).some((a) => actionMatches(a, "iam:PassRole")),
      );
      expect(passes).toEqual([
        {
          Sid: "PassOwnRolesToTheirServices",
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: `arn:aws:iam::123456789012:role/news-${env}-*`,
          Condition: {
            StringEquals: {
              "iam:PassedToService": [
                "ecs-tasks.amazonaws.com",
                "vpc-flow-logs.amazonaws.com",
                "ecs.amazonaws.com",
                "lambda.amazonaws.com",
                "scheduler.amazonaws.com",
              ],
            },
          },
        },
      ]);
      expect(managed(`ci-deploy-${env}`)).toEqual(["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
      expect(inline(`ci-deploy-${env}`).find((s: any) => s.Sid === "OwnKeys").Condition).toEqual({
        StringEquals: { "aws:ResourceTag/Environment": env },
      });
    }
  });

  test("each deploy role may add a deployment tag to the repository's images, and may not delete images or change retention", () => {
    const [repository] = resourcesOfType(shared, "aws_ecr_repository");
    const arn = reference("aws_ecr_repository", repository, "arn");
    for (const env of ["dev", "staging", "prod"]) {
      const statements = inline(`ci-deploy-${env}`);
      expect(statements.find((s: any) => s.Sid === "MarkDeployedImage")).toMatchObject({
        Effect: "Allow",
        Action: expect.arrayContaining(["ecr:BatchGetImage", "ecr:PutImage", "ecr:DescribeImages", "ecr:GetLifecyclePolicy"]),
        Resource: arn,
      });
      const deny = statements.find((s: any) => s.Sid === "RegistryRetentionIsNewsShared");
      expect(deny.Resource).toBe(arn);
      expect(deny.Action).toEqual(
        expect.arrayContaining(["ecr:BatchDeleteImage", "ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy", "ecr:DeleteRepository"]),
      );
    }
  });

  test("image push reaches the one repository; only the registry login is on *", () => {
    const [repository] = resourcesOfType(shared, "aws_ecr_repository");
    const statements = inline("ci-image-push");
    expect(statements.filter((s: any) => s.Resource === "*").map((s: any) => s.Action)).toEqual([["ecr:GetAuthorizationToken"]]);
    expect(statements.find((s: any) => s.Sid === "PushToTheImageRepository").Resource).toBe(
      reference("aws_ecr_repository", repository, "arn"),
    );
    expect(managed("ci-image-push")).toEqual([]);
  });

  test("workflows find the role ARNs in news-shared's outputs", () => {
    expect(
      Object.keys(shared.output ?? {})
        .filter((o) => o.startsWith("ci_"))
        .sort(),
    ).toEqual([
      "ci_deploy_role_arn_dev",
      "ci_deploy_role_arn_prod",
      "ci_deploy_role_arn_staging",
      "ci_image_push_role_arn",
      "ci_plan_role_arn",
      "ci_preview_role_arn",
      "ci_release_plan_role_arn",
    ]);
  });
});

describe("reusing the account's existing GitHub OIDC provider (platform ci.existingGithubOidcProviderArn)", () => {
  const existing = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
  const platformWith = (arn: string) => ({
    file: PLATFORM_SOURCE.file,
    input: { ...PLATFORM_SOURCE.input, ci: { existingGithubOidcProviderArn: arn } },
  });
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
      `environments/platform.ts: ci.existingGithubOidcProviderArn = "${arn}": must be the IAM OIDC ` +
        "provider for token.actions.githubusercontent.com in the platform account (accountId), i.e. " +
        `"${existing}"`,
    );
  });
});

test("the construct itself refuses a provider ARN of another account (it never sees the config)", () => {
  const stack = new TerraformStack(testingApp(), "news-test");
  const props = {
    naming: new Naming("news", "shared"),
    accountId: "123456789012",
    repository: "o/r",
    stateBucket: "b",
    stateKeyArn: "k",
    environments: [],
    project: "news",
    imageRepositoryArn: "r",
  } as const;
  expect(
    () =>
      new GithubDeliveryRoles(stack, "delivery", {
        ...props,
        existingProviderArn: "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com",
      }),
  ).toThrow(
    "GithubDeliveryRoles: existingProviderArn " +
      '"arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com" must be ' +
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  );
});

describe("every role an environment creates can do its job under the environment's boundary", () => {
  // Found merging progressive delivery with the boundaries: the traffic-shift and smoke-hook roles
  // would have been capped to nothing by a boundary written before they existed.
  const boundaryActions = (env: string) =>
    JSON.parse(resourcesOfType(shared, "aws_iam_policy").find((p) => p.values.name === `news-${env}-boundary`)!.values.policy)
      .Statement.filter((s: any) => s.Effect === "Allow")
      .flatMap((s: any) => asList<string>(s.Action));
  test.each(["dev", "staging", "prod"])("news-%s", (env) => {
    const stack = synthesizedApp().environments[env as "dev" | "staging" | "prod"];
    const allowed = boundaryActions(env);
    const granted = resourcesOfType(stack, "aws_iam_role_policy").flatMap((p) =>
      JSON.parse(p.values.policy)
        .Statement.filter((s: any) => s.Effect === "Allow")
        .flatMap((s: any) => asList<string>(s.Action)),
    );
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.filter((action: string) => !allowed.some((pattern: string) => actionMatches(pattern, action)))).toEqual([]);
  });
});
