import { ConfigError } from "../errors";
import type { PolicyStatement } from "./policy-document";

/**
 * The only IAM actions this project grants on `Resource: "*"`, each because AWS offers no
 * resource-level permission for it. `wildcardResourceStatement` refuses any other action, and tests
 * check every synthesized policy against this list.
 */
export const WILDCARD_RESOURCE_ACTIONS: Readonly<Record<string, string>> = {
  "ecs:RegisterTaskDefinition": "A task definition's ARN does not exist before it is registered; the action supports no resource ARN.",
  "ecs:DeregisterTaskDefinition": 'ECS authorizes deregistration on "*" only; the action supports no resource ARN.',
  "kms:CreateKey":
    "A key's ARN does not exist before it is created; deploy roles get it only with the environment's Environment tag requested.",
  "elasticloadbalancing:DescribeListeners": "ELB Describe* actions support no resource ARN (ECS traffic shifting reads listeners).",
  "elasticloadbalancing:DescribeRules": "ELB Describe* actions support no resource ARN (ECS traffic shifting reads listener rules).",
  "elasticloadbalancing:DescribeTargetGroups": "ELB Describe* actions support no resource ARN (ECS traffic shifting reads target groups).",
  "elasticloadbalancing:DescribeTargetHealth":
    "ELB Describe* actions support no resource ARN (ECS traffic shifting waits for healthy targets).",
  "ecr:GetAuthorizationToken": "Registry login tokens are account-wide; the action supports no resource ARN.",
  "secretsmanager:GetRandomPassword": "Generates a random string and touches no secret; the action supports no resource ARN.",
  "ssmmessages:CreateControlChannel": "ECS Exec's Session Manager channels support no resource ARN.",
  "ssmmessages:CreateDataChannel": "ECS Exec's Session Manager channels support no resource ARN.",
  "ssmmessages:OpenControlChannel": "ECS Exec's Session Manager channels support no resource ARN.",
  "ssmmessages:OpenDataChannel": "ECS Exec's Session Manager channels support no resource ARN.",
};

/** An Allow statement on `"*"` for actions AWS cannot scope; throws for any action not allow-listed. */
export function wildcardResourceStatement(sid: string, actions: readonly string[]): PolicyStatement {
  const unlisted = actions.filter((action) => !(action in WILDCARD_RESOURCE_ACTIONS));
  if (unlisted.length > 0) {
    throw new ConfigError(
      `IAM: ${unlisted.join(", ")} may not be granted on Resource "*"; scope it to ARNs or add it to ` +
        "WILDCARD_RESOURCE_ACTIONS with the reason.",
    );
  }
  return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: "*" };
}
