import type { RuleMetadata, StackView } from "../../rule";

/** Resource types that notify SNS topics, and the attributes naming the topics. */
const NOTIFIERS: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_metric_alarm: ["alarm_actions", "ok_actions", "insufficient_data_actions"],
  aws_cloudwatch_composite_alarm: ["alarm_actions", "ok_actions", "insufficient_data_actions"],
  aws_budgets_budget: ["notification"],
};

/** Topics that alarms or budgets notify but that no subscription delivers anywhere. */
export function unheardTopics(stack: StackView) {
  return stack.ofType("aws_sns_topic").flatMap((topic) => {
    const notifiers = Object.entries(NOTIFIERS).flatMap(([type, attributes]) =>
      stack.ofType(type).filter((resource) => attributes.some((a) => stack.refersTo(resource.attrs[a], topic))),
    );
    const subscribed = stack.ofType("aws_sns_topic_subscription").some((s) => stack.refersTo(s.attrs.topic_arn, topic));
    if (notifiers.length === 0 || subscribed) return [];
    return [
      {
        path: topic.path,
        message: `topic ${topic.attrs.name ?? topic.name} is notified by ${notifiers.length} alarm(s)/budget(s) but has no subscriber`,
      },
    ];
  });
}

/** What OPS-001 and OPS-002 share: the same finding, at the severity of the tier (ops-001 and ops-002 files). */
export const UNHEARD_TOPICS: Omit<RuleMetadata, "id" | "severity" | "scope"> = {
  title: "Alarm topics have a subscriber",
  rationale: "An alarm whose topic nobody subscribes to fires into the void: the outage is found by users.",
  fix:
    "Add an address to alarms.emails in environments/<env>.ts (billing.emails in " +
    "environments/platform.ts for the billing topic), or subscribe another endpoint to the topic.",
};
