"""What the canvas says about arguments a signature change left behind.

Issue #5: a wire or value whose port no longer exists (an input renamed away, an
upstream output removed, a parameter deleted) stays in the document and is flagged
on the canvas, never silently dropped. These functions word the problem and the way
out (translated); the node and wire items show them as tooltips. Pure look-ups.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication

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




def _delete_hint() -> str:
    return QCoreApplication.translate("StaleLinks", "select the wire and press Delete")


def source_problem(doc: Lookup, arg: Argument) -> str:
    """Why the source of a wire no longer exists; "" when it does (or ``arg`` is a value)."""
    if isinstance(arg, ParamRef):
        if doc.param(arg.name) is None:
            return QCoreApplication.translate(
                "StaleLinks", "pipeline parameter `{name}` no longer exists").format(
                name=arg.name)
    elif isinstance(arg, OutputRef):
        up = doc.task(arg.task_id)
        if up is None:
            return QCoreApplication.translate("StaleLinks",
                                              "the task it came from no longer exists")
        comp = doc.component(up.component_id)
        if comp is None:
            return QCoreApplication.translate(
                "StaleLinks", "the component of {task} is missing").format(task=up.name)
        if comp.signature.output(arg.output) is None:
            return QCoreApplication.translate(
                "StaleLinks", "`{output}` is no longer an output of {component} (task {task})"
            ).format(output=arg.output, component=comp.name, task=up.name)
    return ""


def gone_input(input_name: str, comp_name: str, arg: Argument, source: str = "") -> str:
    """An argument for an input the component no longer has (``source``: its own problem)."""
    translate = QCoreApplication.translate
    if isinstance(arg, Constant):
        return translate(
            "StaleLinks", "`{input}` is no longer an input of {component}: its value {value} is "
            "not passed. Remove it in the Properties pane, or give the function that input back."
        ).format(input=input_name, component=comp_name, value=repr(arg.value))
    if source:
        return translate(
            "StaleLinks", "`{input}` is no longer an input of {component}, and {problem}: "
            "delete the wire ({hint})."
        ).format(input=input_name, component=comp_name, problem=source, hint=_delete_hint())
    return translate(
        "StaleLinks", "`{input}` is no longer an input of {component}: connect the wire to "
        "another input or delete it (drag it off the `{input}` port onto another input, or "
        "{hint})."
    ).format(input=input_name, component=comp_name, hint=_delete_hint())


def broken_source(input_name: str, source: str) -> str:
    """A real input wired to a source that no longer exists."""
    return QCoreApplication.translate(
        "StaleLinks", "Its wire is broken: {problem}. Connect `{input}` to another source or "
        "delete the wire (drag it off the `{input}` port onto an output, or {hint})."
    ).format(problem=source, input=input_name, hint=_delete_hint())


def gone_output(output: str, comp_name: str) -> str:
    """A stale output row: wires still read an output the component no longer has."""
    return QCoreApplication.translate(
        "StaleLinks", "`{output}` is no longer an output of {component}, but wires still use "
        "it: drag each wire's input end onto another output, or {hint}."
    ).format(output=output, component=comp_name, hint=_delete_hint())


def dangling_label(arg: Argument) -> str:
    """The text at the loose end of a wire whose source node is gone."""
    if isinstance(arg, ParamRef):
        return arg.name
    return QCoreApplication.translate("StaleLinks", "deleted task")


__all__ = ["source_problem", "gone_input", "broken_source", "gone_output", "dangling_label"]
