"""Renaming ids everywhere in a pipeline: tasks, groups and components, consistently.

Ids are referred to from many places (an argument's ``OutputRef`` and those inside
``Concat`` / ``Collected`` / ``OneOf``, ``Task.after`` / ``group`` / ``component_id``,
``LoopItem.loop``, a group's ``parent`` and ``exit_task``, ``VolumeMount.volume_task`` in
settings, pipeline outputs, conditions and loop items of groups). Rather than list the places
per caller, ``remap`` walks every dataclass field of the pipeline and renames the fields named
in ``ID_FIELDS`` (the only fields that hold ids); everything else is rebuilt as it was.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, Mapping

from .components import ContainerComponent
from .groups import Group
from .model import Component, LoopItem, OutputRef, Pipeline, Task
from .settings import VolumeMount
from .subpipeline import PipelineComponent
from .volumes import VolumeComponent
from .importer import ImporterComponent

TASK, GROUP, COMPONENT = "task", "group", "component"

# (class, field) -> the kind of id the field holds (a str, a list of them, or None).
ID_FIELDS: dict[tuple[type, str], str] = {
    (Task, "id"): TASK, (Task, "after"): TASK, (Task, "group"): GROUP,
    (Task, "component_id"): COMPONENT,
    (OutputRef, "task_id"): TASK, (LoopItem, "loop"): GROUP,
    (Group, "id"): GROUP, (Group, "parent"): GROUP, (Group, "exit_task"): TASK,
    (VolumeMount, "volume_task"): TASK,
    (Component, "id"): COMPONENT, (ContainerComponent, "id"): COMPONENT,
    (VolumeComponent, "id"): COMPONENT, (PipelineComponent, "id"): COMPONENT,
    (ImporterComponent, "id"): COMPONENT,
}


def remap(p: Pipeline, tasks: Mapping[str, str] = {}, groups: Mapping[str, str] = {},
          components: Mapping[str, str] = {}) -> Pipeline:
    """A copy of ``p`` with ids renamed by the mappings (ids not in them stay as they are)."""
    maps = {TASK: tasks, GROUP: groups, COMPONENT: components}

    def rename(kind: str, value: Any) -> Any:
        if isinstance(value, str):
            return maps[kind].get(value, value)
        if isinstance(value, list):
            return [rename(kind, v) for v in value]
        if isinstance(value, tuple):
            return tuple(rename(kind, v) for v in value)
        return value

    def walk(value: Any) -> Any:
        if isinstance(value, PipelineComponent):
            # (the pipeline inside has ids of its own, which the outer ids never name)
            new_id = rename(COMPONENT, value.id)
            return value if new_id == value.id else PipelineComponent(new_id, value.pipeline)
        if is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in fields(value):
                if not f.init:
                    continue
                old = getattr(value, f.name)
                kind = ID_FIELDS.get((type(value), f.name))
                new = rename(kind, old) if kind else walk(old)
                if new is not old:
                    changes[f.name] = new
            return replace(value, **changes) if changes else value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, tuple):
            items = tuple(walk(v) for v in value)
            return items if any(a is not b for a, b in zip(items, value)) else value
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return walk(p)


__all__ = ["remap", "ID_FIELDS", "TASK", "GROUP", "COMPONENT"]
