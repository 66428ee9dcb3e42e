"""The pipeline form's Outputs section (kfp 2): what the pipeline returns, each with the task
output it comes from and its description (kfp writes it on the compiled pipeline's output),
and a button to stop returning it.

Emits the edit asked for; the document applies it as one undoable command.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from designer.ir import Pipeline
from designer.ir.model import Collected, OneOf, OutputRef, argument_refs
from designer.ir.validate import is_identifier
from designer.ir.values import text_problem
from designer.ui.panes.settings_fields import DescriptionEdit, fresh_grid, section_title
from designer.ui.theme import set_text_role


class _OutputRow:
    def __init__(self, section: "PipelineOutputs", grid: QGridLayout, row: int, name: str,
                 source: str):
        self.name = name
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName(f"output-name-{name}")
        self.name_edit.editingFinished.connect(lambda: section._commit_name(self))
        self.label = QLabel(f"← {_html(source)}")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.description_edit = DescriptionEdit(lambda: section._commit(self))
        self.description_edit.setObjectName(f"output-description-{name}")
        self.description_edit.setFixedHeight(
            self.description_edit.fontMetrics().lineSpacing() * 2 + 14)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: section.removed.emit(self.name))
        grid.addWidget(self.name_edit, 2 * row, 0)
        grid.addWidget(self.label, 2 * row, 1)
        grid.addWidget(self.remove_button, 2 * row, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.description_edit, 2 * row + 1, 0, 1, 3)

    def widgets(self) -> list[QWidget]:
        return [self.name_edit, self.label, self.description_edit, self.remove_button]


class PipelineOutputs(QWidget):
    """Signals: ``described(name, str | None)``, ``renamed(old, new)``, ``removed(name)``.
    A name is checked here (a Python name, not taken): a refused one is said and put back.
    While the pipeline returns nothing it says how to return something."""

    described = Signal(str, object)
    removed = Signal(str)
    renamed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pipeline: Pipeline | None = None
        self._shape: tuple | None = None
        self.rows: list[_OutputRow] = []
        self.title = section_title()
        self.title.setOpenExternalLinks(True)     # (the help link router opens concept:)
        self._grid_host = QWidget()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.message = QLabel()
        set_text_role(self.message, "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self._grid_host)
        layout.addWidget(self.message)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        from designer.ui.help import help_link
        title = self.tr("Outputs (kfp 2)").upper()   # (lupdate reads no tr() in f-strings)
        self.title.setText(f"{title} {help_link('output')}")
        self.empty.setText("<i>" + self.tr("Nothing returned. Right-click a task ▸ Return from "
                                           "the Pipeline to return one of its outputs.") + "</i>")
        self.title.setToolTip(self.tr("What the pipeline returns: a task output each. KFP 1 "
                                      "pipelines return nothing. The “?” opens the Output "
                                      "concept page."))
        for row in self.rows:
            self._texts(row)

    def _texts(self, row: _OutputRow) -> None:
        row.name_edit.setToolTip(self.tr("The output's name in the compiled pipeline (a single "
                                         "output is called Output in kfp)"))
        row.description_edit.setPlaceholderText(self.tr("What this output is (optional)"))
        row.remove_button.setToolTip(self.tr("Stop returning this output"))

    def set_pipeline(self, pipeline: Pipeline | None) -> None:
        self._pipeline = pipeline
        outputs = pipeline.outputs if pipeline is not None else {}
        self.empty.setVisible(not outputs)
        shape = tuple((name, _source(pipeline, arg)) for name, arg in outputs.items())
        if shape != self._shape:
            self._shape = shape
            self._build(shape)
        for row in self.rows:
            if not (row.name_edit.hasFocus() and row.name_edit.isModified()):
                row.name_edit.setText(row.name)
                row.name_edit.setModified(False)
            text = pipeline.output_descriptions.get(row.name, "") if pipeline else ""
            edit = row.description_edit
            if not edit.hasFocus() and edit.toPlainText() != text:
                edit.setPlainText(text)
                edit.document().setModified(False)

    def focus_problem(self) -> bool:
        """Focus the first description a target cannot hold (else the first); False when
        there is none to focus."""
        p = self._pipeline
        if not self.rows or p is None:
            return False
        bad = next((r for r in self.rows if text_problem(
            p.output_descriptions.get(r.name, "")) is not None), self.rows[0])
        bad.description_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def row_of(self, name: str) -> _OutputRow | None:
        return next((r for r in self.rows if r.name == name), None)

    def _build(self, shape: tuple) -> None:
        grid = fresh_grid(self._grid_host, [w for r in self.rows for w in r.widgets()])
        grid.setColumnStretch(0, 1)
        self.rows = []
        for i, (name, source) in enumerate(shape):
            row = _OutputRow(self, grid, i, name, source)
            self._texts(row)
            self.rows.append(row)

    def _commit_name(self, row: _OutputRow) -> None:
        p = self._pipeline
        new = row.name_edit.text().strip()
        if p is None or row.name not in p.outputs or new == row.name:
            return
        problem = (self.tr("An output name must be a Python name (letters, digits and _, not "
                           "starting with a digit).") if not is_identifier(new) else
                   self.tr("The pipeline already returns an output named {name}.").format(
                       name=new) if new in p.outputs else None)
        if problem:
            row.name_edit.setText(row.name)
            self.message.setText(problem)
            self.message.show()
            return
        self.message.hide()
        self.renamed.emit(row.name, new)

    def _commit(self, row: _OutputRow) -> None:
        p = self._pipeline
        if p is None or row.name not in p.outputs:
            return
        if not row.description_edit.document().isModified():
            return      # (focus passing through changes nothing, a kept blank or padding too)
        row.description_edit.document().setModified(False)
        text = row.description_edit.toPlainText().strip() or None
        if text != (p.output_descriptions.get(row.name) or None):
            self.described.emit(row.name, text)


def _source(p: Pipeline | None, arg: object) -> str:
    """``task.output`` of what the output returns (``Collected(...)``, ``OneOf(...)``)."""
    def name(ref: OutputRef) -> str:
        task = p.task(ref.task_id) if p is not None else None
        return f"{task.name if task else ref.task_id}.{ref.output}"
    refs = [name(r) for r in argument_refs(arg)]
    if isinstance(arg, Collected):
        return f"Collected({', '.join(refs)})"
    if isinstance(arg, OneOf):
        return f"OneOf({', '.join(refs)})"
    return ", ".join(refs)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
