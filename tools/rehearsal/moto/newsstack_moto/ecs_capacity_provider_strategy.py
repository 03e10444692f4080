"""ECS services placed by a capacity provider strategy (Fargate Spot), as AWS returns them.

moto 5.2.1's CreateService ignores `capacityProviderStrategy` and gives every service `launchType: EC2`,
so after an apply the provider reads a service with a launch type and no strategy and plans to replace
it. AWS (CreateService API reference): a service has either a launch type or a capacity provider
strategy, never both (InvalidParameterException); with neither, the cluster's default capacity
provider strategy is used when it has one; the service and its deployment report the strategy and no
launch type. UpdateService already stores a new strategy; it also drops the launch type here.
"""

from typing import Any

from moto.core.responses import ActionResult
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend
from moto.ecs.responses import EC2ContainerServiceResponse


def _place(service: Any, strategy: list[dict[str, Any]]) -> None:
    service.capacity_provider_strategy = strategy
    service.launch_type = None
    for deployment in service.deployments:
        deployment["capacityProviderStrategy"] = strategy
        deployment.pop("launchType", None)


def _wrap_create(original):
    def create_service(self: EC2ContainerServiceResponse) -> ActionResult:
        strategy = self._get_param("capacityProviderStrategy")
        launch_type = self._get_param("launchType")
        if strategy and launch_type:
            raise InvalidParameterException("Specifying both a launch type and capacity provider strategy is not supported.")
        cluster = self.ecs_backend._get_cluster(self._get_param("cluster", "default"))
        if not strategy and not launch_type:
            strategy = cluster.default_capacity_provider_strategy
        result = original(self)
        if strategy:
            _place(self.ecs_backend.services[f"{cluster.name}:{self._get_param('serviceName')}"], strategy)
        return result

    return create_service


def _wrap_update(original):
    def update_service(self: EC2ContainerServiceBackend, service_properties: dict[str, Any]) -> Any:
        strategy = service_properties.get("capacity_provider_strategy")
        service = original(self, service_properties)
        if strategy:
            _place(service, strategy)
        return service

    return update_service


def install() -> None:
    # Wraps whatever is installed at the time (ecs_service_settings and ecs_steady_state patch the same calls).
    EC2ContainerServiceResponse.create_service = _wrap_create(EC2ContainerServiceResponse.create_service)
    EC2ContainerServiceBackend.update_service = _wrap_update(EC2ContainerServiceBackend.update_service)
