"""CloudWatch PutCompositeAlarm, as in AWS.

moto 5.2.1 models composite alarms (an alarm with a rule; DescribeAlarms returns them under
CompositeAlarms, DeleteAlarms and tags work) but has no PutCompositeAlarm. Put creates or replaces the
alarm named AlarmName with its rule, description, actions and tags.
"""

from moto.cloudwatch.models import Alarm
from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult, EmptyResult


def put_composite_alarm(self: CloudWatchResponse) -> ActionResult:
    alarm = self.cloudwatch_backend.put_metric_alarm(
        name=self._get_param("AlarmName"),
        namespace=None,
        metric_name=None,
        comparison_operator=None,
        evaluation_periods=None,
        period=None,
        threshold=None,
        statistic=None,
        description=self._get_param("AlarmDescription"),
        dimensions=[],
        alarm_actions=self._get_param("AlarmActions", []),
        ok_actions=self._get_param("OKActions", []),
        insufficient_data_actions=self._get_param("InsufficientDataActions", []),
        actions_enabled=self._get_bool_param("ActionsEnabled", True),
        rule=self._get_param("AlarmRule"),
        tags=self._get_param("Tags", []),
    )
    # DescribeAlarms serializes a composite alarm's rule as AlarmRule.
    alarm.alarm_rule = alarm.rule
    return EmptyResult()


def install() -> None:
    CloudWatchResponse.put_composite_alarm = put_composite_alarm
    Alarm.alarm_rule = None
