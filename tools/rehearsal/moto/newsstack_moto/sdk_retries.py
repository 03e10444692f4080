"""An SDK retry of a call moto already carried out gets moto's first answer again, not a second run.

The AWS SDKs resend a request whose response was lost on the way (connection reset, read error) with
the same `amz-sdk-invocation-id` and `amz-sdk-request: attempt=N`, N > 1. moto's development server
loses such responses now and then on a loaded machine, and then carries the call out twice: a create
that is not idempotent fails although its first attempt succeeded. Met on news-prod's apply: moto's log
shows six AuthorizeSecurityGroupIngress calls for the stack's five rules, the sixth answered
InvalidPermission.Duplicate (moto matches rules per group, so only a resent request can collide).
AWS carries out a request once and the SDK reads that answer; here the first answer is replayed, and
every replay is logged. Reads (Describe/List/Get/Head) run again, and so does a call whose answer was
a server error (5xx), as the SDK intends; a new request (its own invocation id) is never replayed.
"""

import re
import sys
import threading
from collections import OrderedDict
from typing import Any

from moto.core.responses import BaseResponse

REMEMBERED = 2000
_READS = ("Describe", "List", "Get", "Head")
_lock = threading.Lock()
_answers: "OrderedDict[str, Any]" = OrderedDict()
_wrapped = BaseResponse.call_action


def attempt(headers: Any) -> int:
    """The SDK's attempt number from `amz-sdk-request: attempt=N; max=M` (1 when absent)."""
    found = re.search(r"attempt=(\d+)", headers.get("amz-sdk-request", "") or "")
    return int(found.group(1)) if found else 1


def call_action(self: BaseResponse) -> Any:
    invocation = self.headers.get("amz-sdk-invocation-id")
    action = self._get_action()
    if not invocation or action.startswith(_READS):
        return _wrapped(self)
    key = f"{self.service_name}:{action}:{invocation}"
    if attempt(self.headers) > 1:
        with _lock:
            known = _answers.get(key)
        if known is not None:
            sys.stderr.write(f"replayed {self.service_name}:{action}: SDK retry ({self.headers.get('amz-sdk-request')}) of a call already carried out\n")
            status, headers, body = known
            return status, dict(headers), body
    status, headers, body = _wrapped(self)
    if int(status) < 500:
        with _lock:
            _answers[key] = (status, dict(headers), body)
            while len(_answers) > REMEMBERED:
                _answers.popitem(last=False)
    return status, headers, body


def install() -> None:
    """After the fault switch: a replayed answer is not a new call, so it is neither held nor failed."""
    global _wrapped
    _wrapped = BaseResponse.call_action
    BaseResponse.call_action = call_action
