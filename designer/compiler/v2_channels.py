"""kfp 2's pipeline channels, as plain objects the v2 compiler reasons with.

kfp 2.17.3 (``dsl/pipeline_channel.py``, ``dsl/for_loop.py``) passes values between tasks
and groups as "channels": a pipeline parameter, a task output, a loop's item (or one field
of it), a ``dsl.Collected`` fan-in, a ``dsl.OneOf``. Its compiler decides every input a
group needs, every output it surfaces and every dependency from these objects, and some
of that depends on their exact class, name and identity (kfp renames ``Collected`` and
``OneOf`` channels while surfacing them). The classes here mirror kfp's hierarchy one to
one so that ``v2_dag`` can follow kfp's algorithm step by step.

Like kfp's, channels hash by their ``pattern`` and compare equal when their patterns do
(kfp's ``__eq__`` returns a truthy ``ConditionOperation``, so hash-equal channels are the
same member of a set).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

PATTERN_TEMPLATE = "{{channel:task=%s;name=%s;type=%s;}}"
_PATTERN = re.compile(r'{{channel:task=([\w\s_-]*);name=([\w\s_-]+);type=([\w\s{}":_-]*);}}')
LOOP_ITEM_NAME_BASE = "loop-item"
SUBVAR_DELIMITER = "-subvar-"
_SUBVAR_NAME = re.compile(r"^[a-zA-Z_][0-9a-zA-Z_]*$")


def is_parameter_type(type_name: Any) -> bool:
    """``type_utils.is_parameter_type`` for the type strings the compiler makes."""
    if isinstance(type_name, dict):
        type_name = next(iter(type_name))
    if not isinstance(type_name, str):
        return False
    return _is_parameter_type(type_name)


@lru_cache(maxsize=1024)
def _is_parameter_type(type_name: str) -> bool:
    from .v2_types import short_type_name, struct_parameter_type
    short = short_type_name(type_name)
    return struct_parameter_type(short) is not None or short in (
        "PipelineTaskFinalStatus", "TaskConfig")


class Channel:
    """``PipelineChannel``: ``task_name`` is the producing task (or, once kfp surfaces a
    Collected/OneOf through groups, the group), None for pipeline inputs."""

    def __init__(self, name: str, channel_type: Any, task_name: str | None = None):
        if not re.match(r"^[A-Za-z][A-Za-z0-9\s_-]*$", name):
            raise ValueError('Only letters, numbers, spaces, "_", and "-" are allowed in the '
                             f"name. Must begin with a letter. Got name: {name}")
        self.name = name
        self.channel_type = channel_type
        self.task_name = task_name or None

    @property
    def full_name(self) -> str:
        return f"{self.task_name}-{self.name}" if self.task_name else self.name

    @property
    def pattern(self) -> str:
        ctype = self.channel_type or ""
        if isinstance(ctype, dict):
            ctype = json.dumps(ctype)
        return PATTERN_TEMPLATE % (self.task_name or "", self.name, ctype)

    def __str__(self) -> str:
        return self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Channel) and other.pattern == self.pattern

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern})"


class ParameterChannel(Channel):
    def __init__(self, name: str, channel_type: Any, task_name: str | None = None):
        if not is_parameter_type(channel_type):
            raise TypeError(f"{channel_type} is not a parameter type.")
        super().__init__(name, channel_type, task_name)


class ArtifactChannel(Channel):
    def __init__(self, name: str, channel_type: Any, task_name: str | None,
                 is_artifact_list: bool):
        if is_parameter_type(channel_type):
            raise TypeError(f"{channel_type} is not an artifact type.")
        self.is_artifact_list = is_artifact_list
        super().__init__(name, channel_type, task_name)


def make_channel(name: str, channel_type: Any, task_name: str | None = None,
                 is_artifact_list: bool = False) -> Channel:
    """``pipeline_channel.create_pipeline_channel``."""
    if is_parameter_type(channel_type):
        return ParameterChannel(name, channel_type, task_name)
    return ArtifactChannel(name, channel_type, task_name, is_artifact_list)


class LoopParameterArgument(ParameterChannel):
    """The item of a ParallelFor over raw items or over a parameter channel."""

    def __init__(self, items: Any, name: str, channel_type: Any, task_name: str | None = None):
        super().__init__(name, channel_type, task_name)
        self.items_or_pipeline_channel = items
        self.is_with_items_loop_argument = not isinstance(items, ParameterChannel)
        self.subvars: dict[str, LoopArgumentVariable] = {}

    def subvar(self, field: str) -> "LoopArgumentVariable":
        if field not in self.subvars:
            self.subvars[field] = LoopArgumentVariable(self, field)
        return self.subvars[field]


class LoopArtifactArgument(ArtifactChannel):
    def __init__(self, items: ArtifactChannel, name: str, channel_type: Any,
                 task_name: str | None):
        super().__init__(name, channel_type, task_name, is_artifact_list=False)
        self.items_or_pipeline_channel = items
        self.is_with_items_loop_argument = not isinstance(items, ArtifactChannel)


class LoopArgumentVariable(ParameterChannel):
    """``item.field``."""

    def __init__(self, loop_argument: LoopParameterArgument, subvar_name: str):
        from .v2_types import subvar_type
        if not _SUBVAR_NAME.match(subvar_name):
            raise ValueError(f"Tried to create subvariable named {subvar_name}, but that is "
                             "not a legal Python variable name.")
        self.subvar_name = subvar_name
        self.loop_argument = loop_argument
        super().__init__(f"{loop_argument.name}{SUBVAR_DELIMITER}{subvar_name}",
                         subvar_type(loop_argument.channel_type) or "String",
                         loop_argument.task_name)

    @property
    def items_or_pipeline_channel(self) -> Any:
        return self.loop_argument.items_or_pipeline_channel

    @property
    def is_with_items_loop_argument(self) -> bool:
        return self.loop_argument.is_with_items_loop_argument


LOOP_CLASSES = (LoopParameterArgument, LoopArtifactArgument, LoopArgumentVariable)


class Collected(Channel):
    """``dsl.Collected(output)``."""

    def __init__(self, output: Channel):
        self.output = output
        if isinstance(output, ArtifactChannel):
            channel_type = output.channel_type
            self.is_artifact_channel = True
            self.is_artifact_list = True
        else:
            channel_type = "LIST"
            self.is_artifact_channel = False
            self.is_artifact_list = False
        super().__init__(output.name, channel_type, output.task_name)


class OneOfParameter(ParameterChannel):
    def __init__(self, channels: list[Channel], name: str, branches: Any):
        super().__init__(name, channels[0].channel_type, None)
        self.task_name = branches.name
        self.channels = channels
        self.condition_branches_group = branches


class OneOfArtifact(ArtifactChannel):
    def __init__(self, channels: list[Channel], name: str, branches: Any):
        super().__init__(name, channels[0].channel_type, None,
                         getattr(channels[0], "is_artifact_list", False))
        self.task_name = branches.name
        self.channels = channels
        self.condition_branches_group = branches


ONE_OF = (OneOfParameter, OneOfArtifact)


def channels_in_string(payload: str) -> list[Channel]:
    """``extract_pipeline_channels_from_string``: the channels whose patterns occur in
    ``payload``, as plain parameter/artifact channels (kfp loses loop-ness here too)."""
    found: list[Channel] = []
    seen: set[str] = set()
    for task, name, ctype in _PATTERN.findall(payload):
        try:
            ctype = json.loads(ctype)
        except ValueError:
            pass
        if is_parameter_type(ctype):
            channel: Channel = ParameterChannel(name, ctype, task)
        else:
            channel = ArtifactChannel(name, ctype, task, False)
        if channel.pattern not in seen:
            seen.add(channel.pattern)
            found.append(channel)
    return found


def channels_in(payload: Any) -> list[Channel]:
    """``extract_pipeline_channels_from_any`` (kfp returns a set; order is irrelevant to
    what the compiler writes)."""
    if not payload:
        return []
    if isinstance(payload, Channel):
        return [payload]
    if isinstance(payload, str):
        return channels_in_string(payload)
    out: list[Channel] = []
    if isinstance(payload, (list, tuple)):
        for item in payload:
            out += channels_in(item)
    elif isinstance(payload, dict):
        for key, value in payload.items():
            out += channels_in(key)
            out += channels_in(value)
    return list(dict.fromkeys(out))


def additional_input_name(channel_or_name: Channel | str) -> str:
    """``compiler_utils.additional_input_name_for_pipeline_channel``."""
    name = channel_or_name.full_name if isinstance(channel_or_name, Channel) \
        else channel_or_name
    return "pipelinechannel--" + name
