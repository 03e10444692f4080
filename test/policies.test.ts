import { refreshReadsBeyondViewOnly } from "../modules/ci/plan-refresh-grants";
import { asList } from "../modules/iam/policy-document";
import { WILDCARD_RESOURCE_ACTIONS, wildcardResourceStatement } from "../modules/iam/wildcard-allowlist";
import { synthesizedApp, TerraformJson } from "./support/synth";
import { allResources, resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();
const stacks: [string, TerraformJson][] = [
  ["news-state", app.state],
  ["news-shared", app.shared],
  ...Object.entries(app.environments).map(([name, json]): [string, TerraformJson] => [`news-${name}`, json]),
];

/**
 * The Allow statements of identity policies: inline role policies and managed policies (key and bucket
 * policies are resource policies; a Deny on "*" grants nothing). The plan role's configuration reads
 * beyond ViewOnlyAccess are checked against the refresh table instead (test below).
 */
function identityStatements(stack: TerraformJson): { where: string; statement: any }[] {
  return ["aws_iam_role_policy", "aws_iam_policy"].flatMap((type) =>
    resourcesOfType(stack, type).flatMap((policy) =>
      JSON.parse(policy.values.policy)
        .Statement.filter((statement: any) => statement.Effect === "Allow" && statement.Sid !== "RefreshReadsBeyondViewOnly")
        .map((statement: any) => ({ where: `${type}.${policy.name}`, statement })),
    ),
  );
}

test("the only other Allow on \"*\": the plan and preview roles' reads beyond ViewOnlyAccess, exactly the refresh table's", () => {
  const reads = resourcesOfType(app.shared, "aws_iam_role_policy").flatMap((p) =>
    JSON.parse(p.values.policy).Statement.filter((s: any) => s.Sid === "RefreshReadsBeyondViewOnly"),
  );
  // The pull-request plan role, the deploy's release-plan role and the preview role.
  expect(reads).toEqual(
    Array(3).fill({ Sid: "RefreshReadsBeyondViewOnly", Effect: "Allow", Action: refreshReadsBeyondViewOnly(), Resource: "*" }),
  );
  expect(
    refreshReadsBeyondViewOnly().filter(
      (a) => !/^[a-z0-9-]+:(Describe|List|Get|View)/.test(a) || a === "s3:GetObject" || a === "secretsmanager:GetSecretValue",
    ),
  ).toEqual([]);
});

describe.each(stacks)("%s", (_id, stack) => {
  test("every log group has a retention and a KMS key", () => {
    for (const group of resourcesOfType(stack, "aws_cloudwatch_log_group")) {
      expect({ name: group.values.name, retention: typeof group.values.retention_in_days, key: group.values.kms_key_id }).toEqual({
        name: group.values.name,
        retention: "number",
        key: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/),
      });
    }
  });

  test('no IAM statement grants "*" actions; "*" resources only for allow-listed actions', () => {
    for (const { where, statement } of identityStatements(stack)) {
      const actions = asList<string>(statement.Action);
      expect({ where, wildcardAction: actions.filter((a) => a === "*" || a.endsWith(":*")) }).toEqual({ where, wildcardAction: [] });
      if (asList(statement.Resource).includes("*")) {
        expect({ where, unlisted: actions.filter((a) => !(a in WILDCARD_RESOURCE_ACTIONS)) }).toEqual({ where, unlisted: [] });
      }
    }
  });

  test("no secret value appears in the synthesized JSON", () => {
    const text = JSON.stringify(stack);
    // Secret material only ever enters through references: RDS-managed secrets, and generated values
    // that reach secret versions write-only, straight from an ephemeral generator.
    expect(text).not.toMatch(/"(password|auth_token|secret_string|secret_string_wo)":"(?!\$\{)/);
    for (const [type, resource] of allResources(stack)) {
      if (type !== "aws_secretsmanager_secret_version") continue;
      expect(resource.values).not.toHaveProperty("secret_string");
      expect(resource.values.secret_string_wo).toMatch(/ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password/);
    }
  });
});

describe("the wildcard allowlist", () => {
  test("every entry has a reason", () => {
    for (const [action, reason] of Object.entries(WILDCARD_RESOURCE_ACTIONS)) {
      expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  test("refuses to build a wildcard statement for anything else", () => {
    expect(() => wildcardResourceStatement("Bad", ["s3:PutObject"])).toThrow(/s3:PutObject may not be granted on Resource "\*"/);
    expect(wildcardResourceStatement("Ok", ["ecr:GetAuthorizationToken"])).toEqual({
      Sid: "Ok",
      Effect: "Allow",
      Action: ["ecr:GetAuthorizationToken"],
      Resource: "*",
    });
  });

  test("what the stacks use is exactly what the list allows (no stale entries)", () => {
    const used = new Set(
      stacks.flatMap(([, stack]) =>
        identityStatements(stack)
          .filter(({ statement }) => asList(statement.Resource).includes("*"))
          .flatMap(({ statement }) => asList<string>(statement.Action)),
      ),
    );
    expect([...used].sort()).toEqual(Object.keys(WILDCARD_RESOURCE_ACTIONS).sort());
  });
});
