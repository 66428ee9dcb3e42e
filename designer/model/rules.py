"""Whether a wire may be drawn, and why not: type compatibility and cycles.

Pure functions over the IR so the canvas, the properties pane and tests agree.
A wire's source is a task output or a pipeline parameter; its target is a task input.
"""
from __future__ import annotations

from dataclasses import dataclass

from designer.ir import Pipeline, kind_of
from designer.ir.graph import downstream_edges, find_path
from designer.ir.types import compatible

PARAM_PREFIX = "param:"


@dataclass(frozen=True)
class Source:
    """A wire's start: ``node`` is a task id or ``param:<name>``; ``port`` the output name."""
    node: str
    port: str

    @property
    def is_param(self) -> bool:
        return self.node.startswith(PARAM_PREFIX)

    @property
    def param_name(self) -> str:
        return self.node[len(PARAM_PREFIX):]


def type_label(annotation: str | None) -> str:
    """How a type is named to a person: the annotation text, or "any" when untyped."""
    return annotation or "any"


def source_annotation(p: Pipeline, src: Source, tasks: dict | None = None) -> str | None:
    if src.is_param:
        prm = p.param(src.param_name)
        return prm.annotation if prm else None
    task = (tasks or {}).get(src.node) or p.task(src.node)
    comp = p.component(task.component_id) if task else None
    spec = comp.signature.output(src.port) if comp else None
    return spec.annotation if spec else None


def source_label(p: Pipeline, src: Source) -> str:
    if src.is_param:
        return f"parameter `{src.param_name}`"
    task = p.task(src.node)
    return f"`{task.name if task else '?'}.{src.port}`"


def connection_problem(p: Pipeline, src: Source, target_task: str, input_name: str) -> str | None:
    """Why ``src`` may not feed ``target_task.input_name``; None when it may."""
    task = p.task(target_task)
    comp = p.component(task.component_id) if task else None
    spec = comp.signature.input(input_name) if comp else None
    if spec is None:
        return f"`{task.name if task else target_task}` has no input `{input_name}`."
    if src.is_param:
        if p.param(src.param_name) is None:
            return f"Parameter `{src.param_name}` does not exist."
    else:
        up = p.task(src.node)
        up_comp = p.component(up.component_id) if up else None
        if up_comp is None or up_comp.signature.output(src.port) is None:
            return f"{source_label(p, src)} does not exist."
        if src.node == target_task:
            return f"A task cannot feed its own input: `{task.name}` would run before itself."
    have = source_annotation(p, src)
    if not compatible(have, spec.annotation):
        return (f"Type mismatch: {source_label(p, src)} is {type_label(have)}, but "
                f"`{task.name}.{input_name}` expects {type_label(spec.annotation)}.")
    if not src.is_param:
        path = find_path(target_task, src.node, downstream_edges(p))
        if path:
            names = " → ".join(p.task(i).name for i in path + [target_task])
            return f"That wire would make a cycle: {names}."
    return None


def kind_label(annotation: str | None) -> str:
    """The colour family of an annotation ("int", "list"... or "any")."""
    return kind_of(annotation) or "any"
