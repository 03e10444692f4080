import { synthesizedApp } from "./support/synth";
import type { TerraformJson } from "./support/synth";
import { arnMatches, reference, resourcesOfType } from "./support/terraform-json";
import { actionMatches } from "../modules/iam/action-pattern";
import { asList } from "../modules/iam/policy-document";

// Both sides come from the synthesized JSON, so renaming a stack (which moves its backend key) without
// moving the deploy role's grant fails here: the environment stack's backend block vs news-shared's roles.
const app = synthesizedApp();
const shared = app.shared;

const backendOf = (stack: TerraformJson) => stack.terraform!.backend!.s3 as { bucket: string; key: string };
const environmentTag = (stack: TerraformJson) => (stack.provider!.aws[0] as any).default_tags[0].tags.Environment as string;

/** The role GitHub's `<env>` environment assumes (its trust's subject), with its inline statements. */
function deployRoleOf(environment: string) {
  const role = resourcesOfType(shared, "aws_iam_role").find((r) =>
    JSON.parse(r.values.assume_role_policy).Statement.some((s: any) =>
      String(s.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"]).endsWith(`:environment:${environment}`),
    ),
  )!;
  const policy = resourcesOfType(shared, "aws_iam_role_policy").find((p) => p.values.role === reference("aws_iam_role", role, "name"))!;
  return { name: role.values.name as string, statements: JSON.parse(policy.values.policy).Statement as any[] };
}

const allows = (statements: any[], action: string, arn: string) =>
  statements.some(
    (s) =>
      s.Effect === "Allow" &&
      asList(s.Action).some((a: string) => actionMatches(a, action)) &&
      asList(s.Resource).some((r: string) => arnMatches(r, arn)),
  );

describe("each deploy role's grant covers its stack's backend key", () => {
  const stacks = Object.entries(app.environments);

  test.each(stacks)("%s: read, write and lock its own state object", (_, stack) => {
    const { bucket, key } = backendOf(stack);
    const { statements } = deployRoleOf(environmentTag(stack));
    for (const action of ["s3:GetObject", "s3:PutObject"]) expect(allows(statements, action, `arn:aws:s3:::${bucket}/${key}`)).toBe(true);
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
      expect(allows(statements, action, `arn:aws:s3:::${bucket}/${key}.tflock`)).toBe(true);
    const list = statements.find((s) => s.Effect === "Allow" && asList(s.Action).includes("s3:ListBucket"));
    expect(list.Condition.StringLike["s3:prefix"].some((prefix: string) => arnMatches(prefix, key))).toBe(true);
  });

  test.each(stacks)("%s: no other environment's state", (name, stack) => {
    const { statements } = deployRoleOf(environmentTag(stack));
    for (const [other, otherStack] of stacks.filter(([n]) => n !== name)) {
      const { bucket, key } = backendOf(otherStack);
      expect([other, allows(statements, "s3:GetObject", `arn:aws:s3:::${bucket}/${key}`)]).toEqual([other, false]);
    }
  });
});
