import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { Naming } from "../naming";
import { ConfigError } from "../errors";

export interface MonthlyBudgetProps {
  readonly naming: Naming;
  readonly limitUsd: number;
  /**
   * Cost allocation tag the budget counts, e.g. `{ key: "Environment", value: "dev" }`. The tag must be
   * activated once in the billing console (Cost allocation tags) before Budgets can filter on it.
   */
  readonly costAllocationTag: { readonly key: string; readonly value: string };
  /** Topic notified at 80% of actual and 100% of forecasted spend. */
  readonly topicArn: string;
}

/** AWS Budgets monthly cost budget for one environment's tagged resources. */
export class MonthlyBudget extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    if (!(props.limitUsd > 0)) throw new ConfigError(`MonthlyBudget: limitUsd must be a positive amount in USD, got ${props.limitUsd}.`);
    const notify = (threshold: number, notificationType: "ACTUAL" | "FORECASTED") => ({
      comparisonOperator: "GREATER_THAN",
      threshold,
      thresholdType: "PERCENTAGE",
      notificationType,
      subscriberSnsTopicArns: [props.topicArn],
    });
    this.budget = new BudgetsBudget(this, "budget", {
      name: props.naming.name("monthly-cost", { maxLength: NAME_LIMITS.generic }),
      budgetType: "COST",
      limitAmount: props.limitUsd.toFixed(2),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilter: [{ name: "TagKeyValue", values: [`user:${props.costAllocationTag.key}$${props.costAllocationTag.value}`] }],
      notification: [notify(80, "ACTUAL"), notify(100, "FORECASTED")],
    });
  }
}
