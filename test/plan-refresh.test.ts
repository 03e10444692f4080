import excerpt from "../modules/iam/readonly-access-excerpt.json";
import viewOnly from "../modules/iam/viewonly-access-excerpt.json";
import { actionMatches, grantingPattern } from "../modules/iam/action-pattern";
import { asList, policyStatements } from "../modules/iam/policy-document";
import { ExplicitScope, REFRESH_READS, refreshServices } from "../modules/iam/refresh-reads";
import { WILDCARD_RESOURCE_ACTIONS } from "../modules/iam/wildcard-allowlist";
import { excerptActions } from "../tools/iam/readonly-access-excerpt";
import { realEnvironments, synthesizedApp, TerraformJson } from "./support/synth";
import { arnMatches, dataSourcesOfType, reference, resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();
const stacks: [string, TerraformJson][] = [
  ["news-state", app.state],
  ["news-shared", app.shared],
  ...Object.entries(app.environments).map(([n, s]): [string, TerraformJson] => [`news-${n}`, s]),
];

/** `<kind>.<type>` of every block a plan refreshes or opens in a stack. */
function refreshedTypes(stack: TerraformJson): string[] {
  return [
    ...Object.keys(stack.terraform?.backend ?? {}).map((t) => `backend.${t}`),
    ...Object.keys(stack.resource ?? {}).map((t) => `resource.${t}`),
    ...Object.keys(stack.data ?? {}).map((t) => `data.${t}`),
    ...Object.keys(stack.ephemeral ?? {}).map((t) => `ephemeral.${t}`),
  ];
}

const planRole = resourcesOfType(app.shared, "aws_iam_role").find((r) => r.values.name === "news-shared-ci-plan")!;
const planStatements = resourcesOfType(app.shared, "aws_iam_role_policy")
  .filter((p) => p.values.role === reference("aws_iam_role", planRole, "name"))
  .flatMap((p) => policyStatements(p.values.policy));
const planManaged = resourcesOfType(app.shared, "aws_iam_role_policy_attachment")
  .filter((a) => a.values.role === reference("aws_iam_role", planRole, "name"))
  .map((a) => a.values.policy_arn);
const grantsOf = (action: string) =>
  planStatements.filter((s) => s.Effect === "Allow" && asList<string>(s.Action).some((a) => actionMatches(a, action)));
/** The environments a pull-request plan refreshes: non-production ones in the platform account. */
const envsInAccount = realEnvironments()
  .filter((e) => e.allowedAccountIds.includes("123456789012") && e.tier !== "production")
  .map((e) => e.name);

describe("the refresh table (modules/iam/refresh-reads.ts)", () => {
  test.each(stacks)("%s: every resource, data source, ephemeral resource and backend type has an entry", (_, stack) => {
    expect(refreshedTypes(stack).filter((t) => !(t in REFRESH_READS))).toEqual([]);
  });

  test("the ReadOnlyAccess excerpt is AWS's policy, sourced, and covers every service the table reads", () => {
    expect(excerpt).toMatchObject({
      policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      source: expect.stringMatching(/^moto \S+, moto\/iam\/aws_managed_policies\.py/),
    });
    expect(excerpt.extracted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(refreshServices().filter((s) => !excerpt.services.includes(s))).toEqual([]); // else: npm run iam:readonly-excerpt
  });

  test("an action marked ReadOnlyAccess is in the excerpt; an explicit one is not (its grant is needed)", () => {
    const wrong = Object.entries(REFRESH_READS).flatMap(([type, reads]) =>
      reads
        .filter((r) => (r.grant === "ReadOnlyAccess") !== (grantingPattern(excerpt.actions, r.action) !== undefined))
        .map((r) => `${type} ${r.action} marked ${JSON.stringify(r.grant)}`),
    );
    expect(wrong).toEqual([]);
  });

  test("the plan role has ViewOnlyAccess attached, not ReadOnlyAccess (which reads every object and secret)", () => {
    expect(planManaged).toEqual([viewOnly.policyArn]);
  });

  test("every configuration read the table needs is ViewOnlyAccess's or in the plan role's one statement of reads beyond it", () => {
    const reads = Object.entries(REFRESH_READS)
      .filter(([type]) => !type.startsWith("backend."))
      .flatMap(([, rows]) => rows.filter((r) => r.grant === "ReadOnlyAccess").map((r) => r.action));
    const beyond = planStatements.find((s) => s.Sid === "RefreshReadsBeyondViewOnly")!;
    expect(beyond.Resource).toBe("*");
    expect(
      reads.filter((action) => grantingPattern(viewOnly.actions, action) === undefined && !asList<string>(beyond.Action).includes(action)),
    ).toEqual([]);
    // …and nothing else: no data read (objects, secret values) rides on "*".
    expect(asList<string>(beyond.Action).filter((a) => !reads.includes(a) || grantingPattern(viewOnly.actions, a) !== undefined)).toEqual(
      [],
    );
    expect(asList<string>(beyond.Action)).not.toContain("s3:GetObject");
  });

  const explicitReads = Object.entries(REFRESH_READS).flatMap(([type, reads]) =>
    reads.flatMap((r) => (r.grant === "ReadOnlyAccess" ? [] : [[type, r.action, r.grant.explicit] as [string, string, ExplicitScope]])),
  );
  /** What a statement granting an action of each scope must look like. */
  const scoped: Record<ExplicitScope, (s: Record<string, any>) => boolean> = {
    "environment-secrets": (s) =>
      JSON.stringify(asList(s.Resource).sort()) ===
      JSON.stringify(envsInAccount.map((e) => `arn:aws:secretsmanager:*:123456789012:secret:news/${e}/*`).sort()),
    "environment-keys-for-secrets": (s) =>
      s.Resource === "arn:aws:kms:*:123456789012:key/*" &&
      JSON.stringify(s.Condition?.["ForAnyValue:StringEquals"]?.["kms:ResourceAliases"]) ===
        JSON.stringify(envsInAccount.map((e) => `alias/news-${e}`)) &&
      s.Condition?.StringLike?.["kms:ViaService"] === "secretsmanager.*.amazonaws.com" &&
      asList<string>(s.Condition?.StringLike?.["kms:EncryptionContext:SecretARN"]).every((arn) =>
        /:secret:news\/[a-z0-9-]+\/\*$/.test(arn),
      ),
    "state-key": (s) => s.Resource === `\${data.aws_kms_alias.${dataSourcesOfType(app.shared, "aws_kms_alias")[0].name}.target_key_arn}`,
    "no-resource": (s) => s.Resource === "*" && asList<string>(s.Action).every((a) => a in WILDCARD_RESOURCE_ACTIONS),
  };

  test.each(explicitReads)("%s: %s is granted to the plan role, scoped to %s", (_, action, scope) => {
    expect(grantsOf(action).some(scoped[scope])).toBe(true);
    // No statement grants it more widely than one of the scopes the table needs it for.
    const scopesOfAction = explicitReads.filter(([, a]) => a === action).map(([, , s]) => s);
    for (const grant of grantsOf(action))
      expect({ sid: grant.Sid, scoped: scopesOfAction.some((s) => scoped[s](grant)) }).toEqual({ sid: grant.Sid, scoped: true });
  });

  test("the plan role's own statements grant exactly reading state, the reads beyond ViewOnlyAccess and the table's explicit reads", () => {
    const granted = new Set(planStatements.filter((s) => s.Sid !== "RefreshReadsBeyondViewOnly").flatMap((s) => asList<string>(s.Action)));
    const state = ["s3:ListBucket", "s3:GetObject", "kms:Decrypt"];
    expect([...granted].sort()).toEqual([...new Set([...state, ...explicitReads.map(([, action]) => action)])].sort());
  });
});

describe("a PR plan can refresh every non-production environment's secrets, and no production secret", () => {
  const planned = Object.entries(app.environments).filter(([name]) => envsInAccount.includes(name));
  test("prod is not planned by pull requests", () => {
    expect(planned.map(([name]) => name).sort()).toEqual(["dev", "staging"]);
    const resources = grantsOf("secretsmanager:GetSecretValue").flatMap((s) => asList<string>(s.Resource));
    expect(resources.some((r) => arnMatches(r, "arn:aws:secretsmanager:us-east-1:123456789012:secret:news/prod/api-key-AbCdEf"))).toBe(
      false,
    );
  });

  test.each(planned)("news-%s: GetSecretValue reaches every secret whose version is refreshed or read", (name, stack) => {
    const readSecrets = resourcesOfType(stack, "aws_secretsmanager_secret").filter((secret) =>
      [
        ...resourcesOfType(stack, "aws_secretsmanager_secret_version"),
        ...dataSourcesOfType(stack, "aws_secretsmanager_secret_version"),
      ].some((v) => v.values.secret_id === reference("aws_secretsmanager_secret", secret)),
    );
    expect(readSecrets.length).toBeGreaterThan(0);
    const resources = grantsOf("secretsmanager:GetSecretValue").flatMap((s) => asList<string>(s.Resource));
    for (const secret of readSecrets) {
      const arn = `arn:aws:secretsmanager:us-east-1:123456789012:secret:${secret.values.name}-AbCdEf`; // AWS appends 6 random characters
      expect({ secret: secret.values.name, readable: resources.some((r) => arnMatches(r, arn)) }).toEqual({
        secret: secret.values.name,
        readable: true,
      });
    }
    // …and nothing of another environment.
    expect(resources.some((r) => arnMatches(r, `arn:aws:secretsmanager:us-east-1:123456789012:secret:news/${name}x/api-key-AbCdEf`))).toBe(
      false,
    );
  });
});

describe("the excerpt generator (tools/iam/readonly-access-excerpt.ts)", () => {
  test("keeps Allow actions of the listed services, sorted and once each", () => {
    const policy = {
      DefaultVersionId: "v1",
      UpdateDate: "2026-01-01",
      Document: {
        Statement: [
          { Effect: "Allow", Action: ["s3:List*", "ec2:Describe*", "s3:Get*"] },
          { Effect: "Allow", Action: "s3:Get*" },
          { Effect: "Deny", Action: "kms:Decrypt" },
        ],
      },
    };
    expect(excerptActions(policy, ["s3", "kms"])).toEqual(["s3:Get*", "s3:List*"]);
  });
});

test("IAM action patterns match as IAM does: wildcards, case-insensitive, whole action", () => {
  expect(actionMatches("s3:Get*", "s3:GetBucketAcl")).toBe(true);
  expect(actionMatches("s3:get*", "s3:GetObject")).toBe(true);
  expect(actionMatches("s3:Get*", "s3:PutObject")).toBe(false);
  expect(actionMatches("secretsmanager:Describe*", "secretsmanager:GetSecretValue")).toBe(false);
  expect(actionMatches("ec2:Describe?pcs", "ec2:DescribeVpcs")).toBe(true);
  // A pattern's compiled expression is reused: a second match after a miss is still a match.
  expect(actionMatches("s3:Get*", "s3:GetBucketAcl")).toBe(true);
});
