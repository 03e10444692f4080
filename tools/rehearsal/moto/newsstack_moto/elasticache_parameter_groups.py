"""ElastiCache cache parameter groups: create, describe, describe parameters, modify, reset, delete.

Follows the ElastiCache API: names are unique per region (CacheParameterGroupAlreadyExists), an
unknown name is CacheParameterGroupNotFound, modified parameters read back with Source "user", and
the group's ARN can be tagged like any other ElastiCache resource.
"""

import re
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.elasticache.exceptions import ElastiCacheException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name: str):
        super().__init__(f"CacheParameterGroup {name} not found.")


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"

    def __init__(self, name: str):
        super().__init__(f"CacheParameterGroup {name} already exists.")


def _groups(backend: ElastiCacheBackend) -> dict[str, dict[str, Any]]:
    # On the backend object, so `POST /moto-api/reset` clears it with everything else.
    return backend.__dict__.setdefault("rehearsal_parameter_groups", {})


def _group(backend: ElastiCacheBackend, name: str) -> dict[str, Any]:
    group = _groups(backend).get(name)
    if group is None:
        raise CacheParameterGroupNotFound(name)
    return group


def _public(group: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in group.items() if k != "Parameters"}


def create_cache_parameter_group(self: ElastiCacheResponse) -> ActionResult:
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    if name in _groups(backend):
        raise CacheParameterGroupAlreadyExists(name)
    group = {
        "CacheParameterGroupName": name,
        "CacheParameterGroupFamily": self._get_param("CacheParameterGroupFamily"),
        "Description": self._get_param("Description"),
        "IsGlobal": False,
        "ARN": f"arn:aws:elasticache:{backend.region_name}:{backend.account_id}:parametergroup:{name}",
        "Parameters": {},
    }
    _groups(backend)[name] = group
    tags = self._get_param("Tags", [])
    if tags:
        backend.tagging_service.tag_resource(group["ARN"], tags)
    return ActionResult({"CacheParameterGroup": _public(group)})


def describe_cache_parameter_groups(self: ElastiCacheResponse) -> ActionResult:
    name = self._get_param("CacheParameterGroupName")
    groups = [_group(self.elasticache_backend, name)] if name else list(_groups(self.elasticache_backend).values())
    return ActionResult({"CacheParameterGroups": [_public(g) for g in groups]})


def describe_cache_parameters(self: ElastiCacheResponse) -> ActionResult:
    group = _group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
    # Only values set through Modify are known here; AWS lists them with Source "user".
    source = self._get_param("Source")
    parameters = [
        {"ParameterName": k, "ParameterValue": v, "Source": "user", "IsModifiable": True, "DataType": "string"}
        for k, v in sorted(group["Parameters"].items())
        if source in (None, "", "user")
    ]
    return ActionResult({"Parameters": parameters})


def _name_values(self: ElastiCacheResponse) -> list[dict[str, Any]]:
    return self._get_param("ParameterNameValues", []) or []


def modify_cache_parameter_group(self: ElastiCacheResponse) -> ActionResult:
    name = self._get_param("CacheParameterGroupName")
    group = _group(self.elasticache_backend, name)
    for item in _name_values(self):
        group["Parameters"][item["ParameterName"]] = item["ParameterValue"]
    return ActionResult({"CacheParameterGroupName": name})


def reset_cache_parameter_group(self: ElastiCacheResponse) -> ActionResult:
    name = self._get_param("CacheParameterGroupName")
    group = _group(self.elasticache_backend, name)
    if self._get_bool_param("ResetAllParameters"):
        group["Parameters"].clear()
    for item in _name_values(self):
        group["Parameters"].pop(item["ParameterName"], None)
    return ActionResult({"CacheParameterGroupName": name})


def delete_cache_parameter_group(self: ElastiCacheResponse) -> EmptyResult:
    name = self._get_param("CacheParameterGroupName")
    _group(self.elasticache_backend, name)
    del _groups(self.elasticache_backend)[name]
    return EmptyResult()


_original_backend_init = ElastiCacheBackend.__init__


def _backend_init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
    _original_backend_init(self, region_name, account_id)
    # moto's tag calls accept only the resource kinds it models; parameter groups are taggable in AWS.
    self.arn_regex = re.compile(
        r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|parametergroup):.*$"
    )


def install() -> None:
    ElastiCacheBackend.__init__ = _backend_init
    ElastiCacheResponse.create_cache_parameter_group = create_cache_parameter_group
    ElastiCacheResponse.describe_cache_parameter_groups = describe_cache_parameter_groups
    ElastiCacheResponse.describe_cache_parameters = describe_cache_parameters
    ElastiCacheResponse.modify_cache_parameter_group = modify_cache_parameter_group
    ElastiCacheResponse.reset_cache_parameter_group = reset_cache_parameter_group
    ElastiCacheResponse.delete_cache_parameter_group = delete_cache_parameter_group
