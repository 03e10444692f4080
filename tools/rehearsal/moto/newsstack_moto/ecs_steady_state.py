"""ECS services whose tasks run as desired, so a service reaches a steady state.

In AWS a healthy service settles with one PRIMARY deployment whose running count equals the desired
count (rollout COMPLETED); `wait_for_steady_state` waits for exactly that. moto 5.2.1 starts every
service with 0 running tasks (or a fixed MOTO_ECS_SERVICE_RUNNING), so such an apply never finishes.
Here every task the service asks for "runs": create and update leave one completed deployment of the
current task definition with running = desired.
"""

from typing import Any

from moto.core.utils import utcnow
from moto.ecs.models import EC2ContainerServiceBackend, Service

_original_init = Service.__init__
_original_update = EC2ContainerServiceBackend.update_service


def _settle(service: Service) -> None:
    if service.deployment_controller.get("type") != "ECS" or not service.deployments:
        return
    previous = service.deployments[0]
    changed = previous.get("taskDefinition") != service.task_definition or previous.get("desiredCount") != service.desired_count
    now = utcnow()
    deployment = dict(previous)
    deployment.update(
        {
            "desiredCount": service.desired_count,
            "runningCount": service.desired_count,
            "pendingCount": 0,
            "failedTasks": 0,
            "rolloutState": "COMPLETED",
            "rolloutStateReason": f"ECS deployment {previous['id']} completed.",
            "taskDefinition": service.task_definition,
            "updatedAt": now if changed else previous.get("updatedAt", now),
        }
    )
    service.deployments = [deployment]
    service.running_count = service.desired_count
    service.pending_count = 0


def _init(self: Service, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    _settle(self)


def _update_service(self: EC2ContainerServiceBackend, service_properties: dict[str, Any]) -> Service:
    service = _original_update(self, service_properties)
    _settle(service)
    return service


def install() -> None:
    Service.__init__ = _init
    EC2ContainerServiceBackend.update_service = _update_service
