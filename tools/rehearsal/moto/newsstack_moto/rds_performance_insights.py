"""RDS instances keep their Performance Insights settings, as in AWS.

moto 5.2.1 accepts EnablePerformanceInsights / PerformanceInsightsRetentionPeriod / ...KMSKeyId on
create and modify but never returns them, so every plan wants to turn Performance Insights on again.
AWS's default retention when enabled is 7 days.
"""

from typing import Any

from moto.rds.models import DBInstance

_original_init = DBInstance.__init__
_original_update = DBInstance.update


def _apply(instance: DBInstance, kwargs: dict[str, Any]) -> None:
    if kwargs.get("enable_performance_insights") is not None:
        instance.performance_insights_enabled = bool(kwargs["enable_performance_insights"])
    if kwargs.get("performance_insights_retention_period") is not None:
        instance.performance_insights_retention_period = int(kwargs["performance_insights_retention_period"])
    if kwargs.get("performance_insights_kms_key_id"):
        instance.performance_insights_kms_key_id = kwargs["performance_insights_kms_key_id"]
    if instance.performance_insights_enabled and not instance.performance_insights_retention_period:
        instance.performance_insights_retention_period = 7


def _init(self: DBInstance, *args: Any, **kwargs: Any) -> None:
    self.performance_insights_enabled = False
    self.performance_insights_retention_period = None
    self.performance_insights_kms_key_id = None
    _original_init(self, *args, **kwargs)
    _apply(self, kwargs)


def _update(self: DBInstance, **kwargs: Any) -> None:
    _original_update(self, **kwargs)
    _apply(self, kwargs)


def install() -> None:
    DBInstance.__init__ = _init
    DBInstance.update = _update
