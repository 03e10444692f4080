"""Application load balancers honour deletion protection, as in AWS.

With the `deletion_protection.enabled` attribute "true", DeleteLoadBalancer fails with
OperationNotPermitted and the balancer stays (moto 5.2.1 deletes it regardless), so a production
environment's destroy is refused the way AWS refuses it.
"""

from moto.elbv2.exceptions import ELBClientError
from moto.elbv2.models import ELBv2Backend


class OperationNotPermitted(ELBClientError):
    code = "OperationNotPermitted"


_original_delete = ELBv2Backend.delete_load_balancer


def delete_load_balancer(self: ELBv2Backend, arn: str) -> None:
    balancer = self.load_balancers.get(arn)
    if balancer is not None and balancer.attrs.get("deletion_protection.enabled") == "true":
        raise OperationNotPermitted(f"Load balancer '{arn}' cannot be deleted because deletion protection is enabled")
    _original_delete(self, arn)


def install() -> None:
    ELBv2Backend.delete_load_balancer = delete_load_balancer
