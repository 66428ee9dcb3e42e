"""The primitive edits a command is made of: small typed records, applied by ``Document``.

Applying an op returns its inverse op, so undo is exact by construction. Ops never
mutate IR objects in place: they replace a task's ``arguments`` dict, a parameter
object, a component's fields, so the objects an inverse captured stay as they were.
Qt-free on purpose: ops are plain data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from designer.ir import Component, PipelineParam, Task
from designer.ir.groups import Group
from designer.ir.settings import TaskSettings

Pos = tuple[float, float]


@dataclass(frozen=True)
class InsertTask:
    index: int
    task: Task
    pos: Pos | None = None
    layout_index: int | None = None   # where its position goes in the layout order


@dataclass(frozen=True)
class DeleteTask:
    task_id: str


@dataclass(frozen=True)
class SetTask:
    """Replace fields of a task (name, arguments, after, component_id)."""
    task_id: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class SetTaskSettings:
    """Replace a task's settings (``ir.settings.TaskSettings``: how it runs on a cluster)."""
    task_id: str
    settings: TaskSettings


@dataclass(frozen=True)
class InsertParam:
    index: int
    param: PipelineParam


@dataclass(frozen=True)
class DeleteParam:
    name: str


@dataclass(frozen=True)
class ReplaceParam:
    name: str
    param: PipelineParam


@dataclass(frozen=True)
class InsertComponent:
    index: int
    component: Component


@dataclass(frozen=True)
class DeleteComponent:
    component_id: str


@dataclass(frozen=True)
class SetComponent:
    """Replace fields of a component (source, signature, base_image, packages_to_install)."""
    component_id: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class SetInfo:
    """Replace pipeline-level fields (name, description, function_name, conf)."""
    fields: dict[str, Any]


@dataclass(frozen=True)
class SetPositions:
    """Set node positions; ``None`` removes a key. ``indices`` put removed keys back in
    their place in the layout order (the saved file lists them in order)."""
    positions: dict[str, Pos | None]
    indices: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class InsertGroup:
    """Put a group (condition, loop, exit handler) at ``index`` of ``Pipeline.groups``."""
    index: int
    group: Group


@dataclass(frozen=True)
class DeleteGroup:
    group_id: str


@dataclass(frozen=True)
class SetGroup:
    """Replace fields of a group (parent, name, condition, items, parallelism, exit_task)."""
    group_id: str
    fields: dict[str, Any]


Op = Union[InsertTask, DeleteTask, SetTask, SetTaskSettings, InsertParam, DeleteParam, ReplaceParam,
           InsertComponent, DeleteComponent, SetComponent, SetInfo, SetPositions, InsertGroup,
           DeleteGroup, SetGroup]
