import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument, serviceTrustPolicy } from "../iam/policy-document";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { Naming } from "../naming";

export interface TrafficShiftRoleProps {
  readonly naming: Naming;
  /** Only ECS of this account may assume the role (token is fine). */
  readonly accountId: string;
  /** The service's two target groups (primary and alternate). */
  readonly targetGroupArns: readonly string[];
  /** The production and test listener rules ECS reweighs. */
  readonly listenerRuleArns: readonly string[];
  /**
   * Lambda functions ECS calls as deployment lifecycle hooks.
   * @default []
   */
  readonly hookFunctionArns?: readonly string[];
}

/**
 * The infrastructure role ECS assumes to shift traffic in a blue-green, canary or linear deployment:
 * register the new revision's tasks in a target group, reweigh the listener rules, call the hooks. The scoped
 * counterpart of AWS's AmazonECSInfrastructureRolePolicyForLoadBalancers (which grants on "*").
 */
export class TrafficShiftRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TrafficShiftRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.naming.name("api-traffic-shift", { maxLength: NAME_LIMITS.iamRole }),
      description: "ECS shifts news-api traffic between its target groups with it (blue-green, canary, linear)",
      assumeRolePolicy: serviceTrustPolicy("ecs.amazonaws.com", { StringEquals: { "aws:SourceAccount": props.accountId } }),
    });
    new IamRolePolicy(this, "policy", {
      role: this.role.id,
      name: "traffic-shift",
      policy: policyDocument([
        wildcardResourceStatement("DescribeLoadBalancing", [
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeRules",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetHealth",
        ]),
        {
          Sid: "RegisterRevisionTasks",
          Effect: "Allow",
          Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
          Resource: [...props.targetGroupArns],
        },
        { Sid: "ReweighListenerRules", Effect: "Allow", Action: "elasticloadbalancing:ModifyRule", Resource: [...props.listenerRuleArns] },
        ...((props.hookFunctionArns ?? []).length > 0
          ? [
              {
                Sid: "InvokeLifecycleHooks",
                Effect: "Allow" as const,
                Action: "lambda:InvokeFunction",
                Resource: [...(props.hookFunctionArns ?? [])],
              },
            ]
          : []),
      ]),
    });
  }
}
