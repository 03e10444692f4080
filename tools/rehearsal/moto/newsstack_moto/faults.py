"""A fault switch: make chosen API calls fail, or hold them, to rehearse partial applies and locking.

The rehearsal writes a JSON file named by NEWSSTACK_MOTO_FAULTS, a list of entries
  {"call": "ecs:CreateService", "mode": "fail", "times": 1}   -> the next call answers 400 InjectedFault
  {"call": "cloudwatch:PutMetricAlarm", "mode": "hold"}        -> calls wait while the entry is listed
The file is read on every request (it is tiny), so the rehearsal switches faults at run time.
A failed call changes nothing, exactly like an AWS call rejected before it acts.
"""

import json
import os
import threading
import time
from typing import Any

from moto.core.responses import BaseResponse

_lock = threading.Lock()
_original_call_action = BaseResponse.call_action
HOLD_LIMIT_SECONDS = 600.0


def _path() -> str | None:
    return os.environ.get("NEWSSTACK_MOTO_FAULTS")


def read_entries() -> list[dict[str, Any]]:
    path = _path()
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        text = handle.read().strip()
    return json.loads(text) if text else []


def _write_entries(entries: list[dict[str, Any]]) -> None:
    path = _path()
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(entries, handle)


def _take_failure(call: str) -> bool:
    """Consumes one failure for `call`, if one is switched on."""
    with _lock:
        entries = read_entries()
        for entry in entries:
            if entry.get("call") == call and entry.get("mode") == "fail" and entry.get("times", 1) > 0:
                entry["times"] = entry.get("times", 1) - 1
                _write_entries([e for e in entries if e.get("mode") != "fail" or e.get("times", 0) > 0])
                return True
    return False


def _held(call: str) -> bool:
    return any(e.get("call") == call and e.get("mode") == "hold" for e in read_entries())


def _error(response: BaseResponse, call: str) -> tuple[int, dict[str, str], str]:
    message = f"{call} failed: fault injected by the rehearsal (NEWSSTACK_MOTO_FAULTS)"
    if "x-amz-target" in {k.lower() for k in response.headers.keys()}:
        body = json.dumps({"__type": "InjectedFault", "message": message})
        return 400, {"Content-Type": "application/x-amz-json-1.1", "status": "400"}, body
    body = (
        "<ErrorResponse><Error><Type>Sender</Type><Code>InjectedFault</Code>"
        f"<Message>{message}</Message></Error><RequestId>rehearsal</RequestId></ErrorResponse>"
    )
    return 400, {"Content-Type": "text/xml", "status": "400"}, body


def call_action(self: BaseResponse) -> Any:
    if _path():
        call = f"{self.service_name}:{self._get_action()}"
        deadline = time.monotonic() + HOLD_LIMIT_SECONDS
        while _held(call) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _take_failure(call):
            return _error(self, call)
    return _original_call_action(self)


def install() -> None:
    BaseResponse.call_action = call_action
