import { PREVIEW_CREATE_ACTIONS } from "../modules/ci/preview-deploy-role";
import { asList, policyStatements } from "../modules/iam/policy-document";
import { WILDCARD_RESOURCE_ACTIONS } from "../modules/iam/wildcard-allowlist";
import { synthesizedApp } from "./support/synth";
import { reference, resourcesOfType } from "./support/terraform-json";

/** The preview workflow's role: news-pr<N> stacks and nothing else. */
const shared = synthesizedApp().shared;
const [role] = resourcesOfType(shared, "aws_iam_role").filter((r) => r.values.name === "news-shared-ci-preview");
const [policy] = resourcesOfType(shared, "aws_iam_role_policy").filter((p) => p.values.role === reference("aws_iam_role", role, "name"));
const statements = policyStatements(policy.values.policy);
const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));

test("only jobs in the repository's preview GitHub environment assume it", () => {
  const [trust] = policyStatements(role.values.assume_role_policy);
  expect(trust.Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:example-org/newsstack:environment:preview");
  expect(shared.output?.ci_preview_role_arn?.value).toBe(reference("aws_iam_role", role, "arn"));
});

test("state: lists, reads and writes the news-pr* keys only", () => {
  expect(bySid.ListPreviewState.Condition).toEqual({ StringLike: { "s3:prefix": ["news-pr*"] } });
  expect(bySid.ReadWritePreviewState.Resource).toBe("arn:aws:s3:::news-tfstate-123456789012-us-east-1/news-pr*/*");
});

test("IAM: roles named news-pr* only, created under the previews' boundary; reads from ViewOnlyAccess, no broader managed policy", () => {
  expect(bySid.CreateAndChangeRolesUnderTheBoundary).toMatchObject({
    Resource: "arn:aws:iam::123456789012:role/news-pr*",
    Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/news-pr-boundary" } },
  });
  expect(bySid.PassOwnRolesToTheirServices.Condition.StringEquals["iam:PassedToService"]).not.toContain("*");
  const attached = resourcesOfType(shared, "aws_iam_role_policy_attachment").filter(
    (a) => a.values.role === reference("aws_iam_role", role, "name"),
  );
  expect(attached.map((a) => a.values.policy_arn)).toEqual(["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
});

test("every write is tag-conditioned on Preview, scoped to news-pr* names, or one AWS cannot scope", () => {
  const unscoped = statements.filter((s) => {
    if (s.Effect !== "Allow") return false;
    if (s.Condition?.Null?.["aws:RequestTag/Preview"] === "false" || s.Condition?.Null?.["aws:ResourceTag/Preview"] === "false")
      return false;
    const resources = asList<string>(s.Resource);
    if (
      resources.every(
        (r) => /news-pr|news-tfstate|aws-service-role|alias\/news-tfstate/.test(r) || r.includes(":key/") || r.startsWith("${"),
      )
    )
      return false;
    if (asList<string>(s.Action).every((a) => a in WILDCARD_RESOURCE_ACTIONS)) return false;
    return true;
  });
  // Logs Insights query definitions have no resource ARN to scope by (nor tags).
  // (RefreshReadsBeyondViewOnly: configuration reads, no write; test/policies.test.ts pins it.)
  expect(unscoped.map((s) => s.Sid)).toEqual(["RefreshReadsBeyondViewOnly", "PreviewQueryDefinitions"]);
});

test("creates need the Preview tag on the request; changes need it on the resource", () => {
  expect(bySid.CreateTaggedAsPreview.Action).toEqual([...PREVIEW_CREATE_ACTIONS]);
  expect(bySid.CreateTaggedAsPreview.Condition).toEqual({ Null: { "aws:RequestTag/Preview": "false" } });
  expect(bySid.ChangeOnlyPreviews.Condition).toEqual({ Null: { "aws:ResourceTag/Preview": "false" } });
  for (const s of [bySid.CreateTaggedAsPreview, bySid.ChangeOnlyPreviews]) {
    for (const r of asList<string>(s.Resource)) expect(r).toMatch(/^arn:aws:[a-z0-9-]+:us-east-1:123456789012:\*$/);
  }
});

test("no dashboards: previews have none, so the role may not create or delete any", () => {
  const dashboardActions = statements.flatMap((s) => asList<string>(s.Action)).filter((a) => /dashboard/i.test(a));
  expect(dashboardActions).toEqual([]);
});
