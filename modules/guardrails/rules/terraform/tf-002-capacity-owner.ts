import type { ResourceView, Rule, RuleMetadata, StackView } from "../../rule";

/** True when the resource's lifecycle ignores `attribute` (or all changes). */
function ignoresChanges(resource: ResourceView, attribute: string): boolean {
  const ignored = resource.attrs.lifecycle?.ignore_changes;
  return ignored === "all" || (Array.isArray(ignored) && ignored.includes(attribute));
}

/**
 * Something outside Terraform (a schedule, an autoscaler) that changes attributes of a resource
 * Terraform manages: the resource it changes and the attributes it changes.
 */
interface OutsideChange {
  readonly by: ResourceView;
  readonly what: string;
  readonly target: ResourceView;
  readonly attributes: readonly string[];
}

const set = (value: unknown): boolean => value !== undefined && value !== null;

/** Application Auto Scaling scheduled actions: min/max of their scalable target. */
function scheduledActions(stack: StackView): OutsideChange[] {
  return stack.ofType("aws_appautoscaling_scheduled_action").flatMap((action) => {
    const change = action.attrs.scalable_target_action ?? {};
    const attributes = [...(set(change.min_capacity) ? ["min_capacity"] : []), ...(set(change.max_capacity) ? ["max_capacity"] : [])];
    return stack
      .ofType("aws_appautoscaling_target")
      .filter(
        (t) =>
          stack.refersTo(action.attrs.resource_id, t) ||
          (action.attrs.resource_id === t.attrs.resource_id && action.attrs.scalable_dimension === t.attrs.scalable_dimension),
      )
      .map((target) => ({ by: action, what: "scheduled action", target, attributes }));
  });
}

/** EC2 Auto Scaling schedules: min/max/desired of their group. */
function groupSchedules(stack: StackView): OutsideChange[] {
  return stack.ofType("aws_autoscaling_schedule").flatMap((schedule) => {
    // -1 is the provider's "leave unchanged".
    const attributes = ["min_size", "max_size", "desired_capacity"].filter((a) => set(schedule.attrs[a]) && Number(schedule.attrs[a]) >= 0);
    return stack
      .ofType("aws_autoscaling_group")
      .filter((g) => stack.refersTo(schedule.attrs.autoscaling_group_name, g) || schedule.attrs.autoscaling_group_name === g.attrs.name)
      .map((target) => ({ by: schedule, what: "scheduled action", target, attributes }));
  });
}

/** A scalable target on an ECS service: Application Auto Scaling owns the service's desired count. */
function scaledServices(stack: StackView): OutsideChange[] {
  return stack
    .ofType("aws_appautoscaling_target")
    .filter((t) => t.attrs.scalable_dimension === "ecs:service:DesiredCount")
    .flatMap((target) =>
      stack
        .ofType("aws_ecs_service")
        .filter((s) => stack.refersTo(target.attrs.resource_id, s))
        .map((service) => ({ by: target, what: "scalable target", target: service, attributes: ["desired_count"] })),
    );
}

/** ECS blue-green, canary and linear deployments: ECS reweighs the production and test listener rules' forward action. */
function shiftedListenerRules(stack: StackView): OutsideChange[] {
  return stack.ofType("aws_ecs_service").flatMap((service) =>
    [service.attrs.load_balancer ?? []].flat().flatMap((lb: { advanced_configuration?: Record<string, unknown> }) => {
      const advanced = lb.advanced_configuration ?? {};
      return stack
        .ofType("aws_lb_listener_rule")
        .filter((rule) => stack.refersTo(advanced.production_listener_rule, rule) || stack.refersTo(advanced.test_listener_rule, rule))
        .map((target) => ({ by: service, what: "ECS traffic shifting of", target, attributes: ["action"] }));
    }),
  );
}

/** Every kind of resource that changes capacity or routing behind Terraform's back. */
const OUTSIDE_CHANGES = [scheduledActions, groupSchedules, scaledServices, shiftedListenerRules];

const metadata: RuleMetadata = {
  id: "TF-002",
  severity: "error",
  scope: "all",
  title: "Capacity a schedule or autoscaler changes, and listener rules ECS reweighs, are ignored by Terraform",
  rationale:
    "Otherwise every plan after the schedule fired shows a change, and any apply (a deploy at night) " +
    "puts back the capacity the schedule removed: two owners fight over one number.",
  fix:
    "Add the changed attributes to the target's lifecycle ignore_changes (min_capacity/max_capacity " +
    "on aws_appautoscaling_target, desired_count on aws_ecs_service, action on the listener rules an " +
    "ECS service shifts traffic with: an apply would otherwise send production back to the idle " +
    "target group).",
};

export const TF_002: Rule = {
  ...metadata,
  check: (stack) =>
    OUTSIDE_CHANGES.flatMap((find) => find(stack)).flatMap(({ by, what, target, attributes }) => {
      const fought = attributes.filter((a) => !ignoresChanges(target, a));
      return fought.length === 0
        ? []
        : [
            {
              path: target.path,
              message:
                `${what} ${by.path} changes ${fought.join(", ")} of this ${target.type}, which does not ignore ` +
                `${fought.length === 1 ? "it" : "them"}`,
            },
          ];
    }),
};
