import { perResource, type Rule, type RuleMetadata } from "../../rule";

const TRAFFIC_SHIFTING = ["BLUE_GREEN", "CANARY", "LINEAR"];

const metadata: RuleMetadata = {
  id: "DEP-001",
  severity: "error",
  scope: "production",
  title: "Production services deploy progressively, with bake time and alarm rollback",
  rationale:
    "A rolling update puts a bad revision in front of every user before the alarms can tell; " +
    "blue-green, canary or linear keeps the old revision serving until the bake time has passed, and " +
    "a deployment alarm then rolls back in seconds.",
  fix:
    'Set service.deployment to { strategy: "canary" | "blue-green" | "linear", bakeMinutes ≥ 1 } ' +
    "(the stack adds the alternate target group, listener rules and role) and keep the deployment " +
    "alarms with rollback.",
};

/** How production deploys replace the running service. */
export const DEP_001: Rule = perResource(metadata, ["aws_ecs_service"], (r) => {
  const config = r.attrs.deployment_configuration ?? {};
  if (!TRAFFIC_SHIFTING.includes(config.strategy)) return `deployment_configuration.strategy is ${config.strategy ?? "unset (ROLLING)"}`;
  if (!(Number(config.bake_time_in_minutes) >= 1)) return `bake_time_in_minutes is ${config.bake_time_in_minutes ?? "unset"}`;
  const alarms = r.attrs.alarms;
  if (!(alarms?.enable === true && alarms?.rollback === true && [alarms.alarm_names ?? []].flat().length > 0))
    return "no deployment alarms with rollback";
  return undefined;
});
