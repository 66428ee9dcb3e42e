"""The pipeline form: name, description, pipeline root, parameters (name, type, default),
and the
pipeline-wide run settings (``PipelineConf``: TTL, parallelism, timeout, image pull
secrets, default node selector, image pull policy) in a folding section.

Emits the edit asked for; the document applies it as one undoable command
(a parameter rename also rewrites every reference to it, so wires follow).
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir import KINDS, ParamRef, Pipeline, PipelineParam
from designer.ir.dns_text import (dns_options_editable, format_dns_options, parse_dns_options,
                                  parse_nameservers, parse_searches, with_dns)
from designer.ir.settings import DnsConfig, PipelineConf
from designer.ir.settings_rules import RuleError, format_pairs, pairs_editable, parse_pairs
from designer.ir.validate import is_identifier
from designer.ui.panes.pipeline_outputs import PipelineOutputs
from designer.ui.panes.settings_fields import (CheckedLine, DescriptionEdit, FoldingSection,
                                               add_row, fresh_grid, optional_number,
                                               section_title)
from designer.ui.panes.value_editors import TextValueEditor
from designer.ui.theme import set_text_role

UNTYPED = "(untyped)"   # the type combo's first item (shown translated): no annotation


class _ParamRow:
    """The widgets of one parameter row."""

    def __init__(self, form: "PipelineForm", grid: QGridLayout, row: int, param: PipelineParam):
        self.name = param.name
        self.name_edit = QLineEdit(param.name)
        self.name_edit.editingFinished.connect(lambda: form._commit_rename(self))
        self.type_combo = QComboBox()
        self.type_combo.addItem(QCoreApplication.translate("PipelineForm", "(untyped)"), UNTYPED)
        self.type_combo.addItems(list(KINDS))
        if param.annotation and self.type_combo.findText(param.annotation) < 0:
            self.type_combo.addItem(param.annotation)
        if param.annotation:
            self.type_combo.setCurrentText(param.annotation)
        self.type_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.type_combo.currentTextChanged.connect(lambda _t: form._commit_type(self))
        self.default_edit = TextValueEditor(param.annotation,
                                            QCoreApplication.translate("PipelineForm", "none"))
        self.default_edit.committed.connect(lambda v: form._commit_default(self, True, v))
        self.default_edit.cleared.connect(lambda: form._commit_default(self, False, None))
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(QCoreApplication.translate(
            "PipelineForm", "Remove this parameter (tasks that use it are flagged)"))
        self.remove_button.clicked.connect(lambda: form.param_removed.emit(self.name))
        for col, w in enumerate((self.name_edit, self.type_combo, self.default_edit,
                                 self.remove_button)):
            grid.addWidget(w, row, col)

    def fill(self, param: PipelineParam, uses: int) -> None:
        self.name = param.name
        if not (self.name_edit.hasFocus() and self.name_edit.isModified()):
            self.name_edit.setText(param.name)
            self.name_edit.setModified(False)
        self.name_edit.setToolTip(PipelineForm.tr("Used by %n task input(s)", "", uses))
        self.default_edit.set_value(param.default, param.has_default)

    def widgets(self) -> list[QWidget]:
        return [self.name_edit, self.type_combo, self.default_edit, self.remove_button]


class PipelineForm(QWidget):
    """Signals: ``renamed(name)``, ``description_edited(str | None)``,
    ``pipeline_root_edited(str | None)``,
    ``param_added(PipelineParam)``, ``param_removed(name)``, ``param_renamed(old, new)``,
    ``param_changed(name, PipelineParam)`` (type or default; same name)."""

    renamed = Signal(str)
    description_edited = Signal(object)
    pipeline_root_edited = Signal(object)
    param_added = Signal(object)
    param_removed = Signal(str)
    param_renamed = Signal(str, str)
    param_changed = Signal(str, object)
    conf_edited = Signal(object, str)   # PipelineConf, what changed (undo text)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pipeline: Pipeline | None = None
        self._shape: tuple | None = None
        self.rows: list[_ParamRow] = []

        self.name_edit = QLineEdit()
        self.name_edit.editingFinished.connect(self._commit_name)
        self.description_edit = DescriptionEdit(self._commit_description)
        self.description_edit.setFixedHeight(64)
        self.root_edit = QLineEdit()
        self.root_edit.setObjectName("pipeline-root")
        self.root_edit.editingFinished.connect(self._commit_root)
        self.message = QLabel()
        set_text_role(self.message, "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(6000)
        self._message_timer.timeout.connect(self.message.hide)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._name_label, self._description_label = QLabel(), QLabel()
        self._root_label = QLabel()
        form.addRow(self._name_label, self.name_edit)
        form.addRow(self._description_label, self.description_edit)
        form.addRow(self._root_label, self.root_edit)

        self._grid_host = QWidget()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_param)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)

        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(10, 8, 10, 10)
        outer.addLayout(form)
        self._params_title = title = section_title()
        outer.addWidget(title)
        outer.addWidget(self._grid_host)
        outer.addLayout(buttons)
        outer.addWidget(self.message)
        self.outputs = PipelineOutputs()
        outer.addWidget(self.outputs)
        self._conf_host = QWidget()
        QVBoxLayout(self._conf_host).setContentsMargins(0, 8, 0, 0)
        self.conf_section: FoldingSection | None = None
        outer.addWidget(self._conf_host)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        """Labels in the current language; the parameter rows are built anew."""
        self.name_edit.setPlaceholderText(self.tr("pipeline name"))
        self.description_edit.setPlaceholderText(self.tr("What this pipeline does (optional)"))
        self._name_label.setText(self.tr("Name"))
        self._description_label.setText(self.tr("Description"))
        self._root_label.setText(self.tr("Pipeline root"))
        self.root_edit.setPlaceholderText(self.tr("the cluster's default"))
        root_hint = self.tr("Where runs keep their artifacts (a bucket URL); empty: the "
                            "cluster's default")
        self.root_edit.setToolTip(root_hint)
        self._root_label.setToolTip(root_hint)
        self.add_button.setText(self.tr("Add parameter"))
        self.add_button.setToolTip(self.tr("Add a pipeline parameter"))
        self._params_title.setText(self.tr("Parameters").upper())
        self._build_conf()
        self._shape = None
        if self._pipeline is not None:
            self.set_pipeline(self._pipeline)
        else:
            self._build_rows()

    # ------------------------------------------------------------------ input from the document
    def set_pipeline(self, pipeline: Pipeline | None,
                     uses: Callable[[str], int] | None = None) -> None:
        """``uses(name)``: how many task inputs are wired to the parameter (the document's
        index knows without a scan of every task); counted here when not given."""
        self._pipeline = pipeline
        self.setEnabled(pipeline is not None)
        if pipeline is None:
            return
        if not (self.name_edit.hasFocus() and self.name_edit.isModified()):
            self.name_edit.setText(pipeline.name)
            self.name_edit.setModified(False)
        if not self.description_edit.hasFocus():
            self.description_edit.setPlainText(pipeline.description or "")
            self.description_edit.document().setModified(False)
        if not (self.root_edit.hasFocus() and self.root_edit.isModified()):
            self.root_edit.setText(pipeline.pipeline_root or "")
            self.root_edit.setModified(False)
        shape = tuple(p.annotation for p in pipeline.params)
        if shape != self._shape:
            self._shape = shape
            self._build_rows()
        self._fill_conf(pipeline.conf)
        self.outputs.set_pipeline(pipeline)
        if uses is None:
            counts = _param_uses(pipeline)
            uses = lambda name: counts.get(name, 0)  # noqa: E731
        for row, param in zip(self.rows, pipeline.params):
            row.fill(param, uses(param.name))

    def row_of(self, name: str) -> _ParamRow | None:
        return next((r for r in self.rows if r.name == name), None)

    def focus_param(self, name: str, field: str | None = None) -> None:
        row = self.row_of(name)
        if row is not None:
            (row.default_edit if field == "default" else row.name_edit).setFocus(
                Qt.FocusReason.OtherFocusReason)

    def focus_name(self) -> None:
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_field(self, field: str | None) -> None:
        """The field a pipeline-level problem is about (else the name)."""
        reason = Qt.FocusReason.OtherFocusReason
        if field == "description":
            self.description_edit.setFocus(reason)
        elif field == "pipeline_root":
            self.root_edit.setFocus(reason)
        elif field == "output_descriptions" and self.outputs.focus_problem():
            pass
        else:
            self.focus_name()

    # ------------------------------------------------------------------ run settings
    def _build_conf(self) -> None:
        """Pipeline-wide cluster settings (kfp 1 PipelineConf; kfp 2 what it has of them);
        built anew in a new language."""
        expanded = self.conf_section.expanded if self.conf_section is not None else False
        if self.conf_section is not None:
            self.conf_section.deleteLater()
        self.conf_section = FoldingSection(self.tr("Run settings"), expanded)
        self.conf_section.setObjectName("section-conf")
        self._conf_host.layout().addWidget(self.conf_section)
        self.conf_fields: dict[str, CheckedLine] = {}
        form = self.conf_section.form
        for key, label, read, hint in (
                ("ttl_seconds_after_finished", self.tr("Keep finished run (s)"),
                 optional_number(0), self.tr("Seconds the cluster keeps a finished run's pods "
                                             "(TTL)")),
                ("parallelism", self.tr("Parallel tasks"), optional_number(1),
                 self.tr("At most this many tasks run at once")),
                ("timeout", self.tr("Timeout (s)"), optional_number(1),
                 self.tr("Seconds after which the whole run is stopped")),
                ("image_pull_secrets", self.tr("Image pull secrets"),
                 lambda t: tuple(n.strip() for n in t.split(",") if n.strip()),
                 self.tr("Names of Kubernetes secrets with registry credentials, separated "
                         "by commas")),
                ("default_node_selector", self.tr("Default node selector"), parse_pairs,
                 self.tr("key=value pairs, separated by commas, for every task's pod"))):
            line = CheckedLine(read, self.tr("none"), hint)
            line.setObjectName(f"conf-{key}")
            line.committed.connect(lambda v, k=key, what=label: self._emit_conf(k, v, what))
            add_row(form, label, line, hint)
            self.conf_fields[key] = line
        # kfp 1 PipelineConf.set_dns_config: one V1PodDNSConfig, a line per field
        for key, label, read, hint in (
                ("nameservers", self.tr("DNS nameservers"), parse_nameservers,
                 self.tr("IP addresses of extra nameservers for every pod (at most 3), "
                         "separated by commas. kfp 1 only")),
                ("searches", self.tr("DNS search domains"), parse_searches,
                 self.tr("Domains every pod's short names are looked up in, separated by "
                         "commas. kfp 1 only")),
                ("options", self.tr("DNS options"), parse_dns_options,
                 self.tr("Resolver options, name or name=value, separated by commas (e.g. "
                         "ndots=2, edns0). kfp 1 only"))):
            line = CheckedLine(read, self.tr("none"), hint)
            line.setObjectName(f"conf-dns-{key}")
            line.committed.connect(lambda v, k=key, what=label: self._emit_conf(
                "dns_config", with_dns(self._pipeline.conf.dns_config if self._pipeline
                                       else None, k, v), what))
            add_row(form, label, line, hint)
            self.conf_fields[f"dns_{key}"] = line
        self.conf_pull_policy = QComboBox()
        self.conf_pull_policy.addItem(self.tr("default"), None)
        for policy in ("Always", "IfNotPresent", "Never"):
            self.conf_pull_policy.addItem(policy, policy)
        self.conf_pull_policy.activated.connect(lambda _i: self._emit_conf(
            "image_pull_policy", self.conf_pull_policy.currentData(),
            self.tr("Image pull policy")))
        add_row(form, self.tr("Image pull policy"), self.conf_pull_policy)

    def _fill_conf(self, conf: PipelineConf) -> None:
        for key in ("ttl_seconds_after_finished", "parallelism", "timeout"):
            value = getattr(conf, key)
            self.conf_fields[key].set_text("" if value is None else str(value))
        self.conf_fields["image_pull_secrets"].set_text(", ".join(conf.image_pull_secrets))
        self.conf_fields["default_node_selector"].set_text(
            format_pairs(conf.default_node_selector), pairs_editable(conf.default_node_selector))
        dns = conf.dns_config or DnsConfig()
        for key, read in (("nameservers", parse_nameservers), ("searches", parse_searches)):
            values = getattr(dns, key)
            self.conf_fields[f"dns_{key}"].set_text(", ".join(values),
                                                    _reads_back(read, values))
        self.conf_fields["dns_options"].set_text(format_dns_options(dns.options),
                                                 dns_options_editable(dns.options))
        index = self.conf_pull_policy.findData(conf.image_pull_policy)
        if index < 0:
            self.conf_pull_policy.addItem(str(conf.image_pull_policy), conf.image_pull_policy)
            index = self.conf_pull_policy.count() - 1
        self.conf_pull_policy.setCurrentIndex(index)
        self.conf_section.set_count(len(conf.changed()))

    def _emit_conf(self, key: str, value: Any, what: str) -> None:
        if self._pipeline is None:
            return
        conf = dataclasses.replace(self._pipeline.conf, **{key: value})
        if conf != self._pipeline.conf:
            self.conf_edited.emit(conf, what)

    # ------------------------------------------------------------------ building
    def _build_rows(self) -> None:
        grid = fresh_grid(self._grid_host, [w for r in self.rows for w in r.widgets()])
        grid.setHorizontalSpacing(6)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        self.rows = []
        params = self._pipeline.params if self._pipeline else []
        if not params:
            empty = QLabel("<i>" + self.tr("No parameters. A parameter is a value asked for "
                                           "when the pipeline runs.") + "</i>")
            empty.setWordWrap(True)
            grid.addWidget(empty, 0, 0, 1, 4)
            self.rows = []
            self._empty_label = empty
            return
        for col, text in enumerate((self.tr("Name"), self.tr("Type"), self.tr("Default"))):
            header = QLabel(text)
            header.setStyleSheet("color: palette(dark);")
            grid.addWidget(header, 0, col)
        for i, param in enumerate(params):
            self.rows.append(_ParamRow(self, grid, i + 1, param))

    # ------------------------------------------------------------------ emitting edits
    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self._message_timer.start()

    def _commit_name(self) -> None:
        if self._pipeline is None:
            return
        name = self.name_edit.text().strip()
        if not name:
            self._say(self.tr("A pipeline needs a name; kept the old one."))
            self.name_edit.setText(self._pipeline.name)
            return
        if name != self._pipeline.name:
            self.name_edit.setModified(False)
            self.renamed.emit(name)

    def _commit_description(self) -> None:
        if self._pipeline is None or not self.description_edit.document().isModified():
            return      # (focus passing through changes nothing, a kept padding too)
        self.description_edit.document().setModified(False)
        text = self.description_edit.toPlainText().strip() or None
        if text != (self._pipeline.description or None):
            self.description_edited.emit(text)

    def _commit_root(self) -> None:
        if self._pipeline is None:
            return
        # (kfp ignores an empty root, so clearing the field unsets it)
        root = self.root_edit.text().strip() or None
        self.root_edit.setModified(False)
        if root != (self._pipeline.pipeline_root or None):
            self.pipeline_root_edited.emit(root)

    def _commit_rename(self, row: _ParamRow) -> None:
        if self._pipeline is None:
            return
        new = row.name_edit.text().strip()
        old = row.name
        if new == old:
            return
        problem = None
        if not is_identifier(new):
            problem = self.tr("“{name}” is not a valid Python identifier").format(name=new)
        elif self._pipeline.param(new) is not None:
            problem = self.tr("a parameter is already named “{name}”").format(name=new)
        if problem:
            self._say(self.tr("{problem}; the parameter keeps the name “{name}”.").format(
                problem=problem, name=old))
            row.name_edit.setText(old)
            row.name_edit.setModified(False)
            return
        row.name_edit.setModified(False)
        self.param_renamed.emit(old, new)

    def _param(self, row: _ParamRow) -> PipelineParam | None:
        return self._pipeline.param(row.name) if self._pipeline else None

    def _commit_type(self, row: _ParamRow) -> None:
        param = self._param(row)
        if param is None:
            return
        text = row.type_combo.currentText()
        annotation = None if row.type_combo.currentData() == UNTYPED else text
        if annotation != param.annotation:
            self.param_changed.emit(param.name, PipelineParam(
                param.name, annotation, param.default, param.has_default))

    def _commit_default(self, row: _ParamRow, has_default: bool, value: Any) -> None:
        param = self._param(row)
        if param is None:
            return
        if (has_default, value) != (param.has_default, param.default):
            self.param_changed.emit(param.name, PipelineParam(
                param.name, param.annotation, value if has_default else None, has_default))

    def _add_param(self) -> None:
        if self._pipeline is None:
            return
        taken = {p.name for p in self._pipeline.params}
        name, n = "param", 2
        while name in taken:
            name, n = f"param_{n}", n + 1
        self.param_added.emit(PipelineParam(name, "str"))


def _reads_back(read: Callable[[str], tuple], values: tuple) -> bool:
    """Whether the comma-separated text of ``values`` reads back as them (editable)."""
    try:
        return read(", ".join(values)) == tuple(values)
    except RuleError:
        return False


def _param_uses(p: Pipeline) -> dict[str, int]:
    uses: dict[str, int] = {}
    for _task, _input, arg in p.iter_references():
        if isinstance(arg, ParamRef):
            uses[arg.name] = uses.get(arg.name, 0) + 1
    return uses
