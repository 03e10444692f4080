import { allStacks, applyGuardrails, defineStacks } from "../stacks";
import {
  ENVIRONMENT_SOURCES,
  EnvironmentSource,
  loadEnvironments,
  PLATFORM_SOURCE,
  validateAccounts,
  validateEnvironment,
  validatePlatform,
} from "../environments";
import type { EnvironmentInput, PlatformInput } from "../environments/schema";
import { asList } from "../modules/iam/policy-document";
import { actionMatches } from "../modules/iam/action-pattern";
import { synthesize, synthesizedApp, TerraformJson } from "./support/synth";
import { arnMatches, dataSourcesOfType, reference, resourcesOfType } from "./support/terraform-json";
import { testingApp } from "./support/testing-app";

/**
 * Issue 17 item 2: prod deployed into its own account (210987654321) while the platform (state,
 * registry, dev and staging) stays in 123456789012. Both sides are synthesized from one config and
 * must name the same roles.
 */
const PLATFORM_ACCOUNT = "123456789012";
const PROD_ACCOUNT = "210987654321";
const STATE_KEY = `arn:aws:kms:us-east-1:${PLATFORM_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const bucket = `arn:aws:s3:::news-tfstate-${PLATFORM_ACCOUNT}-us-east-1`;

const platformInput = (state: Partial<PlatformInput["state"]> = { keyArn: STATE_KEY }): PlatformInput => ({
  ...PLATFORM_SOURCE.input,
  state: { ...PLATFORM_SOURCE.input.state, ...state },
});
const withEnv = (name: string, change: Partial<EnvironmentInput>): EnvironmentSource[] =>
  ENVIRONMENT_SOURCES.map((s) => (s.input.name === name ? { ...s, input: { ...s.input, ...change } } : s));

const platform = validatePlatform({ file: PLATFORM_SOURCE.file, input: platformInput() });
const app = synthesize(platform, loadEnvironments(withEnv("prod", { allowedAccountIds: [PROD_ACCOUNT] })));
const account = app.accounts[PROD_ACCOUNT];

const roleArn = (stack: TerraformJson, account: string, component: string) => {
  const role = resourcesOfType(stack, "aws_iam_role").find((r) => r.values.name.endsWith(`-${component}`));
  if (!role) throw new Error(`no role ${component}`);
  return `arn:aws:iam::${account}:role/${role.values.name}`;
};
const inline = (stack: TerraformJson, component: string) => {
  const role = resourcesOfType(stack, "aws_iam_role").find((r) => r.values.name.endsWith(`-${component}`))!;
  return JSON.parse(
    resourcesOfType(stack, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", role, "name"))!.values.policy,
  ).Statement;
};
const DEPLOY_PROD = roleArn(account, PROD_ACCOUNT, "ci-deploy-prod");
const RELEASE_PLAN_PROD = roleArn(account, PROD_ACCOUNT, "ci-release-plan");

/** Statements of the state bucket's policy with the bucket's reference resolved to its ARN. */
const bucketStatements = (state: TerraformJson): any[] => {
  const [policy] = resourcesOfType(state, "aws_s3_bucket_policy");
  const [stateBucket] = resourcesOfType(state, "aws_s3_bucket");
  return JSON.parse(policy.values.policy.split(reference("aws_s3_bucket", stateBucket, "arn")).join(bucket)).Statement;
};

/**
 * Whether the bucket policy lets a role of another account do `action` on `resource`: some Allow
 * names its account and the role (ArnEquals on aws:PrincipalArn) and no Deny refuses it.
 */
function crossAccountAllowed(statements: any[], principal: string, action: string, resource: string): boolean {
  const covers = (s: any) =>
    asList<string>(s.Action).some((a) => actionMatches(a, action)) && asList<string>(s.Resource).some((r) => arnMatches(r, resource));
  const principalAccount = principal.split(":")[4];
  const allowed = statements.some(
    (s) =>
      s.Effect === "Allow" &&
      covers(s) &&
      asList<string>(s.Principal?.AWS).includes(`arn:aws:iam::${principalAccount}:root`) &&
      asList<string>(s.Condition?.ArnEquals?.["aws:PrincipalArn"]).includes(principal),
  );
  const denied = statements.some((s) => {
    if (s.Effect !== "Deny" || !covers(s)) return false;
    const like = s.Condition?.ArnLike?.["aws:PrincipalArn"];
    const notEquals = s.Condition?.ArnNotEquals?.["aws:PrincipalArn"];
    return (
      like !== undefined &&
      asList<string>(like).some((p) => arnMatches(p, principal)) &&
      (notEquals === undefined || !asList<string>(notEquals).includes(principal))
    );
  });
  return allowed && !denied;
}

describe("prod in its own account: the per-account stack news-account-210987654321", () => {
  test("is synthesized for the prod account only, with its state in the platform's bucket under the key's ARN", () => {
    expect(Object.keys(app.accounts)).toEqual([PROD_ACCOUNT]);
    expect(account.provider?.aws?.[0]).toMatchObject({ allowed_account_ids: [PROD_ACCOUNT] });
    expect(account.terraform?.backend?.s3).toMatchObject({
      bucket: `news-tfstate-${PLATFORM_ACCOUNT}-us-east-1`,
      key: `news-account-${PROD_ACCOUNT}/terraform.tfstate`,
      kms_key_id: STATE_KEY,
      use_lockfile: true,
    });
  });

  test("creates GitHub's OIDC provider, prod's deploy role and boundary, the release-plan role; no PR plan or image-push role", () => {
    expect(resourcesOfType(account, "aws_iam_openid_connect_provider").map((p) => p.values.url)).toEqual([
      "https://token.actions.githubusercontent.com",
    ]);
    expect(
      resourcesOfType(account, "aws_iam_role")
        .map((r) => r.values.name)
        .sort(),
    ).toEqual(["news-account-ci-deploy-prod", "news-account-ci-release-plan"]);
    expect(resourcesOfType(account, "aws_iam_policy").map((p) => p.values.name)).toEqual(["news-prod-boundary"]);
    expect(Object.keys(account.output ?? {}).sort()).toEqual(["ci_deploy_role_arn_prod", "ci_release_plan_role_arn"]);
  });

  test("the deploy role has news-shared's trust: the prod GitHub environment and the deploy workflow on main", () => {
    const [provider] = resourcesOfType(account, "aws_iam_openid_connect_provider");
    const role = resourcesOfType(account, "aws_iam_role").find((r) => r.values.name === "news-account-ci-deploy-prod")!;
    expect(JSON.parse(role.values.assume_role_policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: reference("aws_iam_openid_connect_provider", provider, "arn") },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:example-org/newsstack:environment:prod",
            "token.actions.githubusercontent.com:job_workflow_ref":
              "example-org/newsstack/.github/workflows/deploy-environment.yml@refs/heads/main",
          },
        },
      },
    ]);
  });

  test("the deploy role creates roles only under prod's boundary in its account; reaches only prod's state, lock and state key", () => {
    const statements = inline(account, "ci-deploy-prod");
    const boundary = `arn:aws:iam::${PROD_ACCOUNT}:policy/news-prod-boundary`;
    expect(statements.find((s: any) => s.Sid === "CreateAndChangeRolesUnderTheBoundary")).toMatchObject({
      Resource: `arn:aws:iam::${PROD_ACCOUNT}:role/news-prod-*`,
      Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
    });
    expect(statements.find((s: any) => s.Sid === "NoRoleWithoutTheBoundary")).toMatchObject({
      Effect: "Deny",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    });
    const state = statements.filter((s: any) => asList<string>(s.Resource).some((r) => r.startsWith(bucket)));
    expect(state.map((s: any) => [s.Sid, s.Resource])).toEqual([
      ["ListOwnState", bucket],
      ["ReadWriteOwnState", [`${bucket}/news-prod/terraform.tfstate`]],
      ["TakeOwnStateLock", [`${bucket}/news-prod/terraform.tfstate.tflock`]],
    ]);
    expect(statements.find((s: any) => s.Sid === "StateKey").Resource).toBe(STATE_KEY);
  });

  test("the release-plan role reads prod's state, never its lock, and writes nothing (its one data key encrypts the saved plan)", () => {
    const statements = inline(account, "ci-release-plan");
    expect(statements.find((s: any) => s.Sid === "ReadState").Resource).toEqual([`${bucket}/news-prod/terraform.tfstate`]);
    expect(JSON.stringify(statements)).not.toContain(".tflock");
    expect(
      statements
        .filter((s: any) => s.Sid !== "EncryptSavedPlans") // test/saved-plan-key-grants.test.ts: only with the saved-plan context
        .flatMap((s: any) => asList<string>(s.Action))
        .filter((a: string) => /:(Put|Delete|Create|Update|Encrypt|GenerateDataKey)/.test(a)),
    ).toEqual([]);
  });

  test("news-shared keeps dev's and staging's CI roles and no longer holds prod's role or boundary", () => {
    const names = resourcesOfType(app.shared, "aws_iam_role").map((r) => r.values.name);
    expect(names).toEqual(expect.arrayContaining(["news-shared-ci-deploy-dev", "news-shared-ci-deploy-staging", "news-shared-ci-plan"]));
    expect(names).not.toContain("news-shared-ci-deploy-prod");
    expect(resourcesOfType(app.shared, "aws_iam_policy").map((p) => p.values.name)).not.toContain("news-prod-boundary");
  });
});

describe("prod in its own account: the platform account grants exactly prod's roles", () => {
  const statements = bucketStatements(app.state);
  const state = (stack: string) => `${bucket}/${stack}/terraform.tfstate`;

  test("the bucket policy lets prod's deploy role read and write prod's state and lock, nothing else", () => {
    for (const action of ["s3:GetObject", "s3:PutObject"])
      expect([action, crossAccountAllowed(statements, DEPLOY_PROD, action, state("news-prod"))]).toEqual([action, true]);
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
      expect([action, crossAccountAllowed(statements, DEPLOY_PROD, action, `${state("news-prod")}.tflock`)]).toEqual([action, true]);
    for (const stack of ["news-state", "news-shared", `news-account-${PROD_ACCOUNT}`, "news-dev", "news-staging"]) {
      for (const action of ["s3:GetObject", "s3:PutObject"])
        expect([stack, action, crossAccountAllowed(statements, DEPLOY_PROD, action, state(stack))]).toEqual([stack, action, false]);
    }
  });

  test("the release-plan role of prod's account reads prod's state only: no write, no lock", () => {
    expect(crossAccountAllowed(statements, RELEASE_PLAN_PROD, "s3:GetObject", state("news-prod"))).toBe(true);
    expect(crossAccountAllowed(statements, RELEASE_PLAN_PROD, "s3:PutObject", state("news-prod"))).toBe(false);
    expect(crossAccountAllowed(statements, RELEASE_PLAN_PROD, "s3:PutObject", `${state("news-prod")}.tflock`)).toBe(false);
    expect(crossAccountAllowed(statements, RELEASE_PLAN_PROD, "s3:GetObject", state("news-staging"))).toBe(false);
  });

  test("no other role of prod's account gets in, e.g. prod's task role or a look-alike name", () => {
    for (const other of [
      `arn:aws:iam::${PROD_ACCOUNT}:role/news-prod-api-task`,
      `arn:aws:iam::${PROD_ACCOUNT}:role/news-account-ci-deploy-prod2`,
      `arn:aws:iam::999999999999:role/news-account-ci-deploy-prod`,
    ]) {
      expect([other, crossAccountAllowed(statements, other, "s3:GetObject", state("news-prod"))]).toEqual([other, false]);
    }
  });

  test("the state key's policy keeps the account's IAM in charge; only those two roles use it for state, through S3", () => {
    const [key] = resourcesOfType(app.state, "aws_kms_key");
    const policy = JSON.parse(key.values.policy).Statement;
    expect(policy[0]).toEqual({
      Sid: "AccountAdministersKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${PLATFORM_ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    });
    // The saved plan's statements after these: test/saved-plan-key-grants.test.ts.
    expect(policy.slice(1, 3).map((s: any) => [s.Principal.AWS, s.Action, s.Condition])).toEqual([
      [
        [`arn:aws:iam::${PROD_ACCOUNT}:root`],
        ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        { ArnEquals: { "aws:PrincipalArn": [DEPLOY_PROD] }, StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
      ],
      [
        [`arn:aws:iam::${PROD_ACCOUNT}:root`],
        "kms:Decrypt",
        { ArnEquals: { "aws:PrincipalArn": [RELEASE_PLAN_PROD] }, StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
      ],
    ]);
  });

  test("the registry lets prod's execution role pull, its deploy role tag deployed images, its plan role describe; nothing deletes", () => {
    const [policy] = resourcesOfType(app.shared, "aws_ecr_repository_policy");
    const statements = JSON.parse(policy.values.policy).Statement;
    const executionRole = resourcesOfType(app.environments.prod, "aws_iam_role").find((r) => r.values.name.endsWith("-execution"))!;
    expect(statements.map((s: any) => [s.Sid, s.Principal.AWS, s.Condition.ArnLike["aws:PrincipalArn"]])).toEqual([
      [
        "OtherAccountsTaskExecutionRolesPull",
        [`arn:aws:iam::${PROD_ACCOUNT}:root`],
        [`arn:aws:iam::${PROD_ACCOUNT}:role/${executionRole.values.name}`],
      ],
      ["OtherAccountsDeployRolesTagDeployedImages", [`arn:aws:iam::${PROD_ACCOUNT}:root`], [DEPLOY_PROD]],
      ["OtherAccountsPlanRolesDescribe", [`arn:aws:iam::${PROD_ACCOUNT}:root`], [RELEASE_PLAN_PROD]],
    ]);
    expect(
      statements
        .flatMap((s: any) => asList<string>(s.Action))
        .filter((a: string) => /Delete|Lifecycle|SetRepositoryPolicy|Put(?!Image$)/.test(a) && a !== "ecr:GetLifecyclePolicy"),
    ).toEqual([]);
  });
});

describe("prod in its own account: news-prod runs in that account against the platform's state and registry", () => {
  const prod = app.environments.prod;

  test("the provider accepts only prod's account; the backend names the state key by ARN", () => {
    expect(prod.provider?.aws?.[0]).toMatchObject({ allowed_account_ids: [PROD_ACCOUNT] });
    expect(prod.terraform?.backend?.s3).toMatchObject({ key: "news-prod/terraform.tfstate", kms_key_id: STATE_KEY });
  });

  test("its roles carry the boundary the account stack creates, and pull from the platform's registry", () => {
    const [caller] = dataSourcesOfType(prod, "aws_caller_identity");
    for (const role of resourcesOfType(prod, "aws_iam_role"))
      expect(role.values.permissions_boundary).toBe(
        `arn:aws:iam::\${data.aws_caller_identity.${caller.name}.account_id}:policy/news-prod-boundary`,
      );
    const [repository] = dataSourcesOfType(prod, "aws_ecr_repository");
    expect(repository.values).toMatchObject({ name: "news-api", registry_id: PLATFORM_ACCOUNT });
  });
});

test("dev and staging in one non-production account share one account stack, with the PR plan role reading their state only", () => {
  const nonProd = "333333333333";
  const sources = withEnv("dev", { allowedAccountIds: [nonProd] }).map((s) =>
    s.input.name === "staging" ? { ...s, input: { ...s.input, allowedAccountIds: [PLATFORM_ACCOUNT, nonProd], accountId: nonProd } } : s,
  );
  const both = synthesize(platform, loadEnvironments(sources));
  expect(Object.keys(both.accounts)).toEqual([nonProd]);
  const stack = both.accounts[nonProd];
  expect(
    resourcesOfType(stack, "aws_iam_role")
      .map((r) => r.values.name)
      .sort(),
  ).toEqual(["news-account-ci-deploy-dev", "news-account-ci-deploy-staging", "news-account-ci-plan", "news-account-ci-release-plan"]);
  const plan = roleArn(stack, nonProd, "ci-plan");
  const statements = bucketStatements(both.state);
  expect(crossAccountAllowed(statements, plan, "s3:GetObject", `${bucket}/news-dev/terraform.tfstate`)).toBe(true);
  expect(crossAccountAllowed(statements, plan, "s3:GetObject", `${bucket}/news-staging/terraform.tfstate`)).toBe(true);
  expect(crossAccountAllowed(statements, plan, "s3:GetObject", `${bucket}/news-prod/terraform.tfstate`)).toBe(false);
  expect(crossAccountAllowed(statements, plan, "s3:PutObject", `${bucket}/news-dev/terraform.tfstate.tflock`)).toBe(false);
  expect(inline(stack, "ci-plan").find((s: any) => s.Sid === "ReadState").Resource).toEqual([
    `${bucket}/news-dev/terraform.tfstate`,
    `${bucket}/news-staging/terraform.tfstate`,
  ]);
});

describe("the default configuration keeps every environment in the platform account (the dev rehearsal is unchanged)", () => {
  test("no account stack, the default state key policy, no registry policy", () => {
    const defaults = synthesizedApp();
    expect(defaults.accounts).toEqual({});
    expect(resourcesOfType(defaults.state, "aws_kms_key")[0].values.policy).toBeUndefined();
    expect(resourcesOfType(defaults.shared, "aws_ecr_repository_policy")).toEqual([]);
    expect(bucketStatements(defaults.state).filter((s) => s.Effect === "Allow")).toEqual([]);
  });
});

describe("bad account configuration is refused before anything is written", () => {
  const prod = ENVIRONMENT_SOURCES.find((s) => s.input.name === "prod")!;
  const prodWith = (change: Partial<EnvironmentInput>) => ({ ...prod, input: { ...prod.input, ...change } });

  test.each([
    [
      "not 12 digits",
      { accountId: "21098765432" },
      'environments/prod.ts: accountId = "21098765432": must be a 12-digit AWS account id, e.g. "123456789012"',
    ],
    [
      "not in allowedAccountIds",
      { accountId: PROD_ACCOUNT },
      `environments/prod.ts: accountId = "${PROD_ACCOUNT}": must be one of allowedAccountIds ` +
        "(123456789012): the provider refuses every other account",
    ],
    [
      "an allowed account that is not 12 digits",
      { allowedAccountIds: ["prod-account"] },
      'environments/prod.ts: allowedAccountIds.0 = "prod-account": must be a 12-digit AWS account id',
    ],
    [
      "a name an account-wide stack uses",
      { name: "shared" },
      'environments/prod.ts: name = "shared": is reserved for an account-wide stack\'s names (state, shared, account); choose another',
    ],
  ])("%s", (_, change, message) => {
    expect(() => validateEnvironment(prodWith(change))).toThrow(message);
  });

  test("an environment in another account without the state key's ARN names platform.ts state.keyArn", () => {
    const withoutKey = validatePlatform({ file: PLATFORM_SOURCE.file, input: platformInput({ keyArn: undefined }) });
    const environments = loadEnvironments(withEnv("prod", { allowedAccountIds: [PROD_ACCOUNT] }));
    const message =
      "environments/platform.ts: state.keyArn = missing: must be news-state's state_key_arn output, " +
      `since prod is deployed into account ${PROD_ACCOUNT}`;
    expect(() => validateAccounts(withoutKey, environments)).toThrow(message);
    expect(() => synthesize(withoutKey, environments)).toThrow(message);
  });

  test.each([
    [
      "of another account",
      `arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      'must be a key in the platform\'s account and region ("arn:aws:kms:us-east-1:123456789012:key/…")',
    ],
    ["an alias", "arn:aws:kms:us-east-1:123456789012:alias/news-tfstate", "must be a KMS key ARN"],
  ])("a state key ARN %s is refused", (_, keyArn, message) => {
    expect(() => validatePlatform({ file: PLATFORM_SOURCE.file, input: platformInput({ keyArn }) })).toThrow(
      `environments/platform.ts: state.keyArn = "${keyArn}": ${message}`,
    );
  });
});

test("every stack of the prod-in-its-own-account configuration passes the guardrails (IAM-010 included)", () => {
  const stacks = defineStacks(testingApp(), platform, loadEnvironments(withEnv("prod", { allowedAccountIds: [PROD_ACCOUNT] })));
  const report = applyGuardrails(stacks).checkAll(allStacks(stacks));
  expect(report.errors.map((e) => `${e.ruleId} ${e.message}`)).toEqual([]);
});

test("selecting environments (NEWSSTACK_ENVIRONMENTS=dev) keeps every account stack, like news-shared: roles never depend on it", () => {
  const environments = loadEnvironments(withEnv("prod", { allowedAccountIds: [PROD_ACCOUNT] }));
  const stacks = defineStacks(
    testingApp(),
    platform,
    environments,
    environments.filter((e) => e.name === "dev"),
  );
  expect([Object.keys(stacks.accounts), Object.keys(stacks.environments)]).toEqual([[PROD_ACCOUNT], ["dev"]]);
  expect(allStacks(stacks).map((s) => s.node.id)).toEqual(["news-state", "news-shared", `news-account-${PROD_ACCOUNT}`, "news-dev"]);
});
