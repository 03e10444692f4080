import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { Construct } from "constructs";
import { ConfigError } from "../errors";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";

export interface ScheduledCapacity {
  /** Lowercase action name, unique within the service. */
  readonly name: string;
  /** `cron(...)`, `rate(...)` or `at(...)`. */
  readonly schedule: string;
  /** IANA time zone of the schedule. */
  readonly timezone: string;
  readonly minTasks: number;
  readonly maxTasks: number;
}

export interface ServiceAutoscalingProps {
  readonly naming: Naming;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Target average CPU (%). */
  readonly cpuTargetPercent: number;
  /**
   * Target average memory (%).
   * @default - no memory policy
   */
  readonly memoryTargetPercent?: number;
  /**
   * Target ALB requests per task; needs `requestCountResourceLabel`.
   * @default - no request-count policy
   */
  readonly requestsPerTarget?: number;
  /** `<alb arn suffix>/<target group arn suffix>`, the ALBRequestCountPerTarget resource label. */
  readonly requestCountResourceLabel?: string;
  /** Seconds after a scale-out before another. */
  readonly scaleOutCooldownSeconds: number;
  /** Seconds after a scale-in before another; longer, so load coming back finds the tasks still there. */
  readonly scaleInCooldownSeconds: number;
  /**
   * Scheduled capacity changes. When there are any, they own min/max: the scalable target ignores
   * changes to both after creation (so `minTasks`/`maxTasks` changes take effect at the next schedule).
   * @default []
   */
  readonly schedules?: readonly ScheduledCapacity[];
}

/**
 * Target-tracking autoscaling of the ECS service's desired count: CPU always, memory and ALB request
 * count per target when configured, plus scheduled min/max changes.
 */
export class ServiceAutoscaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly policies: AppautoscalingPolicy[] = [];

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    requireIntInRange("ServiceAutoscaling", "minTasks", props.minTasks, 0, props.maxTasks);
    requireIntInRange("ServiceAutoscaling", "cpuTargetPercent", props.cpuTargetPercent, 10, 95);
    requireIntInRange("ServiceAutoscaling", "memoryTargetPercent", props.memoryTargetPercent, 10, 95);
    if (props.requestsPerTarget !== undefined && props.requestCountResourceLabel === undefined) {
      throw new ConfigError(
        "ServiceAutoscaling: requestsPerTarget needs requestCountResourceLabel (the ALB and target group ARN suffixes).",
      );
    }
    const { naming } = props;

    this.target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
      // Where schedules exist they own min/max between deploys (dev: 0/0 at night). Terraform sets them
      // at creation only; otherwise every night-time plan shows a change and any apply restores daytime
      // capacity. Config changes to min/max then take effect at the next scheduled action.
      lifecycle: (props.schedules ?? []).length > 0 ? { ignoreChanges: ["min_capacity", "max_capacity"] } : undefined,
    });

    const track = (key: string, targetValue: number, metricType: string, resourceLabel?: string) =>
      this.policies.push(
        new AppautoscalingPolicy(this, key, {
          name: naming.name(`api-${key}`, { maxLength: 255 }),
          policyType: "TargetTrackingScaling",
          serviceNamespace: this.target.serviceNamespace,
          scalableDimension: this.target.scalableDimension,
          resourceId: this.target.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            targetValue,
            predefinedMetricSpecification: { predefinedMetricType: metricType, resourceLabel },
            scaleOutCooldown: props.scaleOutCooldownSeconds,
            scaleInCooldown: props.scaleInCooldownSeconds,
          },
        }),
      );
    track("cpu", props.cpuTargetPercent, "ECSServiceAverageCPUUtilization");
    if (props.memoryTargetPercent !== undefined) track("memory", props.memoryTargetPercent, "ECSServiceAverageMemoryUtilization");
    if (props.requestsPerTarget !== undefined)
      track("requests", props.requestsPerTarget, "ALBRequestCountPerTarget", props.requestCountResourceLabel);

    for (const schedule of props.schedules ?? []) {
      new AppautoscalingScheduledAction(this, `schedule-${schedule.name}`, {
        name: naming.name(`api-${schedule.name}`, { maxLength: 255 }),
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        schedule: schedule.schedule,
        timezone: schedule.timezone,
        scalableTargetAction: { minCapacity: String(schedule.minTasks), maxCapacity: String(schedule.maxTasks) },
      });
    }
  }
}
