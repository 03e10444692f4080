"""CloudWatch Logs saved queries: PutQueryDefinition, DescribeQueryDefinitions, DeleteQueryDefinition.

Follows the Logs API: Put without an id creates a definition and returns a new UUID; Put with an id
replaces that definition; Describe filters by name prefix; Delete of an unknown id is a
ResourceNotFoundException (the provider treats that as already gone).
"""

import json
import time
import uuid
from typing import Any

from moto.logs.exceptions import ResourceNotFoundException
from moto.logs.models import LogsBackend
from moto.logs.responses import LogsResponse


def _definitions(backend: LogsBackend) -> dict[str, dict[str, Any]]:
    # Kept on the backend object, so `POST /moto-api/reset` clears it with everything else.
    return backend.__dict__.setdefault("rehearsal_query_definitions", {})


def put_query_definition(self: LogsResponse) -> str:
    definitions = _definitions(self.logs_backend)
    definition_id = self._get_param("queryDefinitionId")
    if definition_id and definition_id not in definitions:
        raise ResourceNotFoundException("Query definition does not exist.")
    definition_id = definition_id or str(uuid.uuid4())
    definitions[definition_id] = {
        "queryDefinitionId": definition_id,
        "name": self._get_param("name"),
        "queryString": self._get_param("queryString"),
        "logGroupNames": self._get_param("logGroupNames") or [],
        "queryLanguage": self._get_param("queryLanguage") or "CWLI",
        "lastModified": int(time.time() * 1000),
    }
    return json.dumps({"queryDefinitionId": definition_id})


def describe_query_definitions(self: LogsResponse) -> str:
    prefix = self._get_param("queryDefinitionNamePrefix") or ""
    found = [d for d in _definitions(self.logs_backend).values() if d["name"].startswith(prefix)]
    return json.dumps({"queryDefinitions": sorted(found, key=lambda d: d["name"])})


def delete_query_definition(self: LogsResponse) -> str:
    if _definitions(self.logs_backend).pop(self._get_param("queryDefinitionId"), None) is None:
        raise ResourceNotFoundException("Query definition does not exist.")
    return json.dumps({"success": True})


def install() -> None:
    LogsResponse.put_query_definition = put_query_definition
    LogsResponse.describe_query_definitions = describe_query_definitions
    LogsResponse.delete_query_definition = delete_query_definition
