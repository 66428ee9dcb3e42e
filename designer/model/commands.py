"""Every edit of a document, as one QUndoCommand each.

A command is built against the current document and holds a list of ops
(``Document.apply``); redo applies them and records their inverses, undo
applies the inverses backwards. Commands that stand for typing (``merge=True``)
absorb the next command with the same key pushed within ``PAUSE`` seconds of the
document's clock (``Document.clock``), so typing is one undo step per pause.
"""
from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand

from designer.ir import (
    Argument,
    Component,
    Constant,
    OutputRef,
    ParamRef,
    Pipeline,
    PipelineParam,
    SignatureError,
    Task,
    new_id,
    signature_from_source,
)
from designer.ir.model import Concat, argument_params, argument_refs
from designer.ir.naming import unique_name
from designer.ir.validate import is_identifier
from designer.ir.settings import PipelineConf, TaskSettings

from . import ops as O
from .document import Document
from .ops import Op, Pos
from .rules import PARAM_PREFIX, Source

PAUSE = 1.0  # seconds of no typing that end one undo step
_UNSET: Any = object()


class Commands(QObject):
    """The translation context of undo texts (History pane, Edit menu). Texts with a
    count use ``Commands.tr(text, "", n)``: lupdate reads plural forms only from tr()."""


class DocCommand(QUndoCommand):
    """A list of ops; optionally merges with later commands that share ``merge_key``."""

    MERGE_ID = 4711

    def __init__(self, doc: Document, text: str, ops: list[Op] | None = None,
                 merge_key: tuple | None = None):
        super().__init__(text)
        self.doc = doc
        # Segments: [ops, inverses]; merging appends the other command's segments.
        self._segments: list[list] = [[list(ops or []), []]]
        self.merge_key = merge_key
        self._stamp = doc.clock()

    @property
    def ops(self) -> list[Op]:
        return [op for seg in self._segments for op in seg[0]]

    def redo(self) -> None:
        with self.doc.batch():
            for seg in self._segments:
                seg[1] = [self.doc.apply(op) for op in seg[0]]

    def undo(self) -> None:
        with self.doc.batch():
            for seg in reversed(self._segments):
                for inverse in reversed(seg[1]):
                    self.doc.apply(inverse)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, DocCommand) or other.merge_key != self.merge_key
                or other._stamp - self._stamp > PAUSE):
            return False
        self._segments.extend(other._segments)
        self._stamp = other._stamp
        return True


# --- helpers that build ops ------------------------------------------------------------------

def ordered_arguments(doc: Document, task: Task, input_name: str,
                      arg: Argument | None) -> dict[str, Argument]:
    """``task.arguments`` with one input set (or removed), keyed in signature order."""
    args = dict(task.arguments)
    if arg is None:
        args.pop(input_name, None)
    else:
        args[input_name] = arg
    comp = doc.component(task.component_id)
    order = [i.name for i in comp.signature.inputs] if comp else []
    rank = {name: i for i, name in enumerate(order)}
    return dict(sorted(args.items(), key=lambda kv: rank.get(kv[0], len(order))))


def _same_component(a: Any, b: Any) -> bool:
    """Function components with one name and source; other kinds equal but for their ids."""
    if isinstance(a, Component) and isinstance(b, Component):
        return a.name == b.name and a.source == b.source
    return type(a) is type(b) and replace(a, id="") == replace(b, id="")


def component_for_drop(doc: Document, comp: Component) -> tuple[str, list[Op]]:
    """The id of a document component equal to ``comp``, or ops adding a copy of it."""
    if doc.component(comp.id) is comp:
        return comp.id, []
    # (an importer is never shared: kfp makes one per call, and its form edits one task's)
    for existing in () if getattr(comp, "kind", "") == "importer" else doc.pipeline.components:
        if _same_component(existing, comp):
            return existing.id, []
    cid = comp.id if doc.component(comp.id) is None else new_id()
    if isinstance(comp, Component):
        copy = Component(id=cid, source=comp.source, signature=comp.signature,
                         base_image=comp.base_image,
                         packages_to_install=list(comp.packages_to_install),
                         **comp.install_options())
    else:       # a container or volume step (pasted from a version-2 fragment)
        copy = replace(deepcopy(comp), id=cid)
    return cid, [O.InsertComponent(len(doc.pipeline.components), copy)]


def _outputs_without(doc: Document, task_ids: set[str]) -> list[Op]:
    """The pipeline returns what a removed task made no longer (as deleting the task from a
    pipeline function deletes its ``return``); its description goes with it."""
    p = doc.pipeline
    gone = {k for k, a in p.outputs.items()
            if any(r.task_id in task_ids for r in argument_refs(a))}
    if not gone:
        return []
    return [O.SetInfo({"outputs": {k: a for k, a in p.outputs.items() if k not in gone},
                       "output_descriptions": {k: d for k, d in p.output_descriptions.items()
                                               if k not in gone}})]


def output_name(p: Pipeline, output: str) -> str:
    """The name a newly returned task output takes: ``Output`` for the first (kfp's name for
    a single return), else the output's own name, made unique."""
    if not p.outputs:
        return "Output"
    name, n = output, 2
    while name in p.outputs:
        name, n = f"{output}_{n}", n + 1
    return name


def _removal_ops(doc: Document, task_ids: set[str], params: set[str],
                 links: set[tuple[str, str]]) -> list[Op]:
    """Ops removing tasks, parameters and wires ((task id, input) or (task id, "after:" id))."""
    ops: list[Op] = []
    # Only the tasks that read what goes (the document's index knows them), in order.
    for t in [doc.task(i) for i in doc.problems.dependents(task_ids, params,
                                                             [tid for tid, _ in links])]:
        if t.id in task_ids:
            continue
        args = {k: a for k, a in t.arguments.items()
                if (t.id, k) not in links
                and not any(r.task_id in task_ids for r in argument_refs(a))
                and not any(n in params for n in argument_params(a))}
        after = [d for d in t.after if d not in task_ids and (t.id, "after:" + d) not in links]
        fields: dict[str, Any] = {}
        if list(args.items()) != list(t.arguments.items()):
            fields["arguments"] = args
        if after != t.after:
            fields["after"] = after
        if fields:
            ops.append(O.SetTask(t.id, fields))
    ops += _outputs_without(doc, task_ids)
    ops += [O.DeleteTask(t.id) for t in doc.pipeline.tasks if t.id in task_ids]
    for name in [p.name for p in doc.pipeline.params if p.name in params]:
        ops.append(O.DeleteParam(name))
        if PARAM_PREFIX + name in doc.layout:
            ops.append(O.SetPositions({PARAM_PREFIX + name: None}))
    return ops


# --- the commands ------------------------------------------------------------------------------

class AddTask(DocCommand):
    """A new task of ``component`` (from the library or the document) at ``pos``."""

    def __init__(self, doc: Document, component: Component, pos: Pos, name: str | None = None):
        cid, ops = component_for_drop(doc, component)
        self.task_id = new_id()
        # A task is named like the Python variable a person would write: the component's
        # Python name (a spec's "Train model" is called as ``train_model``).
        task = Task(id=self.task_id,
                    name=doc.pipeline.unique_task_name(name or component.python_name),
                    component_id=cid)
        ops.append(O.InsertTask(len(doc.pipeline.tasks), task, (float(pos[0]), float(pos[1]))))
        super().__init__(doc, QCoreApplication.translate("Commands", "Add task {name}").format(
            name=task.name), ops)


class RemoveItems(DocCommand):
    """Delete tasks, parameters (their references go too) and wires."""

    def __init__(self, doc: Document, task_ids: list[str] = (), params: list[str] = (),
                 links: list[tuple[str, str]] = ()):
        n = len(task_ids) + len(params) + len(links)
        text = (Commands.tr("Delete %n wire(s)", "", n) if len(links) == n
                else Commands.tr("Delete %n item(s)", "", n))
        super().__init__(doc, text,
                         _removal_ops(doc, set(task_ids), set(params), set(links)))


class MoveNodes(DocCommand):
    """Set node positions (a drag, a nudge, or an automatic layout)."""

    def __init__(self, doc: Document, positions: dict[str, Pos], text: str = ""):
        n = len(positions)
        super().__init__(doc, text or Commands.tr("Move %n node(s)", "", n),
                         [O.SetPositions(dict(positions))])


class SetArgument(DocCommand):
    """Set one input of a task: a wire (OutputRef/ParamRef), a constant, or nothing."""

    def __init__(self, doc: Document, task_id: str, input_name: str, arg: Argument | None,
                 merge: bool = False):
        task = doc.task(task_id)
        args = ordered_arguments(doc, task, input_name, arg)
        translate = QCoreApplication.translate
        target = f"{task.name}.{input_name}"
        if arg is None:
            text = translate("Commands", "Disconnect {input}").format(input=target)
        elif isinstance(arg, Constant):
            text = translate("Commands", "Set {input} = {value}").format(
                input=target, value=repr(arg.value))
        elif isinstance(arg, ParamRef):
            text = translate("Commands", "Connect {source} → {input}").format(
                source=arg.name, input=target)
        elif isinstance(arg, OutputRef):
            text = translate("Commands", "Connect {source} → {input}").format(
                source=f"{doc.task(arg.task_id).name}.{arg.output}", input=target)
        elif isinstance(arg, Concat):
            text = translate("Commands", "Set {input} to an expression").format(input=target)
        else:   # a loop's item and the other kinds of reference
            text = translate("Commands", "Set {input}").format(input=target)
        super().__init__(doc, text, [O.SetTask(task_id, {"arguments": args})],
                         merge_key=("argument", task_id, input_name) if merge else None)


def Connect(doc: Document, source: Source, task_id: str, input_name: str) -> SetArgument:
    arg: Argument = (ParamRef(source.param_name) if source.is_param
                     else OutputRef(source.node, source.port))
    return SetArgument(doc, task_id, input_name, arg)


class MoveWire(DocCommand):
    """Re-route a wire: ``old`` (task id, input) loses it, ``new`` gets it, in one step."""

    def __init__(self, doc: Document, source: Source, old: tuple[str, str],
                 new: tuple[str, str]):
        arg: Argument = (ParamRef(source.param_name) if source.is_param
                         else OutputRef(source.node, source.port))
        old_task, new_task = doc.task(old[0]), doc.task(new[0])
        if old_task is new_task:
            args = ordered_arguments(doc, new_task, old[1], None)
            args.pop(new[1], None)
            probe = Task(new_task.id, new_task.name, new_task.component_id, args)
            ops = [O.SetTask(new_task.id,
                    {"arguments": ordered_arguments(doc, probe, new[1], arg)})]
        else:
            ops = [O.SetTask(old_task.id,
                    {"arguments": ordered_arguments(doc, old_task, old[1], None)}),
                   O.SetTask(new_task.id,
                    {"arguments": ordered_arguments(doc, new_task, new[1], arg)})]
        super().__init__(doc, QCoreApplication.translate("Commands", "Move wire"), ops)


class SetAfter(DocCommand):
    """Replace a task's explicit ``.after()`` dependencies."""

    def __init__(self, doc: Document, task_id: str, after: list[str]):
        task = doc.task(task_id)
        super().__init__(doc, QCoreApplication.translate(
                             "Commands", "Set {name} runs after").format(name=task.name),
                         [O.SetTask(task_id, {"after": list(after)})])


class RenameTask(DocCommand):
    def __init__(self, doc: Document, task_id: str, name: str, merge: bool = False):
        task = doc.task(task_id)
        super().__init__(doc, QCoreApplication.translate(
                             "Commands", "Rename task {old} → {new}").format(old=task.name,
                                                                             new=name),
                         [O.SetTask(task_id, {"name": name})],
                         merge_key=("task-name", task_id) if merge else None)


class SetTaskSettings(DocCommand):
    """Replace a task's run settings (``TaskSettings``) in one step. ``what`` names the
    setting changed, for the undo text (the pane passes its translated label)."""

    def __init__(self, doc: Document, task_id: str, settings: TaskSettings, what: str = ""):
        task = doc.task(task_id)
        translate = QCoreApplication.translate
        text = (translate("Commands", "Set {setting} of {name}").format(setting=what,
                                                                       name=task.name)
                if what else translate("Commands", "Settings of task {name}").format(
                    name=task.name))
        super().__init__(doc, text, [O.SetTaskSettings(task_id, settings)])


class SetPipelineConf(DocCommand):
    """Replace the pipeline-wide run settings (``PipelineConf``) in one step."""

    def __init__(self, doc: Document, conf: PipelineConf, what: str = ""):
        translate = QCoreApplication.translate
        text = (translate("Commands", "Set pipeline {setting}").format(setting=what) if what
                else translate("Commands", "Pipeline run settings"))
        super().__init__(doc, text, [O.SetInfo({"conf": conf})])


class SetComponentSource(DocCommand):
    """Edit a component's function source; typing merges into one step per pause.

    The signature follows the source when it parses and keeps its last good
    state while it does not (validation reports the syntax error).
    """

    def __init__(self, doc: Document, component_id: str, source: str, merge: bool = True):
        comp = doc.component(component_id)
        fields: dict[str, Any] = {"source": source}
        try:
            fields["signature"] = signature_from_source(source)
        except SignatureError:
            pass
        super().__init__(doc, QCoreApplication.translate("Commands", "Edit {name}").format(
                             name=comp.name), [O.SetComponent(component_id, fields)],
                         merge_key=("source", component_id) if merge else None)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not super().mergeWith(other):
            return False
        # Typing back to where the step started leaves nothing to undo.
        original: dict[str, Any] = {}
        for _ops, inverses in self._segments:
            for field, value in inverses[0].fields.items():
                original.setdefault(field, value)
        comp = self.doc.component(self._segments[0][0][0].component_id)
        if comp is not None and all(getattr(comp, k) == v for k, v in original.items()):
            self.setObsolete(True)
        return True


class SetComponentSettings(DocCommand):
    """Base image, packages to install and kfp 2's install options (``kfp_package_path``,
    ``pip_index_urls``, ``target_image``) of a function component."""

    def __init__(self, doc: Document, component_id: str, *, base_image: Any = _UNSET,
                 packages_to_install: Any = _UNSET, merge: bool = False, **options: Any):
        comp = doc.component(component_id)
        fields: dict[str, Any] = {}
        if base_image is not _UNSET:
            fields["base_image"] = base_image or None
        if packages_to_install is not _UNSET:
            fields["packages_to_install"] = list(packages_to_install)
        for key, value in options.items():
            if key not in ("kfp_package_path", "pip_index_urls", "target_image"):
                raise TypeError(f"not a component setting: {key}")
            fields[key] = list(value or ()) if key == "pip_index_urls" else value or None
        super().__init__(doc, QCoreApplication.translate(
                             "Commands", "Settings of {name}").format(name=comp.name),
                         [O.SetComponent(component_id, fields)],
                         merge_key=("settings", component_id, tuple(fields)) if merge else None)


class SetContainerFields(DocCommand):
    """One edit of a container step's form (``ir.container_fields``): its spec text written
    again and every field that follows from it replaced in one step. Raises InputError when
    the fields do not make a component (the form says why and keeps the old one)."""

    FIELDS = ("name", "description", "image", "command", "args", "signature", "spec_text")

    def __init__(self, doc: Document, component_id: str, fields: Any, what: str = ""):
        from designer.ir.container_fields import build
        comp = doc.component(component_id)
        new = build(fields, comp)
        changed = {k: getattr(new, k) for k in self.FIELDS if getattr(new, k) != getattr(comp, k)}
        translate = QCoreApplication.translate
        text = (translate("Commands", "Set {what} of {name}").format(what=what, name=comp.name)
                if what else translate("Commands", "Edit {name}").format(name=comp.name))
        ops: list[Op] = [O.SetComponent(component_id, changed)] if changed else []
        if new.python_name != comp.python_name:
            # A task still named after the step ("container_step") follows its new name.
            taken = {t.name for t in doc.pipeline.tasks}
            for t in doc.pipeline.tasks:
                if t.component_id == component_id and t.name == comp.python_name \
                        and is_identifier(new.python_name):
                    name = unique_name(new.python_name, taken - {t.name})
                    taken.add(name)
                    ops.append(O.SetTask(t.id, {"name": name}))
        super().__init__(doc, text, ops)


class SetImporter(DocCommand):
    """One edit of an importer's form (kfp 2's ``dsl.importer``): its artifact class,
    ``reimport`` or ``metadata``; named after the task that uses it."""

    FIELDS = ("artifact_class", "reimport", "metadata")

    def __init__(self, doc: Document, component_id: str, **fields: Any):
        comp = doc.component(component_id)
        for key in fields:
            if key not in self.FIELDS:
                raise TypeError(f"not an importer field: {key}")
        task = next((t for t in doc.pipeline.tasks if t.component_id == component_id), None)
        changed = {k: v for k, v in fields.items() if getattr(comp, k) != v}
        super().__init__(doc, QCoreApplication.translate("Commands", "Edit importer {name}").format(
                             name=task.name if task else comp.name),
                         [O.SetComponent(component_id, changed)] if changed else [])


class AddComponent(DocCommand):
    def __init__(self, doc: Document, component: Component):
        self.component_id, ops = component_for_drop(doc, component)
        super().__init__(doc, QCoreApplication.translate(
            "Commands", "Add component {name}").format(name=component.name), ops)


class RemoveComponent(DocCommand):
    """Remove a component no task uses (callers check ``in_use`` first)."""

    def __init__(self, doc: Document, component_id: str):
        comp = doc.component(component_id)
        if any(t.component_id == component_id for t in doc.pipeline.tasks):
            raise ValueError(f"component {comp.name} is used by tasks")
        super().__init__(doc, QCoreApplication.translate(
                             "Commands", "Remove component {name}").format(name=comp.name),
                         [O.DeleteComponent(component_id)])


class AddParam(DocCommand):
    def __init__(self, doc: Document, param: PipelineParam, pos: Pos | None = None):
        ops: list[Op] = [O.InsertParam(len(doc.pipeline.params), param)]
        if pos is not None:
            ops.append(O.SetPositions({PARAM_PREFIX + param.name: pos}))
        super().__init__(doc, QCoreApplication.translate(
            "Commands", "Add parameter {name}").format(name=param.name), ops)


class EditParam(DocCommand):
    """Change a parameter's name, type or default; a rename carries its references along."""

    def __init__(self, doc: Document, name: str, new: PipelineParam, merge: bool = False):
        ops: list[Op] = [O.ReplaceParam(name, new)]
        if new.name != name:
            for t in doc.pipeline.tasks:
                if any(isinstance(a, ParamRef) and a.name == name for a in t.arguments.values()):
                    args = {k: ParamRef(new.name) if isinstance(a, ParamRef) and a.name == name
                            else a for k, a in t.arguments.items()}
                    ops.append(O.SetTask(t.id, {"arguments": args}))
            old_key = PARAM_PREFIX + name
            if old_key in doc.layout:
                ops.append(O.SetPositions({old_key: None,
                                              PARAM_PREFIX + new.name: doc.layout[old_key]}))
        index = next(i for i, p in enumerate(doc.pipeline.params) if p.name == name)
        super().__init__(doc, QCoreApplication.translate(
                             "Commands", "Edit parameter {name}").format(name=new.name), ops,
                         merge_key=("param", index) if merge else None)


class SetPipelineInfo(DocCommand):
    """Pipeline name, description, Python function name and pipeline root (only the ones
    given)."""

    def __init__(self, doc: Document, *, name: Any = _UNSET, description: Any = _UNSET,
                 function_name: Any = _UNSET, pipeline_root: Any = _UNSET,
                 merge: bool = False):
        fields = {k: v for k, v in (("name", name), ("description", description),
                                    ("function_name", function_name),
                                    ("pipeline_root", pipeline_root)) if v is not _UNSET}
        translate = QCoreApplication.translate
        words = {"name": translate("Commands", "name"),
                 "description": translate("Commands", "description"),
                 "function_name": translate("Commands", "function name"),
                 "pipeline_root": translate("Commands", "pipeline root")}
        super().__init__(doc, translate("Commands", "Edit pipeline {fields}").format(
                             fields=", ".join(words[f] for f in fields)),
                         [O.SetInfo(fields)],
                         merge_key=("info", tuple(fields)) if merge else None)


class SetPipelineOutput(DocCommand):
    """Return a task output from the pipeline as ``name`` (``returns``), describe a pipeline
    output (``description``: text, or None for none), rename it (``rename``: the new name, a
    free one), or stop returning it (``remove``)."""

    def __init__(self, doc: Document, name: str, *, description: Any = _UNSET,
                 remove: bool = False, returns: Argument | None = None,
                 rename: str | None = None):
        p = doc.pipeline
        translate = QCoreApplication.translate
        descriptions = dict(p.output_descriptions)
        if rename is not None:
            if rename in p.outputs:
                raise ValueError(f"the pipeline already returns an output named {rename!r}")
            fields = {"outputs": {rename if k == name else k: a for k, a in p.outputs.items()},
                      "output_descriptions": {rename if k == name else k: d
                                              for k, d in descriptions.items()}}
            text = translate("Commands", "Rename pipeline output {name} to {new}").format(
                name=name, new=rename)
        elif returns is not None:
            fields = {"outputs": {**p.outputs, name: returns}}
            text = translate("Commands", "Return {name} from the pipeline").format(name=name)
        elif remove:
            descriptions.pop(name, None)
            fields = {"outputs": {k: a for k, a in p.outputs.items() if k != name},
                      "output_descriptions": descriptions}
            text = translate("Commands", "Remove pipeline output {name}").format(name=name)
        else:
            if description:
                descriptions[name] = description
            else:
                descriptions.pop(name, None)
            fields = {"output_descriptions": descriptions}
            text = translate("Commands", "Describe pipeline output {name}").format(name=name)
        super().__init__(doc, text, [O.SetInfo(fields)])


class Paste(DocCommand):
    """Insert a clipboard fragment (a Project) shifted by ``offset``; new ids and names."""

    def __init__(self, doc: Document, fragment: Any, offset: Pos, text: str = ""):
        from .fragments import paste_ops
        ops, self.task_ids, self.param_keys = paste_ops(doc, fragment, offset)
        super().__init__(doc, text or QCoreApplication.translate("Commands", "Paste"), ops)


__all__ = [
    "PAUSE", "DocCommand", "AddTask", "RemoveItems", "MoveNodes", "SetArgument", "Connect",
    "MoveWire",
    "SetAfter", "RenameTask", "SetTaskSettings", "SetPipelineConf", "SetComponentSource",
    "SetComponentSettings", "AddComponent",
    "RemoveComponent", "AddParam", "EditParam", "SetPipelineInfo", "SetPipelineOutput", "Paste",
    "output_name",
]


class ShowLessonStep(DocCommand):
    """A lesson's "Show me": the step done for the person, as one undoable step."""

    def __init__(self, doc: Document, step: Any, library: dict, title: str = ""):
        from .lesson_plan import plan_step
        ops = plan_step(step, doc.pipeline, doc.layout, library)
        super().__init__(doc, QCoreApplication.translate(
            "Commands", "Lesson: {step}").format(step=title or step.id), ops)


__all__.append("ShowLessonStep")
