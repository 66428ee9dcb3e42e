"""Pipeline checks that return diagnostics instead of raising.

Editing leaves pipelines half-built all the time; the designer shows these
diagnostics as a problems list, and exporters refuse pipelines with errors.
"""

from __future__ import annotations

import dataclasses
import graphlib
import keyword
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

from .errors import quoted, shorten
from .model import Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from .signature import (
    ARTIFACT_TYPES,
    MAX_TYPE_DEPTH,
    VALUE,
    SignatureError,
    annotation_problem,
    signature_from_source,
)
from .translatable import QT_TRANSLATE_NOOP
from .types import compatible, kind_of, v1_compatible, value_fits
from .values import Problem, text_problem, value_problem

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
    TEXT = "text"              # text no file can hold (a lone surrogate)
    VALUE = "value"            # a constant no file or compiler can hold (ir.values)
    TYPE_TEXT = "type-text"    # a parameter type that is no Python expression
    NO_IMAGE = "no-image"      # a container or base image given as empty text
    CLAIM_NAMES = "claim-names"  # a CreatePVC given both a name and a name suffix
    SUBPIPELINE = "subpipeline"  # an error inside a pipeline used as a component
    SUBPIPELINE_CYCLE = "subpipeline-cycle"  # a pipeline that contains itself
    IMPORTER_CLASS = "importer-class"  # an importer of a class kfp does not have

    # Wires that a component's current signature no longer fits (the code pane lists them).
    SIGNATURE_MISFITS = frozenset({UNKNOWN_INPUT, UNKNOWN_OUTPUT, TYPE_MISMATCH})


# What each diagnostic says, by code ("<code>/<variant>" where one code has two
# sentences): templates with named fields, in the "Diagnostics" translation context.
# ``Diagnostic.message`` is the template formatted in English; the UI shows it translated
# (``designer/ui/messages.py``) from ``template`` and ``args``.
MESSAGES: dict[str, str] = {
    Code.PIPELINE_NAME: QT_TRANSLATE_NOOP("Diagnostics", "The pipeline has no name."),
    Code.CLAIM_NAMES: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}` gives both pvc_name and pvc_name_suffix: the cluster "
        "refuses to create the claim (give one)."),
    Code.SUBPIPELINE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Sub-pipeline `{component}`: {error}"),
    Code.SUBPIPELINE_CYCLE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Sub-pipeline `{component}` contains itself: {names}."),
    Code.SUBPIPELINE_CYCLE + "/deep": QT_TRANSLATE_NOOP(
        "Diagnostics", "Sub-pipeline `{component}` nests pipelines more than {depth} levels "
        "deep: {names}."),
    Code.IMPORTER_CLASS: QT_TRANSLATE_NOOP(
        "Diagnostics", "Importer `{task}`: `{name}` is not one of kfp's artifact classes."),
    Code.PARAM_NAME: QT_TRANSLATE_NOOP(
        "Diagnostics", "Parameter name `{name}` is not a valid Python identifier."),
    Code.PARAM_DUPLICATE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Parameter `{name}` is declared twice."),
    Code.PARAM_DEFAULT: QT_TRANSLATE_NOOP(
        "Diagnostics", "Parameter `{name}` defaults to {value}, which is not a {kind}."),
    Code.PARAM_ORDER: QT_TRANSLATE_NOOP(
        "Diagnostics", "Parameter `{name}` has no default but comes after `{other}`, which "
        "has one: Python export needs parameters with defaults last."),
    Code.TASK_NAME: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task name `{name}` is not a valid Python identifier."),
    Code.TASK_DUPLICATE: QT_TRANSLATE_NOOP("Diagnostics", "Two tasks are named `{name}`."),
    Code.COMPONENT_DUPLICATE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Two components define the function `{name}`."),
    Code.SOURCE_ERROR: QT_TRANSLATE_NOOP("Diagnostics", "Component `{component}`: {error}"),
    Code.PORTS_STALE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Component `{component}`: its ports are out of date with its source."),
    Code.UNKNOWN_COMPONENT: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}` uses a component that does not exist."),
    Code.UNKNOWN_INPUT: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}` passes `{input}`, but `{component}` has no such input."),
    Code.UNKNOWN_PARAM: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}`: pipeline parameter `{param}` does "
        "not exist."),
    Code.TYPE_MISMATCH + "/param": QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}` expects {expected}, but parameter "
        "`{param}` is {actual}."),
    Code.UNKNOWN_TASK: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}` is wired to a task that does not exist."),
    Code.UNKNOWN_OUTPUT: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}` is wired to output `{output}` of "
        "`{upstream}`, which it no longer has."),
    Code.TYPE_MISMATCH: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}` expects {expected}, but `{source}` is "
        "{actual}."),
    Code.V1_TYPE_MISMATCH: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}`: KFP v1 refuses {actual} from "
        "`{source}` for {expected} (KFP v2 accepts it); make the two annotations the same."),
    Code.CONSTANT_TYPE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`, input `{input}` expects {expected}, not {value}."),
    Code.MISSING_INPUT: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}`: required input `{input}` has no value."),
    Code.AFTER_UNKNOWN: QT_TRANSLATE_NOOP(
        "Diagnostics", "Task `{task}` runs after a task that does not exist."),
    Code.AFTER_SELF: QT_TRANSLATE_NOOP("Diagnostics", "Task `{task}` runs after itself."),
    Code.CYCLE: QT_TRANSLATE_NOOP("Diagnostics", "The tasks form a cycle: {names}."),
    Code.NO_TASKS: QT_TRANSLATE_NOOP("Diagnostics", "The pipeline has no tasks."),
    Code.PARAM_UNUSED: QT_TRANSLATE_NOOP(
        "Diagnostics", "Parameter `{name}` is not used by any task."),
    Code.TEXT: QT_TRANSLATE_NOOP(
        "Diagnostics", "The text `{text}` has a lone surrogate (U+{code}), which no file can "
        "hold."),
    Code.VALUE + "/int": QT_TRANSLATE_NOOP(
        "Diagnostics", "The value {value} is an integer of more than {digits} digits, which "
        "no file or compiler can hold."),
    Code.VALUE + "/depth": QT_TRANSLATE_NOOP(
        "Diagnostics", "The value {value} is nested more than {depth} levels deep."),
    Code.VALUE + "/sequence": QT_TRANSLATE_NOOP(
        "Diagnostics", "The value {value} is a {type}: use a list."),
    Code.VALUE + "/type": QT_TRANSLATE_NOOP(
        "Diagnostics", "The value {value} is a {type}, which is not a JSON-like value."),
    Code.VALUE + "/key": QT_TRANSLATE_NOOP(
        "Diagnostics", "The value {value} has a key of type {type}."),
    Code.TYPE_TEXT: QT_TRANSLATE_NOOP(
        "Diagnostics", "The type of parameter `{name}`, `{type}`, is not a Python expression."),
    Code.NO_IMAGE: QT_TRANSLATE_NOOP(
        "Diagnostics", "Component `{component}` has an empty container image: name one."),
    Code.NO_IMAGE + "/base": QT_TRANSLATE_NOOP(
        "Diagnostics", "Component `{component}` has an empty base image: name one or leave "
        "it unset for kfp's default."),
    Code.TYPE_TEXT + "/deep": QT_TRANSLATE_NOOP(
        "Diagnostics", "The type of parameter `{name}` is nested more than {depth} levels "
        "deep."),
}


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str   # in English: ``template.format(**args)``
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
    # The sentence as a translatable template and its named fields (``message`` is it
    # formatted in English).
    template: str = dataclasses.field(default="", compare=False)
    args: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


def _diagnostic(severity: str, code: str, args: dict[str, Any] | None, variant: str,
                where: dict) -> Diagnostic:
    template = MESSAGES[f"{code}/{variant}" if variant else code]
    args = args or {}
    return Diagnostic(severity, template.format(**args), code, **where, template=template,
                      args=args)


def _error(code: str, args: dict[str, Any] | None = None, variant: str = "",
           **where) -> Diagnostic:
    return _diagnostic(ERROR, code, args, variant, where)


def _warning(code: str, args: dict[str, Any] | None = None, variant: str = "",
             **where) -> Diagnostic:
    return _diagnostic(WARNING, code, args, variant, where)


def is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


# Each check below looks at one object (the pipeline's own fields, the parameters as a
# whole, one component, one task) and what it references, so that the live validation
# (``ir.live_validate``) rechecks only what an edit touched, with the very same code.

def _pipeline_name(p: Pipeline) -> list[Diagnostic]:
    return [_error(Code.PIPELINE_NAME, field="name")] if not p.name.strip() else []


def _params_names(p: Pipeline) -> list[Diagnostic]:
    out = []
    seen: set[str] = set()
    for prm in p.params:
        if not is_identifier(prm.name):
            out.append(_error(Code.PARAM_NAME, {"name": prm.name}, param=prm.name,
                              field="name"))
        elif prm.name in seen:
            out.append(_error(Code.PARAM_DUPLICATE, {"name": prm.name}, param=prm.name,
                              field="name"))
        seen.add(prm.name)
        if (
            prm.has_default
            and prm.default is not None
            and not value_fits(prm.default, prm.annotation)
        ):
            out.append(_error(Code.PARAM_DEFAULT,
                              {"name": prm.name, "value": quoted(prm.default),
                               "kind": kind_of(prm.annotation)},
                              param=prm.name, field="default"))
    defaulted = next((prm for prm in p.params if prm.has_default), None)
    for prm in p.params[p.params.index(defaulted) + 1 :] if defaulted else []:
        if not prm.has_default:
            out.append(_warning(Code.PARAM_ORDER, {"name": prm.name, "other": defaulted.name},
                                param=prm.name, field="default"))
    return out


def _task_name(t: Task, repeated: bool) -> list[Diagnostic]:
    """``repeated``: an earlier task (in document order) has the same name."""
    if not is_identifier(t.name):
        return [_error(Code.TASK_NAME, {"name": t.name}, task_id=t.id, field="name")]
    if repeated:
        return [_error(Code.TASK_DUPLICATE, {"name": t.name}, task_id=t.id, field="name")]
    return []


def _component_name(c: Any, repeated: bool) -> list[Diagnostic]:
    # The Python name a file calls it by: a container step's kfp name may repeat (and every
    # importer is called ``importer``: a call of kfp's, not a definition of the file's).
    if repeated and c.kind != "importer":
        return [_error(Code.COMPONENT_DUPLICATE, {"name": c.python_name}, component_id=c.id,
                       field="source")]
    return []


def _names(p: Pipeline) -> list[Diagnostic]:
    out = _pipeline_name(p) + _params_names(p)
    seen: set[str] = set()
    for t in p.tasks:
        out += _task_name(t, t.name in seen)
        seen.add(t.name)
    seen = set()
    for c in p.components:
        out += _component_name(c, c.python_name in seen)
        seen.add(c.python_name)
    return out


class _Contents:
    """Text and values every target and the project file can hold (ir.values)."""

    def __init__(self) -> None:
        self.out: list[Diagnostic] = []

    def problem(self, found: Problem | None, value: object, where: dict) -> None:
        if found is None:
            return
        if found.kind == "surrogate":
            text = value if isinstance(value, str) else repr(value)
            self.out.append(_error(Code.TEXT, {"text": shorten(text),
                                               "code": found.args["code"]}, **where))
            return
        args = {"value": quoted(value), **{k: v for k, v in found.args.items()
                                           if k in ("digits", "depth", "type")}}
        self.out.append(_error(Code.VALUE, args, variant=found.kind, **where))

    def text(self, value: str | None, **where) -> None:
        if isinstance(value, str):
            self.problem(text_problem(value), value, where)


def _pipeline_contents(p: Pipeline) -> list[Diagnostic]:
    c = _Contents()
    c.text(p.name, field="name")
    c.text(p.description, field="description")
    c.text(p.function_name, field="function_name")
    c.text(p.pipeline_root, field="pipeline_root")
    for name, text in p.output_descriptions.items():
        c.text(name, field="output_descriptions")
        c.text(text, field="output_descriptions")
    return c.out


def _param_contents(prm: PipelineParam) -> list[Diagnostic]:
    c = _Contents()
    where = dict(param=prm.name)
    c.text(prm.name, field="name", **where)
    c.text(prm.description, field="description", **where)
    if prm.annotation is not None:
        c.text(prm.annotation, field="type", **where)
        why = annotation_problem(prm.annotation)
        if why and not text_problem(prm.annotation):
            c.out.append(_error(Code.TYPE_TEXT, {"name": prm.name, "type": shorten(
                prm.annotation)} if why == "is not a Python expression" else
                {"name": prm.name, "depth": MAX_TYPE_DEPTH},
                variant="" if why == "is not a Python expression" else "deep",
                field="type", **where))
    if prm.has_default:
        c.problem(value_problem(prm.default), prm.default, dict(field="default", **where))
    return c.out


def _strings(value: Any):
    """Every text in a container step's parts (placeholders nest: Concat, IfPresent)."""
    stack = [value]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            yield x
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            stack.extend(getattr(x, f.name) for f in dataclasses.fields(x))
        elif isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)):
            stack.extend(x)


def _component_contents(comp: Any) -> list[Diagnostic]:
    if comp.kind == "container":
        # Its image, command, args, environment and ports are written into both targets'
        # YAML and Python (a lone surrogate there makes a file nothing opens again).
        c = _Contents()
        for text in _strings([comp.image, comp.command, comp.args, comp.env, comp.signature,
                              comp.description, comp.function_source]):
            c.text(text, component_id=comp.id)
        return c.out[:1]
    if comp.kind == "importer":
        # Its metadata is written into both YAML and Python as it is: a JSON-like constant.
        c = _Contents()
        c.problem(value_problem(comp.metadata), comp.metadata,
                  dict(component_id=comp.id, field="metadata"))
        return c.out
    if comp.kind != "function":
        return []
    c = _Contents()
    where = dict(component_id=comp.id)
    c.text(comp.source, field="source", **where)
    c.text(comp.base_image, **where)
    for text in (*comp.packages_to_install, comp.kfp_package_path, *comp.pip_index_urls,
                 comp.target_image):
        c.text(text, **where)
    # The docstring kfp reads (its escapes made real: "\ud800") and NamedTuple names.
    c.text(comp.signature.docstring, field="source", **where)
    for port in (*comp.signature.inputs, *comp.signature.outputs):
        c.text(port.name, field="source", **where)
        c.text(port.annotation, field="source", **where)
    for spec in comp.signature.inputs:
        if spec.has_default:
            c.problem(value_problem(spec.default, json_like=False), spec.default,
                      dict(field="source", **where))
    return c.out


def _task_contents(t: Task) -> list[Diagnostic]:
    c = _Contents()
    c.text(t.name, task_id=t.id, field="name")
    for name, arg in t.arguments.items():
        if isinstance(arg, Constant):
            c.problem(value_problem(arg.value), arg.value, dict(task_id=t.id, field=name))
    return c.out


def _contents(p: Pipeline) -> list[Diagnostic]:
    out = _pipeline_contents(p)
    for prm in p.params:
        out += _param_contents(prm)
    for comp in p.components:
        out += _component_contents(comp)
    for t in p.tasks:
        out += _task_contents(t)
    return out


def _component_image(c: Any) -> list[Diagnostic]:
    """An empty image: kfp 1 writes ``image: ''``, kfp 2 no image at all; no cluster runs
    either (and "" is not "unset": the default base image is None)."""
    if c.kind == "container" and not (c.image or "").strip():
        return [_error(Code.NO_IMAGE, {"component": c.name}, component_id=c.id, field="image")]
    if c.kind == "function" and c.base_image is not None and not c.base_image.strip():
        return [_error(Code.NO_IMAGE, {"component": c.name}, variant="base",
                       component_id=c.id, field="base_image")]
    return []


def _sub_pipeline(c: Any) -> list[Diagnostic]:
    """A pipeline used as a component: no cycle of pipelines, and no error inside (each
    reported once, prefixed with the sub-pipeline's name)."""
    from .subpipeline import MAX_NESTING, cycle
    where = dict(component_id=c.id)
    found = cycle(c.pipeline)
    if found is not None:
        args = {"component": c.python_name, "names": " -> ".join(found), "depth": MAX_NESTING}
        return [_error(Code.SUBPIPELINE_CYCLE, args,
                       variant="deep" if len(found) > MAX_NESTING else "", **where)]
    return [_error(Code.SUBPIPELINE, {"component": c.python_name, "error": d.message,
                                      "code": d.code}, **where)
            for d in errors(c.pipeline)]


def _component_source(c: Any) -> list[Diagnostic]:
    """The component's image and (for functions) its source against its ports; one
    per-component check, so live validation rechecks it with the component."""
    if c.kind == "pipeline":
        return _sub_pipeline(c)
    if c.kind == "importer":
        if c.artifact_class in ARTIFACT_TYPES:
            return []
        return [_error(Code.IMPORTER_CLASS, {"task": c.python_name, "name": c.artifact_class},
                       component_id=c.id, field="artifact_class")]
    out = _component_image(c)
    if c.kind != "function":
        return out
    try:
        sig = signature_from_source(c.source)
    except SignatureError as e:
        return out + [_error(Code.SOURCE_ERROR, {"component": c.name, "error": e.message},
                             component_id=c.id, field="source", line=e.line)]
    if sig != c.signature:
        return out + [_error(Code.PORTS_STALE, {"component": c.name}, component_id=c.id,
                             field="source")]
    return out


def _sources(p: Pipeline) -> list[Diagnostic]:
    out = []
    for c in p.components:
        out += _component_source(c)
    return out


def first_by(items: list, key: str) -> dict[str, Any]:
    """``items`` by ``key``, the first of each (as ``Pipeline.task``/``.component`` find)."""
    out: dict[str, Any] = {}
    for item in items:
        out.setdefault(getattr(item, key), item)
    return out


def _arguments(p: Pipeline) -> list[Diagnostic]:
    out = []
    # (tasks by id: the last of a repeated id, as validation always had it)
    tasks = {t.id: t for t in p.tasks}
    components, params = first_by(p.components, "id"), first_by(p.params, "name")
    for task in p.tasks:
        out += _task_arguments(task, tasks, components, params)
    return out


def _task_arguments(task: Task, tasks: Mapping[str, Task], components: Mapping[str, Any],
                    params: Mapping[str, PipelineParam]) -> list[Diagnostic]:
    """The arguments and dependencies of ``task``; the maps are the pipeline's tasks,
    components and parameters by id (by name), the first where one repeats."""
    out: list[Diagnostic] = []
    comp = components.get(task.component_id)
    if comp is None:
        return [_error(Code.UNKNOWN_COMPONENT, {"task": task.name}, task_id=task.id)]
    sig = comp.signature
    for name, arg in task.arguments.items():
        spec = sig.input(name)
        where = dict(task_id=task.id, field=name)
        if spec is None:
            out.append(_error(Code.UNKNOWN_INPUT,
                              {"task": task.name, "input": name, "component": comp.name},
                              **where))
            continue
        if isinstance(arg, ParamRef):
            prm = params.get(arg.name)
            if prm is None:
                out.append(_error(Code.UNKNOWN_PARAM,
                                  {"task": task.name, "input": name, "param": arg.name},
                                  **where))
            elif not compatible(prm.annotation, _value_type(spec)):
                out.append(_error(Code.TYPE_MISMATCH,
                                  {"task": task.name, "input": name,
                                   "expected": spec.annotation, "param": prm.name,
                                   "actual": prm.annotation},
                                  variant="param", **where))
        elif isinstance(arg, OutputRef):
            up = tasks.get(arg.task_id)
            up_comp = components.get(up.component_id) if up else None
            out_spec = up_comp.signature.output(arg.output) if up_comp else None
            if up is None:
                out.append(_error(Code.UNKNOWN_TASK, {"task": task.name, "input": name},
                                  **where))
            elif out_spec is None:
                out.append(_error(Code.UNKNOWN_OUTPUT,
                                  {"task": task.name, "input": name, "output": arg.output,
                                   "upstream": up.name},
                                  **where))
            else:
                # Unfit for both targets: an error; for kfp 1 only: a warning.
                fits = compatible(_value_type(out_spec), _value_type(spec))
                if not fits or not v1_compatible(_value_type(out_spec), _value_type(spec)):
                    out.append((_warning if fits else _error)(
                        Code.V1_TYPE_MISMATCH if fits else Code.TYPE_MISMATCH,
                        {"task": task.name, "input": name, "expected": spec.annotation,
                         "source": f"{up.name}.{arg.output}", "actual": out_spec.annotation},
                        **where))
        elif isinstance(arg, Constant):
            if arg.value is not None and not value_fits(arg.value, spec.annotation):
                out.append(_error(Code.CONSTANT_TYPE,
                                  {"task": task.name, "input": name,
                                   "expected": spec.annotation, "value": quoted(arg.value)},
                                  **where))
    for spec in sig.inputs:
        # (kfp 2 fills a PipelineTaskFinalStatus input itself)
        if spec.name not in task.arguments and not spec.has_default and \
                spec.type != "PipelineTaskFinalStatus" and \
                (spec.annotation or "").rsplit(".", 1)[-1] != "PipelineTaskFinalStatus":
            out.append(_error(Code.MISSING_INPUT, {"task": task.name, "input": spec.name},
                              task_id=task.id, field=spec.name))
    for dep in task.after:
        if dep not in tasks:
            out.append(_error(Code.AFTER_UNKNOWN, {"task": task.name}, task_id=task.id,
                              field="after"))
        elif dep == task.id:
            out.append(_error(Code.AFTER_SELF, {"task": task.name}, task_id=task.id,
                              field="after"))
    return out + _task_claims(task, comp)


def _value_type(port) -> str | None:
    """The annotation the value-type checks compare: a file or artifact port's annotation
    (``InputPath('CSV')``, ``Input[Dataset]``) is not a value type; kfp's own rules for
    those (types of files, artifact schemas) are each compiler's to apply."""
    if port.passing != VALUE or _artifact_value(port.annotation):
        return None
    return port.annotation


@lru_cache(maxsize=1024)      # (annotations repeat on every task of a component)
def _artifact_value(annotation: str | None) -> bool:
    """kfp 2 also takes an artifact as a plain annotation: ``Dataset``, ``List[Model]``."""
    if not annotation:
        return False
    text = annotation.strip()
    for prefix in ("typing.Optional[", "Optional[", "typing.List[", "List[", "list["):
        if text.startswith(prefix) and text.endswith("]"):
            text = text[len(prefix):-1].strip()
    return text.rsplit(".", 1)[-1] in ARTIFACT_TYPES


def _cycles(p: Pipeline) -> list[Diagnostic]:
    ids = {t.id for t in p.tasks}
    graph = {t.id: [u for u in t.upstream_ids() if u in ids and u != t.id] for t in p.tasks}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as e:
        cycle = e.args[1]
        names = " -> ".join(p.task(i).name for i in reversed(cycle))
        return [_error(Code.CYCLE, {"names": names}, task_id=cycle[0])]
    return []


def _no_tasks(p: Pipeline) -> list[Diagnostic]:
    return [] if p.tasks else [_warning(Code.NO_TASKS)]


def _unused(p: Pipeline, used: Callable[[str], bool]) -> list[Diagnostic]:
    return [_warning(Code.PARAM_UNUSED, {"name": prm.name}, param=prm.name)
            for prm in p.params if not used(prm.name)]


def _task_claims(task: Task, comp: Any) -> list[Diagnostic]:
    """kfp-kubernetes' CreatePVC compiles with both names; the backend then fails the run
    (``at most one of pvc_name and pvc_name_suffix can be non-empty``)."""
    if getattr(comp, "kind", "") != "volume" or comp.origin != "v2":
        return []
    given = [task.arguments.get(n) for n in ("pvc_name", "pvc_name_suffix")]
    if all(a is not None and not (isinstance(a, Constant) and a.value in ("", None))
           for a in given):
        return [_warning(Code.CLAIM_NAMES, {"task": task.name}, task_id=task.id,
                         field="pvc_name_suffix")]
    return []


def validate(p: Pipeline) -> list[Diagnostic]:
    """All problems of ``p``, errors and warnings, in a stable order."""
    return (_contents(p) + _names(p) + _sources(p) + _arguments(p) + _cycles(p)
            + _no_tasks(p) + _unused(p, p.uses_param))


def errors(p: Pipeline) -> list[Diagnostic]:
    return [d for d in validate(p) if d.is_error]
