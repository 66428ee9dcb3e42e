"""Whether a wire may be drawn, and why not: type compatibility and cycles.

Pure functions over the IR so the canvas, the properties pane and tests agree.
A wire's source is a task output or a pipeline parameter; its target is a task input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.ir import Pipeline, kind_of
from designer.ir.graph import downstream_edges, find_path
from designer.ir.translatable import QT_TRANSLATE_NOOP
from designer.ir import port_types
from designer.ir.port_types import PortType

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


def source_type(p: Pipeline, src: Source, tasks: dict | None = None) -> PortType:
    """What a wire's source carries (``ir.port_types``): a value or an artifact, and its type."""
    if src.is_param:
        prm = p.param(src.param_name)
        return port_types.of_annotation(prm.annotation if prm else None)
    task = (tasks or {}).get(src.node) or p.task(src.node)
    comp = p.component(task.component_id) if task else None
    spec = comp.signature.output(src.port) if comp else None
    return port_types.of_port(spec) if spec is not None else port_types.VALUE_ANY


# Why a wire is refused, by reason: templates with named fields in the "Rules"
# translation context (``designer.ir.translatable``; the UI shows them translated).
REFUSALS: dict[str, str] = {
    "no-input": QT_TRANSLATE_NOOP("Rules", "`{task}` has no input `{input}`."),
    "no-param": QT_TRANSLATE_NOOP("Rules", "Parameter `{param}` does not exist."),
    "no-output": QT_TRANSLATE_NOOP("Rules", "`{source}` does not exist."),
    "self": QT_TRANSLATE_NOOP(
        "Rules", "A task cannot feed its own input: `{task}` would run before itself."),
    "type/param": QT_TRANSLATE_NOOP(
        "Rules", "Type mismatch: parameter `{param}` is {actual}, but `{target}` expects "
        "{expected}."),
    "type": QT_TRANSLATE_NOOP(
        "Rules", "Type mismatch: `{source}` is {actual}, but `{target}` expects {expected}."),
    "cycle": QT_TRANSLATE_NOOP("Rules", "That wire would make a cycle: {names}."),
    "artifact/type": QT_TRANSLATE_NOOP(
        "Rules", "Artifact type mismatch: `{source}` is a {actual} artifact, but `{target}` "
        "takes {expected} (only Artifact goes with every artifact type)."),
    "artifact/list": QT_TRANSLATE_NOOP(
        "Rules", "Artifact type mismatch: `{source}` is {actual}, but `{target}` takes "
        "{expected}: a list of artifacts feeds only a list."),
    "artifact/value": QT_TRANSLATE_NOOP(
        "Rules", "`{source}` is a {actual} artifact, but `{target}` takes a value "
        "({expected}): artifacts and values do not mix."),
    "value/artifact": QT_TRANSLATE_NOOP(
        "Rules", "`{source}` is a value ({actual}), but `{target}` takes a {expected} "
        "artifact: values and artifacts do not mix."),
}


@dataclass(frozen=True)
class Refusal:
    """Why a wire may not be drawn: a ``REFUSALS`` key and the template's fields."""
    reason: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def template(self) -> str:
        return REFUSALS[self.reason]

    def __str__(self) -> str:
        return self.template.format(**self.args)


def connection_refusal(p: Pipeline, src: Source, target_task: str,
                       input_name: str) -> Refusal | None:
    """Why ``src`` may not feed ``target_task.input_name``; None when it may."""
    task = p.task(target_task)
    comp = p.component(task.component_id) if task else None
    spec = comp.signature.input(input_name) if comp else None
    if spec is None:
        return Refusal("no-input", {"task": task.name if task else target_task,
                                    "input": input_name})
    if src.is_param:
        if p.param(src.param_name) is None:
            return Refusal("no-param", {"param": src.param_name})
    else:
        up = p.task(src.node)
        up_comp = p.component(up.component_id) if up else None
        if up_comp is None or up_comp.signature.output(src.port) is None:
            return Refusal("no-output", {"source": f"{up.name if up else '?'}.{src.port}"})
        if src.node == target_task:
            return Refusal("self", {"task": task.name})
    mismatch = port_types.wire_problem(source_type(p, src), port_types.of_port(spec))
    if mismatch is not None:
        args = {"actual": mismatch.have, "target": f"{task.name}.{input_name}",
                "expected": mismatch.want}
        source = src.param_name if src.is_param else f"{p.task(src.node).name}.{src.port}"
        if mismatch.reason != "type" or port_types.of_port(spec).artifact:
            reason = {"type": "artifact/type", "list": "artifact/list",
                      "artifact-to-value": "artifact/value",
                      "value-to-artifact": "value/artifact"}[mismatch.reason]
            return Refusal(reason, {"source": source, **args})
        if src.is_param:
            return Refusal("type/param", {"param": src.param_name, **args})
        return Refusal("type", {"source": source, **args})
    if not src.is_param:
        path = find_path(target_task, src.node, downstream_edges(p))
        if path:
            names = " → ".join(p.task(i).name for i in path + [target_task])
            return Refusal("cycle", {"names": names})
    return None


def connection_problem(p: Pipeline, src: Source, target_task: str, input_name: str) -> str | None:
    """Why ``src`` may not feed ``target_task.input_name``, in English; None when it may."""
    refusal = connection_refusal(p, src, target_task, input_name)
    return str(refusal) if refusal is not None else None


def kind_label(annotation: str | None) -> str:
    """The colour family of an annotation ("int", "list"... or "any")."""
    return kind_of(annotation) or "any"
