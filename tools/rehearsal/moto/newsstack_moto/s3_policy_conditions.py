"""S3 bucket policies evaluate their conditions against the request, as in AWS.

moto 5.2.1 ignores condition operators it does not know (everything but StringEquals), so a TLS-only
policy (`Deny` when `aws:SecureTransport` is "false") denies every request, TLS or not. Here a
statement applies only when its conditions hold for the request: `aws:SecureTransport` is "true" for
HTTPS, `s3:TlsVersion` is the negotiated TLS version; a key the request lacks makes its condition
false (AWS's rule), unless the operator ends in IfExists. Operators: String(Not)Equals, Bool,
Numeric(Less|Greater)Than(Equals); any other operator is treated as holding (moto's convention).
"""

import json
import threading
from typing import Any

from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response

_request = threading.local()
_original_setup = S3Response.setup_class


def _tls_version(request: Any) -> str | None:
    sock = getattr(request, "environ", {}).get("werkzeug.socket")
    version = sock.version() if sock is not None and hasattr(sock, "version") else None
    return version.removeprefix("TLSv") if version else None


def _setup_class(self: S3Response, request: Any, full_url: str, headers: Any) -> None:
    _original_setup(self, request, full_url, headers)
    secure = full_url.startswith("https://")
    context = {"aws:SecureTransport": "true" if secure else "false"}
    tls = _tls_version(request) if secure else None
    if tls:
        context["s3:TlsVersion"] = tls
    _request.context = context


def _values(expected: Any) -> list[str]:
    return [str(v) for v in expected] if isinstance(expected, list) else [str(expected)]


def _compare(operator: str, actual: str, expected: str) -> bool | None:
    numeric = {
        "NumericLessThan": lambda a, e: a < e,
        "NumericLessThanEquals": lambda a, e: a <= e,
        "NumericGreaterThan": lambda a, e: a > e,
        "NumericGreaterThanEquals": lambda a, e: a >= e,
    }
    if operator in numeric:
        return numeric[operator](float(actual), float(expected))
    if operator == "Bool":
        return actual.lower() == expected.lower()
    if operator == "StringEquals":
        return actual == expected
    if operator == "StringNotEquals":
        return actual != expected
    return None


def conditions_hold(conditions: dict[str, dict[str, Any]] | None, context: dict[str, str]) -> bool:
    for operator, keys in (conditions or {}).items():
        base = operator.removesuffix("IfExists")
        for key, expected in keys.items():
            actual = context.get(key)
            if actual is None:
                if operator.endswith("IfExists"):
                    continue
                return False
            results = [_compare(base, actual, e) for e in _values(expected)]
            if any(r is None for r in results):
                continue  # unknown operator: moto's convention, the condition holds
            matched = all(results) if base == "StringNotEquals" else any(results)
            if not matched:
                return False
    return True


def get_permission(self: FakeBucket, action: str, resource: str) -> PermissionResult:
    if self.policy is None:
        return PermissionResult.NEUTRAL
    statements = json.loads(self.policy.decode())["Statement"]
    context = getattr(_request, "context", {})
    permitted = False
    for statement in statements if isinstance(statements, list) else [statements]:
        checker = IAMPolicyStatement(statement)
        if "NotAction" in statement:
            concerned = not checker._check_element_matches("NotAction", action)
        else:
            concerned = checker._check_element_matches("Action", action)
        if not concerned or checker.is_unknown_principal(statement.get("Principal")):
            continue
        if statement.get("Resource") and not checker._check_element_matches("Resource", resource):
            continue
        if not conditions_hold(statement.get("Condition"), context):
            continue
        if statement["Effect"] == "Deny":
            return PermissionResult.DENIED
        permitted = True
    return PermissionResult.PERMITTED if permitted else PermissionResult.NEUTRAL


def install() -> None:
    S3Response.setup_class = _setup_class
    FakeBucket.get_permission = get_permission
