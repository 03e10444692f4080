import { asList } from "../modules/iam/policy-document";
import { synthesizedApp } from "./support/synth";
import { arnMatches, reference, resourcesOfType } from "./support/terraform-json";

/**
 * The state bucket's policy, evaluated for its Deny statements the way S3 does for the condition
 * operators it uses (ArnLike / ArnNotEquals on aws:PrincipalArn): a denied request fails whatever
 * the principal's own IAM policy allows.
 */
const [policy] = resourcesOfType(synthesizedApp().state, "aws_s3_bucket_policy");
const [stateBucket] = resourcesOfType(synthesizedApp().state, "aws_s3_bucket");
const bucket = `arn:aws:s3:::${stateBucket.values.bucket}`;
// The policy names the bucket by reference; resolve it to the ARN S3 evaluates.
const statements: any[] = JSON.parse(policy.values.policy.split(reference("aws_s3_bucket", stateBucket, "arn")).join(bucket)).Statement;
const role = (name: string, account = "123456789012") => `arn:aws:iam::${account}:role/${name}`;

function denied(principal: string, action: string, key: string): boolean {
  return statements.some((s) => {
    if (
      s.Effect !== "Deny" ||
      !asList<string>(s.Action).includes(action) ||
      !asList<string>(s.Resource).some((r) => arnMatches(r, `${bucket}/${key}`))
    )
      return false;
    const like = s.Condition?.ArnLike?.["aws:PrincipalArn"];
    const notEquals = s.Condition?.ArnNotEquals?.["aws:PrincipalArn"];
    return (
      (like === undefined || asList<string>(like).some((p) => arnMatches(p, principal))) &&
      (notEquals === undefined || !asList<string>(notEquals).includes(principal))
    );
  });
}

const state = (stack: string) => `${stack}/terraform.tfstate`;
const lock = (stack: string) => `${stack}/terraform.tfstate.tflock`;

test.each(["dev", "staging", "prod"])(
  "only news-shared-ci-deploy-%s writes news-%s's state and lock; no other deploy role reads them",
  (env) => {
    const own = role(`news-shared-ci-deploy-${env}`);
    for (const key of [state(`news-${env}`), lock(`news-${env}`)]) {
      for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
        expect([action, key, denied(own, action, key)]).toEqual([action, key, false]);
    }
    for (const other of ["dev", "staging", "prod"].filter((e) => e !== env)) {
      for (const action of ["s3:GetObject", "s3:PutObject"])
        expect([other, action, denied(own, action, state(`news-${other}`))]).toEqual([other, action, true]);
    }
  },
);

test("the PR plan role reads dev's and staging's state, never prod's, and writes no state or lock", () => {
  const plan = role("news-shared-ci-plan");
  expect(denied(plan, "s3:GetObject", state("news-dev"))).toBe(false);
  expect(denied(plan, "s3:GetObject", state("news-staging"))).toBe(false);
  expect(denied(plan, "s3:GetObject", state("news-prod"))).toBe(true);
  for (const env of ["dev", "staging", "prod"]) expect(denied(plan, "s3:PutObject", lock(`news-${env}`))).toBe(true);
});

test("CI roles are kept out of news-state's and news-shared's state; workload roles and other accounts' project roles out of all", () => {
  for (const principal of [role("news-shared-ci-deploy-prod"), role("news-shared-ci-plan"), role("news-shared-ci-image-push")]) {
    for (const stack of ["news-state", "news-shared"])
      expect([principal, stack, denied(principal, "s3:GetObject", state(stack))]).toEqual([principal, stack, true]);
  }
  for (const principal of [role("news-dev-api-task"), role("news-shared-ci-deploy-prod", "999999999999")]) {
    for (const stack of ["news-state", "news-shared", "news-dev", "news-prod"])
      expect([principal, stack, denied(principal, "s3:GetObject", state(stack))]).toEqual([principal, stack, true]);
  }
});

test("the evaluator sees the denies (a project role is refused somewhere)", () => {
  expect(bucket).toBe("arn:aws:s3:::news-tfstate-123456789012-us-east-1");
  expect(denied(role("news-dev-api-task"), "s3:GetObject", state("news-dev"))).toBe(true);
});

test("administrators (roles outside the project's names) keep their IAM-granted access for bootstrap and by-hand deploys", () => {
  const admin = role("AWSReservedSSO_AdministratorAccess_0123456789abcdef");
  for (const stack of ["news-state", "news-shared", "news-prod"]) expect(denied(admin, "s3:PutObject", state(stack))).toBe(false);
});

test("the TLS-only denies are still there", () => {
  expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(["DenyInsecureTransport", "DenyTlsOlderThan12"]));
});

test("the deploy workflow's plan role reads every environment's state (prod included), never a lock, no write", () => {
  // Before: the bucket denied it every environment's state, so the deploy's plan job could not refresh.
  const releasePlan = role("news-shared-ci-release-plan");
  for (const env of ["dev", "staging", "prod"]) {
    expect([env, denied(releasePlan, "s3:GetObject", state(`news-${env}`))]).toEqual([env, false]);
    expect([
      env,
      denied(releasePlan, "s3:PutObject", state(`news-${env}`)),
      denied(releasePlan, "s3:PutObject", lock(`news-${env}`)),
    ]).toEqual([env, true, true]);
  }
});
