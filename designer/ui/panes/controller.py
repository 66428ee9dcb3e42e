"""Wires the side panes (code, properties, pipeline form, previews, problems) to a Document.

The panes only show IR and emit what the user asked for; ``PanesController``
turns each request into one command on the document's undo stack, and feeds
every pane after each change. Selection belongs to the window (the canvas):
it calls ``select_tasks`` when the selection changes and follows
``select_requested`` when a pane (a preview click, a problem) picks a task.

``install_panes(window, doc, scene)`` builds the panes in dock widgets of a
QMainWindow and connects them, including to the canvas scene when given.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget, QWidget

from designer.ir import (
    Component,
    Diagnostic,
    InputError,
    PipelineParam,
    SignatureError,
)
from designer.ir.components import ContainerComponent
from designer.ir.validate import Code
from designer.model import commands as C
from designer.model.document import Document
from designer.model.group_commands import EditGroup
from designer.ui.deferred import after_first_paint
from designer.ui.messages import diagnostic_text
from designer.ui.panes.code_pane import CodeEditorPane
from designer.ui.panes.container_form import ContainerForm
from designer.ui.panes.pipeline_form import PipelineForm
from designer.ui.panes.problems import ProblemsPane, refuse_export
from designer.ui.preview.pane import CompileFn, PreviewPane


# From this many tasks an opened document's panes wait for the canvas's first frame (at
# 2,000 tasks its validation alone is ~35 ms); at most PANES_WAIT_MS (a hidden canvas).
# Then the validation goes on in slices of VALIDATE_SLICE_S, one per event-loop turn: the
# window answers input between them; the panes fill once it is done.
DEFER_PANES_AT = 500
PANES_WAIT_MS = 2000
VALIDATE_SLICE_S = 0.006


class PanesController(QObject):
    """Document <-> panes. ``select_requested(task ids)`` asks the window to select tasks."""

    select_requested = Signal(list)
    message = Signal(str)

    def __init__(self, doc: Document, code: CodeEditorPane, properties, form: PipelineForm,
                 previews: PreviewPane, problems: ProblemsPane, parent: QObject | None = None,
                 container: ContainerForm | None = None):
        super().__init__(parent)
        self.doc = doc
        self.code, self.properties, self.form = code, properties, form
        # Container steps are edited in a form in the Code dock (``code_stack``), not as code.
        self.container = container
        self.code_stack: QStackedWidget | None = None
        self.previews, self.problems = previews, problems
        self.docks: dict[str, QDockWidget] = {}
        self._task_id: str | None = None
        self._group_id: str | None = None   # a selected frame (shown when no task is)
        self.scene = None                   # the canvas scene, when the panes follow one
        # Where a new component's task goes (the window sets the canvas's free spot in view).
        self.place_task: Callable[[Component], tuple[float, float]] | None = None

        # Tasks and components an edit touched: their rows in the problems list may name
        # them differently (a rename) even when no problem changed.
        self._touched: set[str] = set()
        self._problems_stale = True
        self._code_problems_of: str | None = None   # the component the code notes are of
        for signal in (doc.task_changed, doc.component_changed):
            signal.connect(self._touched.add)
        # A big document opened: the canvas paints first, the panes follow (``_reset``).
        self._skip_refresh = False
        self._refresh_waits = False
        self._validating = False         # slices of an opened document's validation
        doc.reset.connect(self._reset)
        # The previews compile again only when something they show changed: a node moved
        # on the canvas (the layout) changes no compiled output.
        self._compiled_version: int | None = None
        doc.changed.connect(self.refresh)
        code.source_edited.connect(self._source_edited)
        code.new_component_requested.connect(self.new_component)
        code.undo_requested.connect(doc.undo_stack.undo)
        code.redo_requested.connect(doc.undo_stack.redo)
        properties.name_edited.connect(
            lambda tid, name: self._push(lambda: C.RenameTask(doc, tid, name)))
        properties.argument_edited.connect(
            lambda tid, inp, arg: self._push(lambda: C.SetArgument(doc, tid, inp, arg)))
        properties.after_edited.connect(
            lambda tid, after: self._push(lambda: C.SetAfter(doc, tid, after)))
        properties.base_image_edited.connect(
            lambda cid, image: self._push(lambda: C.SetComponentSettings(doc, cid,
                                                                        base_image=image)))
        properties.packages_edited.connect(
            lambda cid, pkgs: self._push(lambda: C.SetComponentSettings(
                doc, cid, packages_to_install=pkgs)))
        properties.install_option_edited.connect(
            lambda cid, key, value: self._push(lambda: C.SetComponentSettings(
                doc, cid, **{key: value})))
        properties.importer_edited.connect(
            lambda cid, fields: self._push(lambda: C.SetImporter(doc, cid, **fields)))
        properties.group_edited.connect(
            lambda gid, fields, field: self._push(lambda: EditGroup(doc, gid, fields,
                                                                    merge=True, part=field)))
        properties.settings_edited.connect(
            lambda tid, settings, what: self._push(
                lambda: C.SetTaskSettings(doc, tid, settings, what)))
        form.conf_edited.connect(
            lambda conf, what: self._push(lambda: C.SetPipelineConf(doc, conf, what)))
        form.renamed.connect(lambda name: self._push(lambda: C.SetPipelineInfo(doc, name=name)))
        form.description_edited.connect(
            lambda text: self._push(lambda: C.SetPipelineInfo(doc, description=text)))
        form.pipeline_root_edited.connect(
            lambda root: self._push(lambda: C.SetPipelineInfo(doc, pipeline_root=root)))
        form.outputs.described.connect(lambda name, text: self._push(
            lambda: C.SetPipelineOutput(doc, name, description=text)))
        form.outputs.removed.connect(lambda name: self._push(
            lambda: C.SetPipelineOutput(doc, name, remove=True)))
        form.outputs.renamed.connect(lambda old, new: self._push(
            lambda: C.SetPipelineOutput(doc, old, rename=new)))
        form.param_added.connect(lambda prm: self._push(lambda: C.AddParam(doc, prm)))
        form.param_removed.connect(lambda name: self._push(lambda: C.RemoveItems(doc,
                                                                                params=[name])))
        form.param_renamed.connect(self._param_renamed)
        form.param_changed.connect(
            lambda name, prm: self._push(lambda: C.EditParam(doc, name, prm)))
        if container is not None:
            container.fields_edited.connect(self._container_edited)
        previews.node_clicked.connect(self.pick_task)
        problems.activated.connect(self.activate_diagnostic)
        self.refresh()

    def dock_titles(self) -> dict[str, str]:
        """The panes' dock titles in the current language (the window retranslates them)."""
        return {"properties": self.tr("Properties"), "pipeline": self.tr("Pipeline"),
                "code": self.tr("Code"), "preview": self.tr("Preview"),
                "problems": self.tr("Problems")}

    # ------------------------------------------------------------------ document -> panes
    def _reset(self) -> None:
        """Another document. From DEFER_PANES_AT tasks, the panes (and the document's
        validation, which only they ask for) wait for the canvas's first frame; an edit
        before that refreshes them as usual."""
        self._problems_stale = True
        views = self.scene.views() if self.scene is not None else []
        if len(self.doc.pipeline.tasks) < DEFER_PANES_AT or not views:
            return
        self._skip_refresh = True        # the ``changed`` that follows the reset
        after_first_paint(views[0].viewport(), self._refresh_if_waiting)
        QTimer.singleShot(PANES_WAIT_MS, self, self._refresh_if_waiting)  # no frame comes

    def _refresh_if_waiting(self) -> None:
        if self._refresh_waits and not self._validating:   # (on a turn of its own)
            self._validating = True
            QTimer.singleShot(0, self, self._validate_slice)

    def _validate_slice(self) -> None:
        self._validating = False
        if not self._refresh_waits:       # an edit refreshed the panes meanwhile
            return
        if not self.doc.problems.advance(VALIDATE_SLICE_S):
            self._validating = True
            QTimer.singleShot(0, self, self._validate_slice)
            return
        self.refresh()

    def refresh(self) -> None:
        if self._skip_refresh:
            self._skip_refresh, self._refresh_waits = False, True
            return
        self._refresh_waits = False
        p, doc = self.doc.pipeline, self.doc
        if self._task_id is not None and doc.task(self._task_id) is None:
            self._task_id = None
        if self._group_id is not None and p.group(self._group_id) is None:
            self._group_id = None
        task = doc.task(self._task_id) if self._task_id else None
        self.code.set_pipeline(p)
        self.code.set_component(task.component_id if task else None)
        self._show_container(task)
        self.properties.show_task(p, self._task_id, self._group_id, doc.problems)
        self.form.set_pipeline(p, doc.problems.param_inputs)
        # The document rechecked only what the edit touched; the problems list and the
        # code pane's notes follow only when that changed something (or names moved).
        touched, self._touched = self._touched, set()
        shown = self.code.component_id
        if doc.problem_changes or self._problems_stale:
            diagnostics = doc.problems.diagnostics()
            self.problems.set_diagnostics(diagnostics, p,
                                          None if self._problems_stale else touched)
            self._problems_stale = False
            self.code.set_problems(self._code_problems(diagnostics))
        else:
            self.problems.relabel(touched, p)
            if shown != self._code_problems_of:
                self.code.set_problems(self._code_problems(self.problems.diagnostics))
        self._code_problems_of = shown
        if doc.content_version != self._compiled_version:
            self._compiled_version = doc.content_version
            self.previews.set_pipeline(p)

    def _show_container(self, task) -> None:
        """The container form in the Code dock when the task runs a container step, else the
        code editor."""
        if self.container is None:
            return
        comp = self.doc.component(task.component_id) if task is not None else None
        if isinstance(comp, ContainerComponent):
            users = [t.name for t in self.doc.pipeline.tasks if t.component_id == comp.id]
            self.container.set_component(comp, users)
            if self.code_stack is not None:
                self.code_stack.setCurrentWidget(self.container)
        else:
            self.container.set_component(None)
            if self.code_stack is not None:
                self.code_stack.setCurrentWidget(self.code)

    def _container_edited(self, component_id: str, fields, what: str) -> None:
        try:
            self.doc.push(C.SetContainerFields(self.doc, component_id, fields, what))
        except InputError as e:
            self.container.show_error(e.message)

    def _code_problems(self, diagnostics: list[Diagnostic]) -> list[str]:
        """Wires of the shown component's tasks that its signature no longer fits."""
        cid = self.code.component_id
        if cid is None:
            return []
        doc = self.doc
        return [diagnostic_text(d).replace("`", "") for d in diagnostics
                if d.is_error and d.field and d.code in Code.SIGNATURE_MISFITS
                and (t := doc.task(d.task_id)) is not None and t.component_id == cid]

    # ------------------------------------------------------------------ selection
    def select_tasks(self, task_ids: list[str], group_ids: list[str] = ()) -> None:
        """The window's selection changed: show the (first) selected task, else the first
        selected frame's group."""
        self._task_id = task_ids[0] if len(task_ids) >= 1 else None
        self._group_id = group_ids[0] if group_ids and self._task_id is None else None
        self.refresh_selection()

    def scene_selection_changed(self, task_ids: list[str]) -> None:
        self.select_tasks(task_ids, self.scene.selected_group_ids() if self.scene else [])

    def refresh_selection(self) -> None:
        p = self.doc.pipeline
        task = p.task(self._task_id) if self._task_id else None
        self.properties.set_task(self._task_id, self._group_id)
        self.code.set_component(task.component_id if task else None)
        self._show_container(task)
        # The document did not change: reuse the diagnostics of the last refresh.
        self.code.set_problems(self._code_problems(self.problems.diagnostics))
        self._code_problems_of = self.code.component_id
        self.previews.select_task(self._task_id)

    def pick_task(self, task_id: str) -> None:
        """A pane picked a task (a click in a preview): show it and ask the canvas to select
        it. A parameter's key ("param:<name>") only selects its node."""
        if not task_id.startswith("param:"):
            self.select_tasks([task_id])
        self.select_requested.emit([task_id])

    @property
    def selected_task(self) -> str | None:
        return self._task_id

    def activate_diagnostic(self, d: Diagnostic) -> None:
        """Bring the offending node or field to the person."""
        p = self.doc.pipeline
        if d.task_id and p.task(d.task_id):
            self.pick_task(d.task_id)
            self._raise("properties")
            self.properties.focus_field(d.field or "name")
        elif d.component_id:
            user = next((t.id for t in p.tasks if t.component_id == d.component_id), None)
            if user is not None:
                self.pick_task(user)
            self._raise("code")
            if d.line:
                self.code.go_to_line(d.line)
        elif d.param:
            self._raise("pipeline")
            self.form.focus_param(d.param, d.field)
        else:
            self._raise("pipeline")
            self.form.focus_field(d.field)

    def _raise(self, key: str) -> None:
        dock = self.docks.get(key)
        if dock is not None:
            dock.show()
            dock.raise_()

    # ------------------------------------------------------------------ panes -> commands
    def _push(self, build) -> None:
        try:
            self.doc.push(build())
        except (InputError, SignatureError, ValueError, KeyError) as e:
            self.message.emit(self.tr("Not changed: {reason}").format(reason=e))

    def _source_edited(self, component_id: str, source: str) -> None:
        comp = self.doc.component(component_id)
        # Re-highlighting (a theme change) also says "text changed": no change, no undo step.
        if comp is not None and comp.source != source:
            self._push(lambda: C.SetComponentSource(self.doc, component_id, source))

    def _param_renamed(self, old: str, new: str) -> None:
        prm = self.doc.param(old)
        if prm is not None:
            self._push(lambda: C.EditParam(self.doc, old, PipelineParam(
                new, prm.annotation, prm.default, prm.has_default)))

    def new_component(self, source: str) -> None:
        """Add a task of a new component from ``source`` (the skeleton) and select it."""
        comp = Component.from_source(source)
        if self.place_task is not None:
            pos = self.place_task(comp)
        else:
            xs = [x for x, _y in self.doc.layout.values()] or [0.0]
            ys = [y for _x, y in self.doc.layout.values()] or [0.0]
            pos = (max(xs) + 260.0, min(ys))
        command = C.AddTask(self.doc, comp, pos)
        self.doc.push(command)
        self.pick_task(command.task_id)
        self._raise("code")
        self.code.editor.setFocus()

    def check_export(self, parent: QWidget | None = None) -> bool:
        """True when the pipeline may be exported; else says which errors forbid it."""
        if refuse_export(parent, self.doc.pipeline):
            self._raise("problems")
            return False
        return True


def install_panes(window: QMainWindow, doc: Document, scene=None, *,
                  compilers: dict[str, CompileFn] | None = None,
                  arrange: bool = True) -> PanesController:
    """Create the panes in docks of ``window`` and connect them to ``doc`` (and ``scene``)."""
    from designer.ui.panes.properties import PropertiesPane
    code = CodeEditorPane()
    container = ContainerForm()
    code_stack = QStackedWidget()
    code_stack.addWidget(code)
    code_stack.addWidget(container)
    properties = PropertiesPane()
    form = PipelineForm()
    previews = PreviewPane(compilers=compilers)
    problems = ProblemsPane()
    controller = PanesController(doc, code, properties, form, previews, problems, window,
                                 container=container)
    controller.code_stack = code_stack
    areas = Qt.DockWidgetArea
    titles = controller.dock_titles()
    specs = [("properties", properties, areas.RightDockWidgetArea),
             ("pipeline", form, areas.RightDockWidgetArea),
             ("code", code_stack, areas.BottomDockWidgetArea),
             ("preview", previews, areas.BottomDockWidgetArea),
             ("problems", problems, areas.BottomDockWidgetArea)]
    for key, widget, area in specs:
        dock = QDockWidget(titles[key], window)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        window.addDockWidget(area, dock)
        controller.docks[key] = dock
    if arrange:  # (the main window tabifies after it is shown: Qt 6.11 leaves stale tab bars)
        window.tabifyDockWidget(controller.docks["properties"], controller.docks["pipeline"])
        window.tabifyDockWidget(controller.docks["code"], controller.docks["preview"])
        controller.docks["properties"].raise_()
        controller.docks["code"].raise_()
    if scene is not None:
        controller.scene = scene
        scene.selection_changed_ids.connect(controller.scene_selection_changed)
        controller.select_requested.connect(scene.select_keys)
    return controller
