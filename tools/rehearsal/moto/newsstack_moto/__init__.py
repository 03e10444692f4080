"""Small, faithful additions to moto 5.2.1 for what the newsstack stacks call and moto lacks.

Each module patches one gap and documents the AWS behaviour it follows. `install()` applies all of
them; it must run before moto's server handles its first request (serve.py does that).
"""

from . import (
    acm_existing_certificates,
    autoscaling_tags,
    budgets_subscribers,
    budgets_tags,
    cloudwatch_composite_alarms,
    ec2_rule_descriptions,
    ecs_capacity_provider_strategy,
    ecs_service_settings,
    ecs_steady_state,
    elasticache_parameter_groups,
    elasticache_replication_members,
    elasticache_subnet_groups,
    elbv2_deletion_protection,
    faults,
    lambda_logging_config,
    logs_query_definitions,
    rds_parameter_source,
    rds_performance_insights,
    rds_resource_ids,
    route53_existing_zones,
    s3_policy_conditions,
    sdk_retries,
)

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    logs_query_definitions.install()
    elasticache_parameter_groups.install()
    elasticache_replication_members.install()
    elasticache_subnet_groups.install()
    elbv2_deletion_protection.install()
    budgets_subscribers.install()
    budgets_tags.install()
    cloudwatch_composite_alarms.install()
    autoscaling_tags.install()
    ecs_steady_state.install()
    ecs_service_settings.install()
    ecs_capacity_provider_strategy.install()  # wraps the two ECS patches above
    ec2_rule_descriptions.install()
    rds_parameter_source.install()
    rds_performance_insights.install()
    rds_resource_ids.install()  # after the other DBInstance.__init__ patches
    s3_policy_conditions.install()
    route53_existing_zones.install()
    acm_existing_certificates.install()
    lambda_logging_config.install()
    faults.install()
    sdk_retries.install()  # after faults: it wraps the fault switch
    _installed = True
