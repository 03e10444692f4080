import { execFileSync } from "node:child_process";
import type { EnvironmentConfig } from "../../environments/schema";
import { realEnvironments, synthesizedApp, synthesizeEnvironment } from "../../test/support/synth";
import { diffStacks, riskyChanges } from "./compare";
import { renderDiffMarkdown, renderDiffText } from "./render";
import { synthesizeRef } from "./synthesize-ref";

const app = synthesizedApp();
const prodConfig = realEnvironments().find((e) => e.name === "prod")!;
const prod = () => structuredClone(app.environments.prod) as Record<string, any>;
const pair = (after: Record<string, any>) =>
  diffStacks({ "news-prod": app.environments.prod as Record<string, any> }, { "news-prod": after });
const variant = (change: (e: EnvironmentConfig) => EnvironmentConfig) =>
  synthesizeEnvironment(change(structuredClone(prodConfig))) as Record<string, any>;
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0];
};
const named = (json: Record<string, any>, type: string) => Object.values(json.resource[type])[0] as Record<string, any>;

describe("synth diff", () => {
  test("identical syntheses: no differences", () => {
    expect(pair(prod())).toEqual([]);
    expect(renderDiffText([], "main")).toBe("No changes to the synthesized stacks since main.");
  });

  test("a routine change lists the attribute path, old and new value, with no risk", () => {
    const diffs = pair(variant((e) => ({ ...e, service: { ...e.service, maxTasks: 12 } })));
    const change = only(diffs[0].resources);
    expect(change).toMatchObject({ action: "change", risks: [] });
    expect(change.changes).toEqual([{ path: "max_capacity", before: 10, after: 12 }]);
  });

  test("turning deletion protection off is risky", () => {
    const diffs = pair(variant((e) => ({ ...e, loadBalancer: { ...e.loadBalancer, deletionProtection: false } })));
    expect(
      riskyChanges(diffs)
        .map((r) => r.risks)
        .flat(),
    ).toContain("turns enable_deletion_protection off");
  });

  test("a changed RDS identifier replaces the database: risky", () => {
    const after = prod();
    named(after, "aws_db_instance").identifier = "news-prod-db2";
    expect(only(riskyChanges(pair(after))).risks).toEqual(["replaces a stateful aws_db_instance (identifier changed)"]);
  });

  test("removing the database is risky; adding it back is not", () => {
    const after = prod();
    delete after.resource.aws_db_instance;
    const removal = riskyChanges(pair(after));
    expect(removal.map((r) => r.risks[0])).toContain("destroys a stateful aws_db_instance");
    expect(riskyChanges(diffStacks({ "news-prod": after }, { "news-prod": prod() }))).toEqual([]);
  });

  test("ingress opened to the internet is risky", () => {
    const after = prod();
    const rule = Object.values(after.resource.aws_vpc_security_group_ingress_rule).find((r: any) => r.referenced_security_group_id) as any;
    delete rule.referenced_security_group_id;
    rule.cidr_ipv4 = "0.0.0.0/0";
    expect(riskyChanges(pair(after)).flatMap((r) => r.risks)).toContain("opens ingress to the internet (0.0.0.0/0 or ::/0)");
  });

  test("a widened IAM policy is risky and names the new grant", () => {
    const after = prod();
    const policy = Object.values(after.resource.aws_iam_role_policy)[0] as any;
    const doc = JSON.parse(policy.policy);
    doc.Statement.push({ Effect: "Allow", Action: "s3:DeleteBucket", Resource: "*" });
    policy.policy = JSON.stringify(doc);
    expect(only(riskyChanges(pair(after))).risks).toEqual(['widens IAM (policy): s3:DeleteBucket on "*"']);
  });

  test("removed encryption is risky", () => {
    const after = prod();
    delete named(after, "aws_sns_topic").kms_master_key_id;
    expect(riskyChanges(pair(after)).flatMap((r) => r.risks)).toContain("removes encryption (kms_master_key_id)");
  });

  test("markdown for the PR comment: counts per stack, risky changes first", () => {
    const after = prod();
    named(after, "aws_db_instance").identifier = "news-prod-db2";
    const markdown = renderDiffMarkdown(pair(after), "origin/main");
    expect(markdown).toContain("| news-prod | 0 | 1 | 0 |");
    expect(markdown).toContain(":warning: `news-prod` `aws_db_instance.");
  });

  test("a git ref is synthesized from a temporary worktree, which is removed afterwards", () => {
    const stacks = synthesizeRef("HEAD");
    expect(Object.keys(stacks).sort()).toEqual(["news-dev", "news-prod", "news-shared", "news-staging", "news-state"]);
    expect(execFileSync("git", ["worktree", "list"]).toString()).not.toContain("newsstack-diff-base-");
    expect(() => synthesizeRef("no-such-ref-anywhere")).toThrow();
  });
});
