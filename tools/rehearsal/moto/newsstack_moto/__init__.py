"""Small, faithful additions to moto 5.2.1 for what the newsstack stacks call and moto lacks.

Each module patches one gap and documents the AWS behaviour it follows. `install()` applies all of
them; it must run before moto's server handles its first request (serve.py does that).
"""

from . import (
    budgets_subscribers,
    budgets_tags,
    ecs_steady_state,
    elasticache_parameter_groups,
    elasticache_replication_members,
    elbv2_deletion_protection,
    faults,
    logs_query_definitions,
    s3_policy_conditions,
)

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    logs_query_definitions.install()
    elasticache_parameter_groups.install()
    elasticache_replication_members.install()
    elbv2_deletion_protection.install()
    budgets_subscribers.install()
    budgets_tags.install()
    ecs_steady_state.install()
    s3_policy_conditions.install()
    faults.install()
    _installed = True
