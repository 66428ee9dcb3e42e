"""Properties of the selected task: name, input values, order-only dependencies,
how it runs on a cluster (folding sections: ``task_settings.py``), and its component's
base image and packages.

The pane shows IR data and emits what the user asked for; the document turns
each signal into one undoable command. It rebuilds its widgets only when the
shape of what it shows changes (another task, other ports), so refreshing after
an edit keeps focus and what is being typed elsewhere.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import islice
from typing import Any, Iterator

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir import Constant, OutputRef, ParamRef, Pipeline, Task, templates
from designer.ir.graph import downstream_of
from designer.ir.model import Concat, argument_refs
from designer.ir.validate import is_identifier
from designer.ui.elided import ElidedLabel, breakable
from designer.ui.panes.after_list import AfterList, AfterRow
from designer.ui.panes.group_properties import GroupProperties
from designer.ui.panes.importer_form import ImporterForm
from designer.ir.volumes import claim_makers
from designer.ui.panes.task_settings import TaskSettingsEditor
from designer.ui.panes.settings_fields import section_title
from designer.ui.panes.template_edit import TemplateEdit
from designer.ui.panes.modes_editor import AccessModesEditor, is_modes_input
from designer.ui.panes.value_editors import ValueEditor, editor_for
from designer.ui.theme import error_border, set_text_role

DEFAULT_BASE_IMAGE = "python:3.7"   # what kfp 1.8 uses when none is given
DEFAULT_KFP_VERSION = "2.17.3"      # the kfp 2 whose install the kfp package option replaces
LABEL_SHARE = 0.45                   # of the pane's width, for the names of inputs


def split_packages(text: str) -> list[str]:
    """``"pandas==2.1, numpy  scipy"`` -> ["pandas==2.1", "numpy", "scipy"]."""
    return [p for p in re.split(r"[,\s]+", text.strip()) if p]


def describe_argument(pipeline: Pipeline, arg: Any) -> str:
    if isinstance(arg, ParamRef):
        return "← " + QCoreApplication.translate("PropertiesPane", "parameter {name}").format(
            name=arg.name)
    if isinstance(arg, OutputRef):
        up = pipeline.task(arg.task_id)
        name = up.name if up else QCoreApplication.translate("PropertiesPane", "(missing task)")
        return f"← {name}.{arg.output}"
    if isinstance(arg, Concat):
        return "= " + QCoreApplication.translate("PropertiesPane",
                                                 "an expression (edit it in the Python file)")
    return ""


def argument_shape(pipeline: Pipeline, task: Task, arg: Any) -> str:
    """Which widget shows an argument: "wire" (a read-only line with ✕), "template"
    (``TemplateEdit``), "value" (a typed value editor)."""
    if isinstance(arg, (ParamRef, OutputRef)):
        return "wire"
    if isinstance(arg, Concat):
        return "template" if templates.is_template(pipeline, task, arg) else "wire"
    return "value"


def _section(title: str, concept: str | None = None) -> QLabel:
    """A section title; with ``concept``, a "?" after it opens that concept's page."""
    label = section_title()
    label.setText(title.upper())
    if concept is not None:
        from designer.ui.help import help_link
        label.setText(f"{title.upper()} {help_link(concept)}")
        label.setOpenExternalLinks(True)
        label.setToolTip(QCoreApplication.translate(
            "PropertiesPane", "What is this? The “?” opens its Kubeflow concept page (F1 "
            "explains the field with the focus)."))
    return label


class _TaskNames(Mapping):
    """Task id -> name, mapped on first use (most tasks mount no claim to name)."""

    def __init__(self, pipeline: Pipeline):
        self._pipeline = pipeline
        self._names: dict[str, str] | None = None

    def _map(self) -> dict[str, str]:
        if self._names is None:
            self._names = {t.id: t.name for t in self._pipeline.tasks}
        return self._names

    def __getitem__(self, task_id: str) -> str:
        return self._map()[task_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


class PropertiesPane(QWidget):
    """Edits of the selected task, as signals:

    - ``name_edited(task_id, name)``: a valid, free Python identifier.
    - ``argument_edited(task_id, input_name, Constant | Concat | None)``: None removes the
      value or disconnects the wire; a Concat is a template (``{{number_1}}``) typed in.
    - ``after_edited(task_id, [task ids])``: the new `.after()` list.
    - ``base_image_edited(component_id, str | None)``, ``packages_edited(component_id, [str])``,
      ``install_option_edited(component_id, field, value)`` (kfp 2's kfp_package_path,
      pip_index_urls, target_image).
    - ``importer_edited(component_id, {field: value})``: an importer's class, reimport or
      metadata (``importer_form.py``).
    """

    name_edited = Signal(str, str)
    argument_edited = Signal(str, str, object)
    after_edited = Signal(str, list)
    base_image_edited = Signal(str, object)
    packages_edited = Signal(str, list)
    install_option_edited = Signal(str, str, object)   # component id, field, value
    settings_edited = Signal(str, object, str)   # task id, TaskSettings, what (undo text)
    group_edited = Signal(str, object, str)      # group id, {field: value}, field edited
    importer_edited = Signal(str, object)        # component id, {field: value} (importer)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pipeline: Pipeline | None = None
        self._task_id: str | None = None
        self._group_id: str | None = None        # a selected frame, shown when no task is
        self.group_view: GroupProperties | None = None
        self._shape: tuple | None = None
        self.value_editors: dict[str, ValueEditor] = {}
        self.wire_labels: dict[str, QLabel] = {}
        self.disconnect_buttons: dict[str, QToolButton] = {}
        self.template_edits: dict[str, TemplateEdit] = {}
        self.input_errors: dict[str, QLabel] = {}
        self._setting = False
        self._run_results: dict[str, str] = {}   # task id -> last local run (run/session.py)
        self.run_label: QLabel | None = None
        self.settings_editor: TaskSettingsEditor | None = None
        self._expanded: dict[str, bool] = {}     # folding of the settings sections
        # What depends on a task (the document's index), for the "runs after" list.
        self._graph: Any = None      # the document's index (``ir.live_validate``)
        self._after_key: tuple | None = None
        self._down_key: tuple | None = None    # (graph, task, edges_version) of ``_downstream``
        self._downstream: set[str] = set()

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        # Never sideways: long names are elided (whole in their tooltips), long values wrap.
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self._build()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._shape = ("language",)   # rebuilt: every label in the new language
            self._refresh()

    # ------------------------------------------------------------------ input from the document
    @property
    def task_id(self) -> str | None:
        return self._task_id

    def set_pipeline(self, pipeline: Pipeline | None) -> None:
        self._pipeline = pipeline
        self._refresh()

    def show_task(self, pipeline: Pipeline | None, task_id: str | None,
                  group_id: str | None = None, graph: Any = None) -> None:
        """The document changed: show ``task_id`` (else ``group_id``) of ``pipeline``, in
        one refresh. ``graph``: the document's index of dependencies
        (``LiveValidation``: ``downstream_of``, ``graph_version``), else every refresh
        walks the whole pipeline."""
        self._pipeline = pipeline
        self._graph = graph
        self.set_task(task_id, group_id)

    def set_task(self, task_id: str | None, group_id: str | None = None) -> None:
        """Show the task; with none, the group ``group_id`` (a selected frame)."""
        self._task_id = task_id
        self._group_id = group_id if task_id is None else None
        self._refresh()

    @property
    def group_id(self) -> str | None:
        return self._group_id

    def set_run_results(self, results: dict[str, str]) -> None:
        """Task id -> what the last local run says of it (state, time, output values)."""
        self._run_results = dict(results)
        self._show_run_result()

    def _show_run_result(self) -> None:
        if self.run_label is not None:
            text = self._run_results.get(self._task_id or "",
                                         self.tr("Not run yet (Run ▸ Run…, F5)"))
            self.run_label.setText(breakable(text))
            self.run_label.setToolTip(text if text != breakable(text) else "")

    def focus_field(self, field: str | None) -> None:
        """Put the cursor on ``field``: "name", "after", an input name, "base_image", "packages"."""
        widget = {"name": self.name_edit, "after": self.after_list,
                  "base_image": self.image_edit, "packages": self.packages_edit}.get(field or "")
        if widget is None and field in self.value_editors:
            widget = self.value_editors[field]
        if widget is None and field in self.wire_labels:
            widget = self.wire_labels[field]
        if widget is not None:
            self._scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ building
    def _task(self) -> Task | None:
        if self._pipeline is None or self._task_id is None:
            return None
        return self._pipeline.task(self._task_id)

    def _shape_of(self, task: Task | None) -> tuple | None:
        """What decides which widgets exist; values are updated in place."""
        if task is None:
            return None
        comp = self._pipeline.component(task.component_id)
        inputs = tuple((i.name, i.annotation, i.has_default, repr(i.default),
                        argument_shape(self._pipeline, task, task.arguments.get(i.name)))
                       for i in (comp.signature.inputs if comp else ()))
        extra = tuple(k for k in task.arguments
                      if comp is None or comp.signature.input(k) is None)
        return (task.id, comp.id if comp else None, inputs, extra)

    def _refresh(self) -> None:
        if self._show_group():
            return
        task = self._task()
        shape = self._shape_of(task)
        if shape != self._shape:
            self._shape = shape
            self._build()
        if task is not None:
            self._fill(task)

    def _show_group(self) -> bool:
        """The selected frame's fields, when no task is shown; False: not a group."""
        p = self._pipeline
        group = p.group(self._group_id) if p is not None and self._group_id else None
        if group is None or self._task_id is not None:
            if self._shape is not None and self._shape[0] == "group":
                self._shape = ("gone",)   # rebuilt as a task (or the hint) below
                self._retire_group_view()
            return False
        if self.group_view is not None and self._shape == ("group", group.id) \
                and self.group_view.fits(p, group):
            self.group_view.set_pipeline(p)
            return True
        self._shape = ("group", group.id)
        self._retire_group_view()
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(10, 4, 10, 10)
        outer.addWidget(_section(self.tr("Control flow")))
        self.group_view = GroupProperties(p, group)
        self.group_view.group_edited.connect(self.group_edited)
        outer.addWidget(self.group_view)
        outer.addStretch(1)
        self._set_content(content)
        self.name_edit = self.after_list = self.image_edit = self.packages_edit = None
        self.component_label = self.name_error = None
        self.run_label = self.settings_editor = None
        self.value_editors, self.wire_labels, self.disconnect_buttons = {}, {}, {}
        self._labels = []
        return True

    def _retire_group_view(self) -> None:
        # Its focused field loses the focus when replaced: that "editing finished" must not
        # commit the old values over the document's (an undo being shown).
        if self.group_view is not None:
            self.group_view.form.blockSignals(True)
            self.group_view.blockSignals(True)
            self.group_view = None

    def _build(self) -> None:
        self.value_editors, self.wire_labels, self.disconnect_buttons = {}, {}, {}
        self.template_edits, self.input_errors = {}, {}
        self._labels: list[ElidedLabel] = []   # input names: at most LABEL_SHARE of the width
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(10, 4, 10, 10)
        task = self._task()
        if task is None:
            hint = QLabel(self.tr("Select a task or a frame to see its properties."))
            hint.setStyleSheet("color: palette(dark);")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(hint)
            outer.addStretch(1)
            self._set_content(content)
            self.name_edit = self.after_list = self.image_edit = self.packages_edit = None
            self.component_label = self.name_error = None
            self.run_label = self.settings_editor = None
            return
        comp = self._pipeline.component(task.component_id)

        outer.addWidget(_section(self.tr("Task"), "task"))
        form = self._form(outer)
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip(self.tr("The task's Python variable name"))
        self.name_edit.textEdited.connect(self._check_name)
        self.name_edit.editingFinished.connect(self._commit_name)
        self.name_error = QLabel()
        self.name_error.setWordWrap(True)
        set_text_role(self.name_error, "error")
        self.name_error.hide()
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.name_edit)
        name_box.addWidget(self.name_error)
        form.addRow(self.tr("Name"), name_box)
        self.component_label = ElidedLabel()
        form.addRow(self.tr("Component"), self.component_label)

        outer.addWidget(_section(self.tr("Inputs"), "parameter"))
        form = self._form(outer)
        inputs = comp.signature.inputs if comp else ()
        if not inputs:
            form.addRow(QLabel("<i>" + self.tr("This component takes no inputs.") + "</i>"))
        for spec in inputs:
            label = ElidedLabel(spec.name, spec.annotation or "")
            self._labels.append(label)
            label.setToolTip(spec.name + ": " + (spec.annotation or self.tr("untyped"))
                             + ("" if spec.has_default else " " + self.tr("(required)")))
            shape = argument_shape(self._pipeline, task, task.arguments.get(spec.name))
            if shape == "wire":
                form.addRow(label, self._wire_row(spec.name))
            elif shape == "template":
                form.addRow(label, self._template_row(spec.name))
            else:
                editor = (AccessModesEditor(spec.annotation, not spec.has_default)
                          if is_modes_input(comp, spec.name) else   # (boxes, not a list)
                          editor_for(spec.annotation, has_default=spec.has_default,
                                     default=spec.default))
                editor.committed.connect(lambda v, n=spec.name: self._commit_value(n, v))
                editor.cleared.connect(lambda n=spec.name: self._emit_argument(n, None))
                self.value_editors[spec.name] = editor
                form.addRow(label, self._with_error(spec.name, editor))
        for name, arg in task.arguments.items():
            if comp is not None and comp.signature.input(name) is not None:
                continue
            # An argument for an input the signature no longer has: flag it, never drop it.
            label = ElidedLabel(name)
            self._labels.append(label)
            font = label.font()
            font.setStrikeOut(True)
            label.setFont(font)
            set_text_role(label, "error")
            label.setToolTip(self.tr("`{component}` has no input `{name}` any more").format(
                component=comp.name if comp else "?", name=name))
            form.addRow(label, self._wire_row(name, stale=True))

        outer.addWidget(_section(self.tr("Runs after"), "dependency"))
        self.after_list = AfterList(self._after_texts)
        self._after_key = None      # a new list: its rows are yet to be filled
        self._after_rows_shown = -1  # rows its height was set for
        self.after_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.after_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.after_list.setToolTip(
            self.tr("Order-only dependencies (.after()): run once these finish"))
        self.after_list.after_model.toggled.connect(self._after_changed)
        outer.addWidget(self.after_list)

        self.settings_editor = TaskSettingsEditor(self._expanded)
        self.settings_editor.settings_edited.connect(self.settings_edited)
        outer.addWidget(self.settings_editor)

        outer.addWidget(_section(self.tr("Component"), "component"))
        form = self._form(outer)
        self.shared_label = QLabel()
        self.shared_label.setStyleSheet("color: palette(dark);")
        self.shared_label.setWordWrap(True)
        form.addRow(self.shared_label)
        # A pipeline used as a component: what runs inside it (edited where it is defined).
        self.inner_label = QLabel()
        self.inner_label.setObjectName("sub-pipeline-tasks")
        self.inner_label.setWordWrap(True)
        self.inner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.inner_label.hide()
        form.addRow(self.inner_label)
        # An importer (kfp 2's dsl.importer): its class, reimport and metadata.
        self.importer_form = ImporterForm()
        self.importer_form.edited.connect(self.importer_edited)
        self.importer_form.hide()
        form.addRow(self.importer_form)
        self.image_edit = QLineEdit()
        self.image_edit.setPlaceholderText(
            self.tr("{image} (default)").format(image=DEFAULT_BASE_IMAGE))
        self.image_edit.setToolTip(self.tr("Container image the component runs in"))
        self.image_edit.editingFinished.connect(self._commit_image)
        form.addRow(self.tr("Base image"), self.image_edit)
        self.packages_edit = QLineEdit()
        self.packages_edit.setPlaceholderText(self.tr("e.g. pandas==2.1, scikit-learn"))
        self.packages_edit.setToolTip(self.tr("pip packages installed before the function runs; "
                                              "separate them with commas or spaces"))
        self.packages_edit.editingFinished.connect(self._commit_packages)
        form.addRow(self.tr("Packages"), self.packages_edit)
        # kfp 2's install options (a kfp 1 target refuses them, naming the component).
        self.option_edits: dict[str, QLineEdit] = {}
        for key, label, placeholder, tip in (
                ("pip_index_urls", self.tr("Package indexes"), self.tr("PyPI"),
                 self.tr("pip index URLs, separated by commas or spaces: the first replaces "
                         "PyPI, the others are searched too (kfp 2)")),
                ("kfp_package_path", self.tr("kfp package"),
                 self.tr("kfp=={version}").format(version=DEFAULT_KFP_VERSION),
                 self.tr("What pip installs as kfp in the container: a requirement or a URL "
                         "(kfp 2)")),
                ("target_image", self.tr("Target image"), self.tr("none"),
                 self.tr("An image built by kfp's component build command that already holds "
                         "this function and kfp: the task runs there instead of the base "
                         "image (kfp 2)"))):
            edit = QLineEdit()
            edit.setObjectName(f"component-{key}")
            edit.setPlaceholderText(placeholder)
            edit.setToolTip(tip)
            edit.editingFinished.connect(lambda k=key: self._commit_option(k))
            form.addRow(label, edit)
            self.option_edits[key] = edit
        outer.addWidget(_section(self.tr("Last run"), "local-run"))
        self.run_label = QLabel()
        self.run_label.setObjectName("run-result")
        self.run_label.setWordWrap(True)
        self.run_label.setTextFormat(Qt.TextFormat.PlainText)
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_label.setMinimumWidth(1)   # wraps (``breakable``) instead of widening the pane
        outer.addWidget(self.run_label)
        outer.addStretch(1)
        self._set_content(content)
        self._fit_labels()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Input names take at most LABEL_SHARE of the pane; longer ones are elided."""
        cap = max(48, int(self._scroll.viewport().width() * LABEL_SHARE) - 20)
        for label in self._labels:
            label.setMaximumWidth(cap)

    def _set_content(self, content: QWidget) -> None:
        # deleteLater, not setWidget's immediate delete: the old widgets may be the
        # sender of the signal that led here (an edit -> command -> refresh).
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(content)

    def _form(self, outer: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        outer.addLayout(form)
        return form

    def _wire_row(self, input_name: str, stale: bool = False) -> QHBoxLayout:
        row = QHBoxLayout()
        label = ElidedLabel()
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if stale:
            set_text_role(label, "error")
        self.wire_labels[input_name] = label
        button = QToolButton()
        button.setText("✕")
        button.setAutoRaise(True)
        button.setToolTip(self.tr("Remove this value") if stale else self.tr("Disconnect"))
        button.clicked.connect(lambda: self._emit_argument(input_name, None))
        self.disconnect_buttons[input_name] = button
        row.addWidget(label, 1)
        row.addWidget(button)
        return row

    def _with_error(self, input_name: str, widget: QWidget) -> QVBoxLayout:
        """``widget`` over a hidden line that says why typed text was not taken."""
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel()
        error.setWordWrap(True)
        set_text_role(error, "error")
        error.hide()
        self.input_errors[input_name] = error
        box.addWidget(error)
        return box

    def _template_row(self, input_name: str) -> QVBoxLayout:
        edit = TemplateEdit(lambda text: templates.spans(self._pipeline, self._task(), text))
        edit.committed.connect(lambda text: self._commit_template(input_name, text))
        self.template_edits[input_name] = edit
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QToolButton()
        button.setText("✕")
        button.setAutoRaise(True)
        button.setToolTip(self.tr("Remove this value"))
        button.clicked.connect(lambda: self._emit_argument(input_name, None))
        self.disconnect_buttons[input_name] = button
        row.addWidget(button)
        host = QWidget()
        host.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        return self._with_error(input_name, host)

    # ------------------------------------------------------------------ filling values
    def _fill(self, task: Task) -> None:
        p = self._pipeline
        comp = p.component(task.component_id)
        self._setting = True
        try:
            if not (self.name_edit.hasFocus() and self.name_edit.isModified()):
                self.name_edit.setText(task.name)
                self.name_edit.setModified(False)
                self._show_name_error(None)
            # A label, not a list: thousands of names would not fit (the first 12 do).
            cid = task.component_id
            users = list(islice((t.name for t in p.tasks if t.component_id == cid), 13))
            graph = self._graph if self._graph is not None and self._graph.p is p else None
            n_users = (len(graph.users(cid)) if graph is not None
                       else sum(t.component_id == cid for t in p.tasks))
            if n_users > 12:
                users = users[:12] + ["…"]
            self.component_label.setText(comp.name if comp else self.tr("(missing component)"))
            for name, editor in self.value_editors.items():
                arg = task.arguments.get(name)
                editor.set_value(arg.value if isinstance(arg, Constant) else None,
                                 isinstance(arg, Constant))
            for name, edit in self.template_edits.items():
                arg = task.arguments.get(name)
                if isinstance(arg, Concat):
                    edit.set_text(templates.format_template(p, arg))
                    edit.setToolTip(templates.format_template(p, arg) + "\n\n" + self.tr(
                        "An expression: {{name}} is a pipeline parameter, {{task.output}} a "
                        "task's output, {{run_id}}, {{job_name}}... a value the run fills in"))
            for name, label in self.wire_labels.items():
                arg = task.arguments.get(name)
                text = describe_argument(p, arg) if arg is not None else ""
                if isinstance(arg, Constant):
                    text = f"= {arg.value!r}"
                label.setText(text)
            self._fill_after(task)
            self.settings_editor.set_task(
                task, claim_makers(p.tasks, p.components), _TaskNames(p),
                params=[prm.name for prm in p.params],
                pipeline_task=comp is not None and comp.kind == "pipeline")
            self.shared_label.setText(breakable(
                self.tr("Shared by %n task(s): {names}", "", n_users).format(
                    names=", ".join(users)) if n_users > 1
                else self.tr("Used by this task only")))
            # Base image and packages belong to function components; container steps are
            # edited in their form in the Code dock (panes/container_form.py), not here.
            sub = comp is not None and comp.kind == "pipeline"
            self.inner_label.setVisible(sub)
            if sub:
                inner = comp.pipeline
                self.inner_label.setText(breakable(self.tr(
                    "Pipeline {name}, %n task(s) inside: {tasks}", "", len(inner.tasks)).format(
                        name=comp.python_name, tasks=", ".join(
                            f"{t.name} ({inner.component_of(t).python_name})"
                            if inner.component(t.component_id) else t.name
                            for t in inner.tasks[:24]) + (" …" if len(inner.tasks) > 24
                                                          else ""))))
            importer = comp is not None and comp.kind == "importer"
            self.importer_form.setVisible(importer)
            if importer:
                self.importer_form.set_component(comp)
            function = comp is not None and comp.kind == "function"
            self.image_edit.setEnabled(function)
            self.packages_edit.setEnabled(function)
            for key, edit in self.option_edits.items():
                edit.setEnabled(function)
                value = getattr(comp, key, None) if function else None
                if not (edit.hasFocus() and edit.isModified()):   # (not while typing)
                    edit.setText(", ".join(value) if isinstance(value, list) else value or "")
                    edit.setModified(False)
            if function:
                if not self.image_edit.hasFocus():
                    self.image_edit.setText(comp.base_image or "")
                if not self.packages_edit.hasFocus():
                    self.packages_edit.setText(", ".join(comp.packages_to_install))
            elif comp is not None:
                self.image_edit.setText(getattr(comp, "image", None) or "")
                self.packages_edit.setText("")
            self._show_run_result()
        finally:
            self._setting = False

    def _fill_after(self, task: Task) -> None:
        p = self._pipeline
        data_upstream = {r.task_id for a in task.arguments.values() for r in argument_refs(a)}
        # Nothing the rows show moved (a constant, a setting): no need to list every task.
        key = (id(p), task.id, tuple(task.after), frozenset(data_upstream),
               self._graph.graph_version if self._graph is not None else None)
        if self._graph is not None and key == self._after_key:
            return
        self._after_key = key
        graph = self._graph
        if graph is None:
            downstream = downstream_of(p, task.id)
        else:   # (the same until an edge comes or goes: not on a rename or a lone task)
            down_key = (id(graph), task.id, graph.edges_version)
            if down_key != self._down_key:
                self._down_key, self._downstream = down_key, graph.downstream_of(task.id)
            downstream = self._downstream
        ticked = set(task.after) | data_upstream
        # Rows as data: the list model redraws only those an edit changed. (Built with
        # tuple.__new__: a NamedTuple's own constructor is a third of this at 2,000 tasks.)
        make, tid = tuple.__new__, task.id
        rows: list[AfterRow] = [
            make(AfterRow, (oid, other.name, "down" if oid in downstream
                            else "wired" if oid in data_upstream else "", oid in ticked, False))
            for other in p.tasks if (oid := other.id) != tid]
        ids = None
        for dep in task.after:
            if ids is None:
                ids = {t.id for t in p.tasks}
            if dep not in ids:
                rows.append(AfterRow(dep, dep, "", True, True))
        self.after_list.after_model.set_rows(rows)
        shown = min(8, self.after_list.count())
        if shown != self._after_rows_shown:    # (sizeHintForRow asks the delegate)
            self._after_rows_shown = shown
            self.after_list.setFixedHeight(shown * self.after_list.sizeHintForRow(0) + 6
                                           if shown else 28)

    def _after_texts(self, row: AfterRow) -> tuple[str, str]:
        """A "runs after" row's text and tooltip (asked for the rows in view only)."""
        if row.missing:
            return self.tr("(missing task {id})").format(id=row.task_id), ""
        if row.why == "down":
            return row.name, self.tr("{name} runs after this task: this would form a cycle"
                                     ).format(name=row.name)
        if row.why == "wired":
            # Shown ticked: the wire already orders the two; nothing to add or remove here.
            return row.name, self.tr("Already runs after {name}: it uses its output").format(
                name=row.name)
        return row.name, ""

    # ------------------------------------------------------------------ emitting edits
    def _emit_argument(self, input_name: str, value: Constant | Concat | None) -> None:
        if self._task_id and not self._setting:
            self._show_input_error(input_name, None)
            self.argument_edited.emit(self._task_id, input_name, value)

    def _show_input_error(self, input_name: str, message: str | None) -> None:
        label = self.input_errors.get(input_name)
        if label is not None:
            label.setText(message or "")
            label.setVisible(bool(message))

    def _commit_value(self, input_name: str, value: Any) -> None:
        """A typed value; a string with ``{{…}}`` references is a template."""
        if isinstance(value, str) and "{{" in value:
            self._commit_template(input_name, value)
        else:
            self._emit_argument(input_name, Constant(value))

    def _commit_template(self, input_name: str, text: str) -> None:
        if not text:
            self._emit_argument(input_name, None)
            return
        try:
            arg = templates.parse(self._pipeline, self._task(), text)
        except templates.TemplateError as e:
            self._show_input_error(input_name, self.tr(
                "“{name}”: no parameter, task output or run value has this name").format(
                    name="{{" + e.name + "}}"))
            return
        self._emit_argument(input_name, arg)

    def _name_problem(self, name: str) -> str | None:
        task = self._task()
        if not is_identifier(name):
            return self.tr("“{name}” is not a valid Python identifier").format(name=name)
        other = self._pipeline.task_named(name) if self._pipeline else None
        if other is not None and task is not None and other.id != task.id:
            return self.tr("another task is already named “{name}”").format(name=name)
        return None

    def _show_name_error(self, message: str | None) -> None:
        self.name_error.setText(message or "")
        self.name_error.setVisible(bool(message))
        self.name_edit.setStyleSheet("" if not message else error_border())

    def _check_name(self, text: str) -> None:
        self._show_name_error(self._name_problem(text))

    def _commit_name(self) -> None:
        task = self._task()
        name = self.name_edit.text().strip()
        if task is None or self._setting or name == task.name:
            return
        problem = self._name_problem(name)
        self._show_name_error(problem)
        if problem is None:
            self.name_edit.setModified(False)
            self.name_edited.emit(task.id, name)

    def _after_changed(self, dep: str, checked: bool) -> None:
        task = self._task()
        if task is None or self._setting:
            return
        after = [d for d in task.after if d != dep]
        if checked:
            after.append(dep)
        if after != task.after:
            self.after_edited.emit(task.id, after)

    def _commit_image(self) -> None:
        task = self._task()
        comp = self._pipeline.component(task.component_id) if task else None
        if comp is None or self._setting or comp.kind != "function":
            return
        image = self.image_edit.text().strip() or None
        if image != comp.base_image:
            self.base_image_edited.emit(comp.id, image)

    def _commit_option(self, key: str) -> None:
        task = self._task()
        comp = self._pipeline.component(task.component_id) if task else None
        if comp is None or self._setting or comp.kind != "function":
            return
        text = self.option_edits[key].text()
        self.option_edits[key].setModified(False)
        value: Any = split_packages(text) if key == "pip_index_urls" else text.strip() or None
        if value != getattr(comp, key):
            self.install_option_edited.emit(comp.id, key, value)

    def _commit_packages(self) -> None:
        task = self._task()
        comp = self._pipeline.component(task.component_id) if task else None
        if comp is None or self._setting or comp.kind != "function":
            return
        packages = split_packages(self.packages_edit.text())
        if packages != list(comp.packages_to_install):
            self.packages_edited.emit(comp.id, packages)
