"""Pipeline checks that return diagnostics instead of raising.

Editing leaves pipelines half-built all the time; the designer shows these
diagnostics as a problems list, and exporters refuse pipelines with errors.
"""

from __future__ import annotations

import graphlib
import keyword
from dataclasses import dataclass

from .model import Constant, OutputRef, ParamRef, Pipeline
from .signature import SignatureError, signature_from_source
from .types import compatible, kind_of, v1_compatible, value_fits

ERROR = "error"
WARNING = "warning"


class Code:
    """Machine-readable kinds of diagnostics."""

    PIPELINE_NAME = "pipeline-name"
    PARAM_NAME = "param-name"
    PARAM_DUPLICATE = "param-duplicate"
    PARAM_DEFAULT = "param-default"
    PARAM_ORDER = "param-order"
    PARAM_UNUSED = "param-unused"
    TASK_NAME = "task-name"
    TASK_DUPLICATE = "task-duplicate"
    COMPONENT_DUPLICATE = "component-duplicate"
    SOURCE_ERROR = "source-error"
    PORTS_STALE = "ports-stale"
    UNKNOWN_COMPONENT = "unknown-component"
    UNKNOWN_INPUT = "unknown-input"  # an argument for an input the component lacks
    UNKNOWN_PARAM = "unknown-param"
    UNKNOWN_TASK = "unknown-task"
    UNKNOWN_OUTPUT = "unknown-output"  # wired to an output the upstream no longer has
    TYPE_MISMATCH = "type-mismatch"
    V1_TYPE_MISMATCH = "v1-type-mismatch"
    CONSTANT_TYPE = "constant-type"
    MISSING_INPUT = "missing-input"
    AFTER_UNKNOWN = "after-unknown"
    AFTER_SELF = "after-self"
    CYCLE = "cycle"
    NO_TASKS = "no-tasks"

    # Wires that a component's current signature no longer fits (the code pane lists them).
    SIGNATURE_MISFITS = frozenset({UNKNOWN_INPUT, UNKNOWN_OUTPUT, TYPE_MISMATCH})


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    # What kind of problem, for code that reacts to it (never match ``message``: it is
    # English today and translated tomorrow). One of the ``Code`` values.
    code: str = ""
    # Where: at most one of these names the object; ``field`` narrows it
    # (an input name, "name", "source", "default"); ``line`` is within a component's source.
    task_id: str | None = None
    component_id: str | None = None
    param: str | None = None
    field: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


def _error(code: str, message: str, **where) -> Diagnostic:
    return Diagnostic(ERROR, message, code, **where)


def _warning(code: str, message: str, **where) -> Diagnostic:
    return Diagnostic(WARNING, message, code, **where)


def is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _names(p: Pipeline) -> list[Diagnostic]:
    out = []
    if not p.name.strip():
        out.append(_error(Code.PIPELINE_NAME, "The pipeline has no name.", field="name"))
    seen: set[str] = set()
    for prm in p.params:
        if not is_identifier(prm.name):
            out.append(
                _error(
                    Code.PARAM_NAME,
                    f"Parameter name `{prm.name}` is not a valid Python identifier.",
                    param=prm.name,
                    field="name",
                )
            )
        elif prm.name in seen:
            out.append(
                _error(
                    Code.PARAM_DUPLICATE,
                    f"Parameter `{prm.name}` is declared twice.",
                    param=prm.name,
                    field="name",
                )
            )
        seen.add(prm.name)
        if (
            prm.has_default
            and prm.default is not None
            and not value_fits(prm.default, prm.annotation)
        ):
            out.append(
                _error(
                    Code.PARAM_DEFAULT,
                    f"Parameter `{prm.name}` defaults to {prm.default!r}, "
                    f"which is not a {kind_of(prm.annotation)}.",
                    param=prm.name,
                    field="default",
                )
            )
    defaulted = next((prm for prm in p.params if prm.has_default), None)
    for prm in p.params[p.params.index(defaulted) + 1 :] if defaulted else []:
        if not prm.has_default:
            out.append(
                _warning(
                    Code.PARAM_ORDER,
                    f"Parameter `{prm.name}` has no default but comes after "
                    f"`{defaulted.name}`, which has one: Python export needs "
                    "parameters with defaults last.",
                    param=prm.name,
                    field="default",
                )
            )
    seen = set()
    for t in p.tasks:
        if not is_identifier(t.name):
            out.append(
                _error(
                    Code.TASK_NAME,
                    f"Task name `{t.name}` is not a valid Python identifier.",
                    task_id=t.id,
                    field="name",
                )
            )
        elif t.name in seen:
            out.append(
                _error(
                    Code.TASK_DUPLICATE,
                    f"Two tasks are named `{t.name}`.",
                    task_id=t.id,
                    field="name",
                )
            )
        seen.add(t.name)
    seen = set()
    for c in p.components:
        if c.name in seen:
            out.append(
                _error(
                    Code.COMPONENT_DUPLICATE,
                    f"Two components define the function `{c.name}`.",
                    component_id=c.id,
                    field="source",
                )
            )
        seen.add(c.name)
    return out


def _sources(p: Pipeline) -> list[Diagnostic]:
    out = []
    for c in p.components:
        if c.kind != "function":
            continue
        try:
            sig = signature_from_source(c.source)
        except SignatureError as e:
            out.append(
                _error(
                    Code.SOURCE_ERROR,
                    f"Component `{c.name}`: {e.message}",
                    component_id=c.id,
                    field="source",
                    line=e.line,
                )
            )
            continue
        if sig != c.signature:
            out.append(
                _error(
                    Code.PORTS_STALE,
                    f"Component `{c.name}`: its ports are out of date with its source.",
                    component_id=c.id,
                    field="source",
                )
            )
    return out


def _arguments(p: Pipeline) -> list[Diagnostic]:
    out = []
    tasks = {t.id: t for t in p.tasks}
    for task in p.tasks:
        comp = p.component(task.component_id)
        if comp is None:
            out.append(
                _error(
                    Code.UNKNOWN_COMPONENT,
                    f"Task `{task.name}` uses a component that does not exist.",
                    task_id=task.id,
                )
            )
            continue
        sig = comp.signature
        for name, arg in task.arguments.items():
            spec = sig.input(name)
            where = dict(task_id=task.id, field=name)
            if spec is None:
                out.append(
                    _error(
                        Code.UNKNOWN_INPUT,
                        f"Task `{task.name}` passes `{name}`, but `{comp.name}` has no such input.",
                        **where,
                    )
                )
                continue
            if isinstance(arg, ParamRef):
                prm = p.param(arg.name)
                if prm is None:
                    out.append(
                        _error(
                            Code.UNKNOWN_PARAM,
                            f"Task `{task.name}`, input `{name}`: pipeline "
                            f"parameter `{arg.name}` does not exist.",
                            **where,
                        )
                    )
                elif not compatible(prm.annotation, spec.annotation):
                    out.append(
                        _error(
                            Code.TYPE_MISMATCH,
                            f"Task `{task.name}`, input `{name}` expects "
                            f"{spec.annotation}, but parameter `{prm.name}` is "
                            f"{prm.annotation}.",
                            **where,
                        )
                    )
            elif isinstance(arg, OutputRef):
                up = tasks.get(arg.task_id)
                up_comp = p.component(up.component_id) if up else None
                out_spec = up_comp.signature.output(arg.output) if up_comp else None
                if up is None:
                    out.append(
                        _error(
                            Code.UNKNOWN_TASK,
                            f"Task `{task.name}`, input `{name}` is wired to "
                            "a task that does not exist.",
                            **where,
                        )
                    )
                elif out_spec is None:
                    out.append(
                        _error(
                            Code.UNKNOWN_OUTPUT,
                            f"Task `{task.name}`, input `{name}` is wired to "
                            f"output `{arg.output}` of `{up.name}`, which it no "
                            "longer has.",
                            **where,
                        )
                    )
                elif not compatible(out_spec.annotation, spec.annotation):
                    out.append(
                        _error(
                            Code.TYPE_MISMATCH,
                            f"Task `{task.name}`, input `{name}` expects "
                            f"{spec.annotation}, but `{up.name}.{arg.output}` is "
                            f"{out_spec.annotation}.",
                            **where,
                        )
                    )
                elif not v1_compatible(out_spec.annotation, spec.annotation):
                    out.append(
                        _warning(
                            Code.V1_TYPE_MISMATCH,
                            f"Task `{task.name}`, input `{name}`: KFP v1 "
                            f"refuses {out_spec.annotation} from `{up.name}."
                            f"{arg.output}` for {spec.annotation} (KFP v2 accepts "
                            "it); make the two annotations the same.",
                            **where,
                        )
                    )
            elif isinstance(arg, Constant):
                if arg.value is not None and not value_fits(arg.value, spec.annotation):
                    out.append(
                        _error(
                            Code.CONSTANT_TYPE,
                            f"Task `{task.name}`, input `{name}` expects "
                            f"{spec.annotation}, not {arg.value!r}.",
                            **where,
                        )
                    )
        for spec in sig.inputs:
            if spec.name not in task.arguments and not spec.has_default:
                out.append(
                    _error(
                        Code.MISSING_INPUT,
                        f"Task `{task.name}`: required input `{spec.name}` has no value.",
                        task_id=task.id,
                        field=spec.name,
                    )
                )
        for dep in task.after:
            if dep not in tasks:
                out.append(
                    _error(
                        Code.AFTER_UNKNOWN,
                        f"Task `{task.name}` runs after a task that does not exist.",
                        task_id=task.id,
                        field="after",
                    )
                )
            elif dep == task.id:
                out.append(
                    _error(
                        Code.AFTER_SELF,
                        f"Task `{task.name}` runs after itself.",
                        task_id=task.id,
                        field="after",
                    )
                )
    return out


def _cycles(p: Pipeline) -> list[Diagnostic]:
    ids = {t.id for t in p.tasks}
    graph = {t.id: [u for u in t.upstream_ids() if u in ids and u != t.id] for t in p.tasks}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as e:
        cycle = e.args[1]
        names = " -> ".join(p.task(i).name for i in reversed(cycle))
        return [_error(Code.CYCLE, f"The tasks form a cycle: {names}.", task_id=cycle[0])]
    return []


def validate(p: Pipeline) -> list[Diagnostic]:
    """All problems of ``p``, errors and warnings, in a stable order."""
    out = _names(p) + _sources(p) + _arguments(p) + _cycles(p)
    if not p.tasks:
        out.append(_warning(Code.NO_TASKS, "The pipeline has no tasks."))
    for prm in p.params:
        if not p.uses_param(prm.name):
            out.append(
                _warning(
                    Code.PARAM_UNUSED,
                    f"Parameter `{prm.name}` is not used by any task.",
                    param=prm.name,
                )
            )
    return out


def errors(p: Pipeline) -> list[Diagnostic]:
    return [d for d in validate(p) if d.is_error]
