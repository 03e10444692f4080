"""A fault switch: make chosen API calls fail, or hold them, to rehearse partial applies and locking.

NEWSSTACK_MOTO_FAULTS names a folder; each JSON file in it is one fault, e.g.
  {"call": "ecs:CreateService", "mode": "fail", "times": 1}   -> the next call answers 400 InjectedFault
  {"call": "cloudwatch:PutMetricAlarm", "mode": "hold"}        -> calls wait while the file exists
An entry with "match": "<text>" concerns only requests whose body or query string contains the text
(e.g. one alarm's name), so other stacks applying at the same time are not affected. One file per
fault lets the rehearsal switch faults on and off independently while moto consumes failures.
The folder is read on every request (it is tiny). A failed call changes nothing, exactly like an
AWS call rejected before it acts.
"""

import json
import os
import sys
import threading
import time
from typing import Any

from moto.core.responses import BaseResponse

_lock = threading.Lock()
_original_call_action = BaseResponse.call_action
HOLD_LIMIT_SECONDS = 600.0


def _folder() -> str | None:
    return os.environ.get("NEWSSTACK_MOTO_FAULTS")


def read_entries() -> list[tuple[str, dict[str, Any]]]:
    folder = _folder()
    if not folder or not os.path.isdir(folder):
        return []
    entries = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    entries.append((path, json.load(handle)))
            except (OSError, ValueError):
                continue  # switched off (or being written) meanwhile
    return entries


def _concerns(entry: dict[str, Any], call: str, mode: str, request_text: str) -> bool:
    match = entry.get("match")
    return entry.get("call") == call and entry.get("mode") == mode and (not match or match in request_text)


def _request_text(response: BaseResponse) -> str:
    body = response.body if isinstance(response.body, str) else (response.body or b"").decode("utf-8", "replace")
    return f"{response.querystring}\n{body}"


def _take_failure(call: str, request_text: str) -> bool:
    """Consumes one failure for `call`, if one is switched on."""
    with _lock:
        for path, entry in read_entries():
            if _concerns(entry, call, "fail", request_text) and entry.get("times", 1) > 0:
                left = entry.get("times", 1) - 1
                if left > 0:
                    with open(path, "w", encoding="utf-8") as handle:
                        json.dump({**entry, "times": left}, handle)
                else:
                    os.remove(path)
                return True
    return False


def _held(call: str, request_text: str) -> bool:
    return any(_concerns(entry, call, "hold", request_text) for _, entry in read_entries())


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
    if _folder():
        call = f"{self.service_name}:{self._get_action()}"
        # moto's access log shows only "POST /"; name the call so the log says what was asked.
        sys.stderr.write(f"call {call}\n")
        request_text = _request_text(self)
        deadline = time.monotonic() + HOLD_LIMIT_SECONDS
        while _held(call, request_text) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _take_failure(call, request_text):
            return _error(self, call)
    return _original_call_action(self)


def install() -> None:
    BaseResponse.call_action = call_action
