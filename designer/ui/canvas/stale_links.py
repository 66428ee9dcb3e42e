"""What the canvas says about arguments a signature change left behind.

Issue #5: a wire or value whose port no longer exists (an input renamed away, an
upstream output removed, a parameter deleted) stays in the document and is flagged
on the canvas, never silently dropped. These functions word the problem and the way
out; the node and wire items show them as tooltips. Pure look-ups, no Qt.
"""
from __future__ import annotations

from typing import Protocol

from designer.ir import (
    Argument,
    Component,
    Constant,
    OutputRef,
    ParamRef,
    PipelineParam,
    Task,
)


class Lookup(Protocol):
    """What is needed of the document (``designer.model.document.Document`` fits)."""

    def task(self, task_id: str) -> Task | None: ...
    def component(self, component_id: str) -> Component | None: ...
    def param(self, name: str) -> PipelineParam | None: ...


DELETE_HINT = "select the wire and press Delete"


def source_problem(doc: Lookup, arg: Argument) -> str:
    """Why the source of a wire no longer exists; "" when it does (or ``arg`` is a value)."""
    if isinstance(arg, ParamRef):
        if doc.param(arg.name) is None:
            return f"pipeline parameter `{arg.name}` no longer exists"
    elif isinstance(arg, OutputRef):
        up = doc.task(arg.task_id)
        if up is None:
            return "the task it came from no longer exists"
        comp = doc.component(up.component_id)
        if comp is None:
            return f"the component of {up.name} is missing"
        if comp.signature.output(arg.output) is None:
            return f"`{arg.output}` is no longer an output of {comp.name} (task {up.name})"
    return ""


def gone_input(input_name: str, comp_name: str, arg: Argument, source: str = "") -> str:
    """An argument for an input the component no longer has (``source``: its own problem)."""
    what = f"`{input_name}` is no longer an input of {comp_name}"
    if isinstance(arg, Constant):
        return (f"{what}: its value {arg.value!r} is not passed. Remove it in the Properties "
                "pane, or give the function that input back.")
    if source:
        return f"{what}, and {source}: delete the wire ({DELETE_HINT})."
    return (f"{what}: connect the wire to another input or delete it (drag it off the "
            f"`{input_name}` port onto another input, or {DELETE_HINT}).")


def broken_source(input_name: str, source: str) -> str:
    """A real input wired to a source that no longer exists."""
    return (f"Its wire is broken: {source}. Connect `{input_name}` to another source or "
            f"delete the wire (drag it off the `{input_name}` port onto an output, or "
            f"{DELETE_HINT}).")


def gone_output(output: str, comp_name: str) -> str:
    """A stale output row: wires still read an output the component no longer has."""
    return (f"`{output}` is no longer an output of {comp_name}, but wires still use it: drag "
            f"each wire's input end onto another output, or {DELETE_HINT}.")


def dangling_label(arg: Argument) -> str:
    """The text at the loose end of a wire whose source node is gone."""
    if isinstance(arg, ParamRef):
        return arg.name
    return "deleted task"


__all__ = ["source_problem", "gone_input", "broken_source", "gone_output", "dangling_label"]
