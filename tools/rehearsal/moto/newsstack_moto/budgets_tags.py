"""AWS Budgets resource tags: CreateBudget's ResourceTags, TagResource, UntagResource, ListTagsForResource.

Budgets are tagged by ARN `arn:aws:budgets::<account>:budget/<name>`; the provider lists a budget's
tags after every create and read (moto 5.2.1 answers 500 "not implemented", which the provider retries).
Deleting the budget drops its tags.
"""

import json
from typing import Any

from moto.budgets.exceptions import NotFoundException
from moto.budgets.models import BudgetsBackend
from moto.budgets.responses import BudgetsResponse

_original_create = BudgetsResponse.create_budget
_original_delete = BudgetsResponse.delete_budget


def _tags(backend: BudgetsBackend) -> dict[str, dict[str, str]]:
    # On the backend object, so `POST /moto-api/reset` clears it with everything else.
    return backend.__dict__.setdefault("rehearsal_budget_tags", {})


def budget_arn(account_id: str, name: str) -> str:
    return f"arn:aws:budgets::{account_id}:budget/{name}"


def _existing(self: BudgetsResponse, arn: str) -> dict[str, str]:
    account_id, _, name = arn.removeprefix("arn:aws:budgets::").partition(":budget/")
    if name not in self.backend.budgets[account_id]:
        raise NotFoundException(f"Unable to get budget: {name} - the budget doesn't exist.")
    return _tags(self.backend).setdefault(arn, {})


def create_budget(self: BudgetsResponse) -> str:
    result = _original_create(self)
    name = self._get_param("Budget")["BudgetName"]
    tags: list[dict[str, Any]] = self._get_param("ResourceTags") or []
    _tags(self.backend)[budget_arn(self._get_param("AccountId"), name)] = {t["Key"]: t["Value"] for t in tags}
    return result


def delete_budget(self: BudgetsResponse) -> str:
    result = _original_delete(self)
    _tags(self.backend).pop(budget_arn(self._get_param("AccountId"), self._get_param("BudgetName")), None)
    return result


def list_tags_for_resource(self: BudgetsResponse) -> str:
    tags = _existing(self, self._get_param("ResourceARN"))
    return json.dumps({"ResourceTags": [{"Key": k, "Value": v} for k, v in sorted(tags.items())]})


def tag_resource(self: BudgetsResponse) -> str:
    tags = _existing(self, self._get_param("ResourceARN"))
    tags.update({t["Key"]: t["Value"] for t in self._get_param("ResourceTags") or []})
    return json.dumps({})


def untag_resource(self: BudgetsResponse) -> str:
    tags = _existing(self, self._get_param("ResourceARN"))
    for key in self._get_param("ResourceTagKeys") or []:
        tags.pop(key, None)
    return json.dumps({})


def install() -> None:
    BudgetsResponse.create_budget = create_budget
    BudgetsResponse.delete_budget = delete_budget
    BudgetsResponse.list_tags_for_resource = list_tags_for_resource
    BudgetsResponse.tag_resource = tag_resource
    BudgetsResponse.untag_resource = untag_resource
