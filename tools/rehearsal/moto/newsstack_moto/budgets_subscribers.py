"""AWS Budgets DescribeSubscribersForNotification (and the subscriber edits the provider makes).

A notification is identified by its type, comparison operator, threshold and threshold type, as in the
Budgets API; an unknown budget or notification is a NotFoundException.
"""

import json
from typing import Any

from moto.budgets.exceptions import NotFoundException
from moto.budgets.responses import BudgetsResponse


def _key(details: dict[str, Any]) -> tuple[Any, ...]:
    return (
        details.get("NotificationType"),
        details.get("ComparisonOperator"),
        float(details.get("Threshold", 0)),
        details.get("ThresholdType", "PERCENTAGE"),
    )


def _notification(self: BudgetsResponse) -> Any:
    budgets = self.backend.budgets[self._get_param("AccountId")]
    budget = budgets.get(self._get_param("BudgetName"))
    if budget is None:
        raise NotFoundException("Unable to get budget - the budget doesn't exist.")
    wanted = _key(self._get_param("Notification") or {})
    for notification in budget.notifications:
        if _key(notification.details) == wanted:
            return notification
    raise NotFoundException("Unable to get notification - the notification doesn't exist.")


def describe_subscribers_for_notification(self: BudgetsResponse) -> str:
    return json.dumps({"Subscribers": _notification(self).subscribers})


def create_subscriber(self: BudgetsResponse) -> str:
    _notification(self).subscribers.append(self._get_param("Subscriber"))
    return json.dumps({})


def delete_subscriber(self: BudgetsResponse) -> str:
    notification = _notification(self)
    gone = self._get_param("Subscriber")
    notification.subscribers = [s for s in notification.subscribers if s != gone]
    return json.dumps({})


def install() -> None:
    BudgetsResponse.describe_subscribers_for_notification = describe_subscribers_for_notification
    BudgetsResponse.create_subscriber = create_subscriber
    BudgetsResponse.delete_subscriber = delete_subscriber
