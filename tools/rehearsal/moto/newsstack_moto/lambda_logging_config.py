"""Lambda functions keep their logging configuration, as in AWS.

moto 5.2.1 accepts `LoggingConfig` on CreateFunction / UpdateFunctionConfiguration but never returns
it, so every plan wants to set `logging_config` again. AWS always returns it: by default
`{"LogFormat": "Text", "LogGroup": "/aws/lambda/<name>"}`; with the JSON format the application and
system log levels default to INFO (they do not apply to Text).
"""

from typing import Any

from moto.awslambda.models import LambdaFunction

_original_init = LambdaFunction.__init__
_original_get_configuration = LambdaFunction.get_configuration
_original_update_configuration = LambdaFunction.update_configuration


def _logging_config(function: LambdaFunction, requested: dict[str, Any] | None) -> dict[str, Any]:
    current = getattr(function, "newsstack_logging_config", None) or {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{function.function_name}"}
    merged = {**current, **(requested or {})}
    if merged.get("LogFormat") == "JSON":
        merged.setdefault("ApplicationLogLevel", "INFO")
        merged.setdefault("SystemLogLevel", "INFO")
    else:
        merged.pop("ApplicationLogLevel", None)
        merged.pop("SystemLogLevel", None)
    return merged


def _init(self: LambdaFunction, account_id: str, spec: dict[str, Any], *args: Any, **kwargs: Any) -> None:
    _original_init(self, account_id, spec, *args, **kwargs)
    self.newsstack_logging_config = _logging_config(self, spec.get("LoggingConfig"))


def _get_configuration(self: LambdaFunction, *args: Any, **kwargs: Any) -> dict[str, Any]:
    config = _original_get_configuration(self, *args, **kwargs)
    config["LoggingConfig"] = dict(getattr(self, "newsstack_logging_config", None) or _logging_config(self, None))
    return config


def _update_configuration(self: LambdaFunction, config_updates: dict[str, Any]) -> dict[str, Any]:
    if "LoggingConfig" in config_updates:
        self.newsstack_logging_config = _logging_config(self, config_updates["LoggingConfig"])
    return _original_update_configuration(self, config_updates)


def install() -> None:
    LambdaFunction.__init__ = _init
    LambdaFunction.get_configuration = _get_configuration
    LambdaFunction.update_configuration = _update_configuration
