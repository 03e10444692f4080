import { planDifferences, renderPlanComparison } from "./plan-comparison";

const plan = (changes: Record<string, string[]>) => ({
  resource_changes: Object.entries(changes).map(([address, actions]) => ({ address, change: { actions } })),
});

describe("prod's plan against staging's", () => {
  const staging = plan({ "aws_ecs_service.service": ["update"], "aws_lb.alb": ["no-op"], "aws_wafv2_web_acl.waf": ["no-op"] });

  test("only resources whose actions differ are listed; unchanged (no-op) counts as absent", () => {
    const prod = plan({
      "aws_ecs_service.service": ["update"],
      "aws_lb.alb": ["no-op"],
      "aws_wafv2_web_acl.waf": ["delete", "create"],
      "aws_sns_topic.extra": ["create"],
    });
    expect(planDifferences(staging, prod)).toEqual([
      ["aws_sns_topic.extra", "—", "create"],
      ["aws_wafv2_web_acl.waf", "—", "delete+create"],
    ]);
    expect(renderPlanComparison(staging, prod)).toContain("| `aws_wafv2_web_acl.waf` | — | delete+create |");
  });

  test("identical plans say so", () => {
    expect(renderPlanComparison(staging, staging)).toMatch(/Same resources, same actions/);
  });
});
