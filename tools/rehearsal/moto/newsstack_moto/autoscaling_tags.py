"""Application Auto Scaling tags on scalable targets: RegisterScalableTarget's Tags,
TagResource, UntagResource, ListTagsForResource (moto 5.2.1 has none; the provider lists a target's
tags after every create and read). An ARN that names no scalable target is ResourceNotFoundException.
"""

import json

from moto.applicationautoscaling.models import ApplicationAutoscalingBackend
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import JsonRESTError

_original_register = ApplicationAutoScalingResponse.register_scalable_target


def _tags(backend: ApplicationAutoscalingBackend) -> dict[str, dict[str, str]]:
    # On the backend object, so `POST /moto-api/reset` clears it with everything else.
    return backend.__dict__.setdefault("rehearsal_target_tags", {})


def _known(self: ApplicationAutoScalingResponse, arn: str) -> dict[str, str]:
    backend = self.applicationautoscaling_backend
    arns = {target.arn for targets in backend.targets.values() for target in targets.values()}
    if arn not in arns:
        raise JsonRESTError("ResourceNotFoundException", f"No scalable target found for {arn}")
    return _tags(backend).setdefault(arn, {})


def register_scalable_target(self: ApplicationAutoScalingResponse) -> str:
    result = _original_register(self)
    arn = json.loads(result)["ScalableTargetARN"]
    _known(self, arn).update(self._get_param("Tags") or {})
    return result


def list_tags_for_resource(self: ApplicationAutoScalingResponse) -> str:
    return json.dumps({"Tags": _known(self, self._get_param("ResourceARN"))})


def tag_resource(self: ApplicationAutoScalingResponse) -> str:
    _known(self, self._get_param("ResourceARN")).update(self._get_param("Tags") or {})
    return json.dumps({})


def untag_resource(self: ApplicationAutoScalingResponse) -> str:
    tags = _known(self, self._get_param("ResourceARN"))
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return json.dumps({})


def install() -> None:
    ApplicationAutoScalingResponse.register_scalable_target = register_scalable_target
    ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource
    ApplicationAutoScalingResponse.tag_resource = tag_resource
    ApplicationAutoScalingResponse.untag_resource = untag_resource
