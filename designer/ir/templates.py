"""Task arguments written as templates: ``gs://bucket/{{number_1}}/{{run_id}}``.

The Properties pane shows an expression argument (an IR ``Concat``: what an f-string, ``+``
or ``str.format`` over parameters and outputs gives) as text with ``{{…}}`` references, and
reads such text back. A reference names, first match wins:

* a pipeline parameter: ``{{number_1}}``;
* an output of another task: ``{{task_name.output}}`` (``{{task_name}}`` alone: its
  ``Output``);
* a value the backend fills in at run time (``RunPlaceholder``): ``{{run_id}}``,
  ``{{job_name}}``... (``RUN_VALUES``; each target refuses the ones its kfp lacks).

``{{{{`` is a literal ``{{``. Text without references is a plain string, not a template.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from .model import Concat, Constant, OutputRef, ParamRef, Pipeline, RunPlaceholder, Task

# kfp 1: RUN_ID_PLACEHOLDER, EXECUTION_ID_PLACEHOLDER; kfp 2: dsl.PIPELINE_*_PLACEHOLDER.
RUN_VALUES = ("run_id", "execution_id", "job_name", "job_resource_name", "task_name",
              "task_id", "job_create_time", "job_schedule_time", "pipeline_root",
              "workflow_uid")
_REF = re.compile(r"\{\{\{\{|\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True)
class Span:
    """Where a reference is in the text, and what it names ("" when nothing)."""
    start: int
    end: int
    kind: str          # "param" | "output" | "run" | "" (unknown)


class TemplateError(ValueError):
    def __init__(self, name: str):
        super().__init__(f"no parameter, task output or run value is named `{name}`")
        self.name = name


def _resolve(p: Pipeline, task: Task | None, name: str) -> Any:
    if p.param(name) is not None:
        return ParamRef(name)
    up_name, _, output = name.partition(".")
    up = p.task_named(up_name)
    if up is not None and (task is None or up.id != task.id):
        comp = p.component(up.component_id)
        outputs = [o.name for o in comp.signature.outputs] if comp else []
        output = output or "Output"
        if output in outputs:
            return OutputRef(up.id, output)
    if name in RUN_VALUES:
        return RunPlaceholder(name)
    return None


def spans(p: Pipeline, task: Task | None, text: str) -> list[Span]:
    """The references in ``text`` (for highlighting), resolved or not."""
    out = []
    for m in _REF.finditer(text):
        if m.group(1) is None:
            continue
        arg = _resolve(p, task, m.group(1))
        kind = ("param" if isinstance(arg, ParamRef) else "output" if isinstance(arg, OutputRef)
                else "run" if isinstance(arg, RunPlaceholder) else "")
        out.append(Span(m.start(), m.end(), kind))
    return out


def parse(p: Pipeline, task: Task | None, text: str) -> Concat | Constant:
    """The argument ``text`` means: a Concat when it has references, else the string.
    TemplateError for a reference that names nothing."""
    parts: list[Any] = []
    pos = 0

    def literal(s: str) -> None:
        if not s:
            return
        if parts and isinstance(parts[-1], str):
            parts[-1] += s
        else:
            parts.append(s)

    for m in _REF.finditer(text):
        literal(text[pos:m.start()])
        pos = m.end()
        if m.group(1) is None:
            literal("{{")
            continue
        arg = _resolve(p, task, m.group(1))
        if arg is None:
            raise TemplateError(m.group(1))
        parts.append(arg)
    literal(text[pos:])
    if not any(not isinstance(x, str) for x in parts):
        return Constant("".join(parts))
    return Concat(tuple(parts))


def is_template(p: Pipeline, task: Task | None, arg: Any) -> bool:
    """Whether ``arg`` is a Concat the template text says exactly (parts: strings,
    parameters, outputs of tasks that exist, run values; no name shadowing another)."""
    if not isinstance(arg, Concat) or not all(
            isinstance(x, (str, ParamRef, RunPlaceholder)) or
            isinstance(x, OutputRef) and p.task(x.task_id) is not None for x in arg.parts):
        return False
    try:
        return parse(p, task, format_template(p, arg)) == arg
    except TemplateError:
        return False


def format_template(p: Pipeline, arg: Concat) -> str:
    """The text ``parse`` reads back as ``arg`` (when ``is_template`` holds)."""
    return expression_text(arg, {t.id: t.name for t in p.tasks})


def expression_text(arg: Concat, task_names: Mapping[str, str]) -> str:
    """``arg`` as template text; parts a template cannot say (a loop item...) as
    ``{{…}}`` with a description, for showing only."""
    out = []
    for part in arg.parts:
        if isinstance(part, str):
            out.append(part.replace("{{", "{{{{"))
        elif isinstance(part, ParamRef):
            out.append("{{" + part.name + "}}")
        elif isinstance(part, OutputRef):
            name = task_names.get(part.task_id, part.task_id)
            out.append("{{" + (name if part.output == "Output" else
                               f"{name}.{part.output}") + "}}")
        elif isinstance(part, RunPlaceholder):
            out.append("{{" + part.name + "}}")
        else:
            out.append("{{…}}")
    return "".join(out)


__all__ = ["RUN_VALUES", "Span", "TemplateError", "spans", "parse", "is_template",
           "format_template", "expression_text"]
