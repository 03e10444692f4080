import { loadEnvironments, ENVIRONMENT_SOURCES, PLATFORM_SOURCE, validatePlatform } from "../environments";
import { actionMatches } from "../modules/iam/action-pattern";
import { asList, policyStatements } from "../modules/iam/policy-document";
import { synthesize, synthesizedApp, TerraformJson } from "./support/synth";
import { dataSourcesOfType, reference, resourcesOfType } from "./support/terraform-json";

/**
 * The saved plan is encrypted with a data key of the state key (tools/ci/saved-plan-envelope.ts). Only the
 * deploy workflow's plan role may make such keys, and only a stack's own deploy role may unwrap one, both
 * only with the saved-plan encryption context; every other use of the state key is S3's (its SSE-KMS), so
 * no role that can read the artifact (e.g. a pull request's plan or preview role) can decrypt a saved plan.
 */
const THROUGH_S3 = { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } };
const context = (stack: string | string[]) => ({
  StringEquals: { "kms:EncryptionContext:purpose": "saved-plan", "kms:EncryptionContext:stack": stack },
});

const inlineOf = (stack: TerraformJson, roleName: string) => {
  const role = resourcesOfType(stack, "aws_iam_role").find((r) => r.values.name === roleName);
  if (!role) throw new Error(`no role ${roleName}`);
  const policy = resourcesOfType(stack, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", role, "name"))!;
  return policyStatements(policy.values.policy);
};
/** Statements of a role letting it call `action` on the state key. */
const keyGrants = (statements: any[], key: string, action: string) =>
  statements.filter(
    (s) =>
      s.Effect === "Allow" && asList<string>(s.Resource).includes(key) && asList<string>(s.Action).some((a) => actionMatches(a, action)),
  );

describe("one account (the default configuration): the CI roles' own policies", () => {
  const shared = synthesizedApp().shared;
  const [alias] = dataSourcesOfType(shared, "aws_kms_alias");
  const key = `\${data.aws_kms_alias.${alias.name}.target_key_arn}`;

  test("the deploy workflow's plan role generates data keys only for saved plans of the environments it plans", () => {
    const statements = inlineOf(shared, "news-shared-ci-release-plan");
    expect(keyGrants(statements, key, "kms:GenerateDataKey")).toEqual([
      {
        Sid: "EncryptSavedPlans",
        Effect: "Allow",
        Action: "kms:GenerateDataKey",
        Resource: key,
        Condition: context(["news-dev", "news-staging", "news-prod"]),
      },
    ]);
    // Reading state stays S3's: it cannot unwrap a saved plan's key.
    expect(keyGrants(statements, key, "kms:Decrypt")).toEqual([
      { Sid: "StateKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: key, Condition: THROUGH_S3 },
    ]);
  });

  test.each(["dev", "staging", "prod"])(
    "news-shared-ci-deploy-%s decrypts only its own stack's saved plan; its state through S3",
    (env) => {
      const statements = inlineOf(shared, `news-shared-ci-deploy-${env}`);
      expect(keyGrants(statements, key, "kms:Decrypt")).toEqual([
        {
          Sid: "StateKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
          Resource: key,
          Condition: THROUGH_S3,
        },
        { Sid: "DecryptOwnSavedPlan", Effect: "Allow", Action: "kms:Decrypt", Resource: key, Condition: context(`news-${env}`) },
      ]);
    },
  );

  test.each(["news-shared-ci-plan", "news-shared-ci-preview"])(
    "%s (reachable from pull requests) uses the state key only through S3: it cannot decrypt a saved plan",
    (role) => {
      const grants = keyGrants(inlineOf(shared, role), key, "kms:Decrypt");
      expect(grants.map((s) => s.Sid)).toEqual(["StateKey"]);
      expect(grants[0].Condition).toEqual(THROUGH_S3);
    },
  );

  test("the state key keeps its default policy (IAM decides) and the image-push role has no grant on it", () => {
    expect(resourcesOfType(synthesizedApp().state, "aws_kms_key")[0].values.policy).toBeUndefined();
    expect(JSON.stringify(inlineOf(shared, "news-shared-ci-image-push"))).not.toContain("kms:");
  });
});

describe("prod in its own account: the state key's policy and the account stack's roles", () => {
  const PROD_ACCOUNT = "210987654321";
  const STATE_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const platform = validatePlatform({
    file: PLATFORM_SOURCE.file,
    input: { ...PLATFORM_SOURCE.input, state: { ...PLATFORM_SOURCE.input.state, keyArn: STATE_KEY } },
  });
  const sources = ENVIRONMENT_SOURCES.map((s) =>
    s.input.name === "prod" ? { ...s, input: { ...s.input, allowedAccountIds: [PROD_ACCOUNT] } } : s,
  );
  const app = synthesize(platform, loadEnvironments(sources));
  const DEPLOY_PROD = `arn:aws:iam::${PROD_ACCOUNT}:role/news-account-ci-deploy-prod`;
  const RELEASE_PLAN_PROD = `arn:aws:iam::${PROD_ACCOUNT}:role/news-account-ci-release-plan`;

  test("key policy: prod's release-plan role generates, its deploy role decrypts a data key, only in prod's saved-plan context", () => {
    const policy = policyStatements(resourcesOfType(app.state, "aws_kms_key")[0].values.policy);
    expect(policy.filter((s) => /SavedPlan/.test(s.Sid))).toEqual([
      {
        Sid: "OtherAccountsEncryptSavedPlannewsprod",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${PROD_ACCOUNT}:root`] },
        Action: "kms:GenerateDataKey",
        Resource: "*",
        Condition: { ArnEquals: { "aws:PrincipalArn": [RELEASE_PLAN_PROD] }, ...context("news-prod") },
      },
      {
        Sid: "OtherAccountsDecryptSavedPlannewsprod",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${PROD_ACCOUNT}:root`] },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { ArnEquals: { "aws:PrincipalArn": [DEPLOY_PROD] }, ...context("news-prod") },
      },
    ]);
    // Every other statement letting prod's account in is S3's.
    for (const statement of policy.filter((s) => s.Principal?.AWS?.[0] === `arn:aws:iam::${PROD_ACCOUNT}:root` && !/SavedPlan/.test(s.Sid)))
      expect(statement.Condition.StringLike).toEqual(THROUGH_S3.StringLike);
  });

  test("the account stack's roles grant the same, on the state key by ARN", () => {
    const account = app.accounts[PROD_ACCOUNT];
    expect(keyGrants(inlineOf(account, "news-account-ci-release-plan"), STATE_KEY, "kms:GenerateDataKey")).toEqual([
      { Sid: "EncryptSavedPlans", Effect: "Allow", Action: "kms:GenerateDataKey", Resource: STATE_KEY, Condition: context("news-prod") },
    ]);
    expect(keyGrants(inlineOf(account, "news-account-ci-deploy-prod"), STATE_KEY, "kms:Decrypt").map((s) => s.Condition)).toEqual([
      THROUGH_S3,
      context("news-prod"),
    ]);
  });
});
