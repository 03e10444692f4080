"""ECS CreateService keeps the service settings moto 5.2.1 drops, as AWS returns them:
enableECSManagedTags, enableExecuteCommand, healthCheckGracePeriodSeconds, availabilityZoneRebalancing.
(UpdateService already stores whatever it is sent.) Without them every plan changes the service again.
"""

from moto.core.responses import ActionResult
from moto.ecs.responses import EC2ContainerServiceResponse

_original_create = EC2ContainerServiceResponse.create_service

SETTINGS = {
    "enableECSManagedTags": ("enable_ecs_managed_tags", False),
    "enableExecuteCommand": ("enable_execute_command", False),
    "healthCheckGracePeriodSeconds": ("health_check_grace_period_seconds", None),
    "availabilityZoneRebalancing": ("availability_zone_rebalancing", None),
}


def create_service(self: EC2ContainerServiceResponse) -> ActionResult:
    result = _original_create(self)
    service = self.ecs_backend.services[f"{self._get_param('cluster', 'default').split('/')[-1]}:{self._get_param('serviceName')}"]
    for param, (attribute, default) in SETTINGS.items():
        value = self._get_param(param)
        setattr(service, attribute, default if value is None else value)
    return result


def install() -> None:
    EC2ContainerServiceResponse.create_service = create_service
