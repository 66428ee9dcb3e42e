"""Every modal question the designer asks, behind small functions.

Keeping them here gives one place for wording and lets tests answer them
(monkeypatch ``designer.ui.dialogs.ask_save`` and friends) without modal loops.
"""
from __future__ import annotations

import ast
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget)

from designer.ir import KINDS, Pipeline, PipelineParam, kind_of, value_fits
from designer.ir.validate import is_identifier
from designer.ir.values import value_problem
from designer.ui.messages import value_problem_text
from designer.ui.theme import set_text_role

UNTYPED = "(untyped)"   # the type combo's item for no annotation (shown translated)


class SaveAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # not one leaked box per warning
    if details:
        box.setInformativeText(details)
    box.exec()


def ask_overwrite_read_only(parent: QWidget | None, name: str) -> bool:
    """Whether to replace ``name``, a read-only file (someone made it so on purpose)."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("Dialogs", "Read-only file"),
                      QCoreApplication.translate(
                          "Dialogs", "“{name}” is read-only. Replace it anyway?").format(
                              name=name),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(QCoreApplication.translate(
        "Dialogs", "The new file keeps the read-only permissions."))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_save(parent: QWidget | None, name: str) -> SaveAnswer:
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("Dialogs", "Unsaved changes"),
                      QCoreApplication.translate(
                          "Dialogs", "Save the changes to “{name}” before closing?").format(
                          name=name),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(QCoreApplication.translate(
        "Dialogs", "Your changes will be lost if you don't save them."))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveAnswer.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveAnswer.DISCARD
    return SaveAnswer.CANCEL


def open_path(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Open Pipeline"), folder,
        ";;".join([QCoreApplication.translate("Dialogs", "Pipelines")
                   + " (*.kfpd *.py *.yaml *.yml)",
                   QCoreApplication.translate("Dialogs", "Designer projects") + " (*.kfpd)",
                   QCoreApplication.translate("Dialogs", "kfp Python") + " (*.py)",
                   QCoreApplication.translate("Dialogs", "Compiled pipelines (KFP YAML)")
                   + " (*.yaml *.yml)",
                   QCoreApplication.translate("Dialogs", "All files") + " (*)"]))
    return path or None


def component_folder(parent: QWidget | None) -> str | None:
    """A folder of component YAML files (a team's component hub) to add to the library."""
    path = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Dialogs", "Add a Folder of Components"))
    return path or None


def component_file(parent: QWidget | None) -> str | None:
    """One component YAML file to add to the library."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Add a Component File"), "",
        ";;".join([QCoreApplication.translate("Dialogs", "Component YAML") + " (*.yaml *.yml)",
                   QCoreApplication.translate("Dialogs", "All files") + " (*)"]))
    return path or None


def pipeline_file(parent: QWidget | None) -> str | None:
    """A file whose pipeline this pipeline will use as one step (a sub-pipeline)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Use a Pipeline as a Step"), "",
        ";;".join([QCoreApplication.translate("Dialogs", "Pipelines")
                   + " (*.kfpd *.py *.yaml *.yml)",
                   QCoreApplication.translate("Dialogs", "All files") + " (*)"]))
    return path or None


def choose_pipeline(parent: QWidget | None, names: list[str]) -> str | None:
    """Which of a file's pipelines (function names)."""
    from PySide6.QtWidgets import QInputDialog
    name, ok = QInputDialog.getItem(
        parent, QCoreApplication.translate("Dialogs", "Choose a Pipeline"),
        QCoreApplication.translate("Dialogs", "The file has several pipelines:"), names, 0,
        False)
    return name if ok and name else None


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


# --- the parameter dialog ----------------------------------------------------------------------

def parse_default(text: str, annotation: str | None) -> tuple[bool, object]:
    """(has_default, value) from what was typed; strings may be typed without quotes."""
    text = text.strip()
    if not text:
        return False, None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        if kind_of(annotation) in (None, "str"):
            return True, text
        raise ValueError(QCoreApplication.translate(
            "Dialogs", "`{text}` is not a literal value").format(text=text)) from None
    if kind_of(annotation) == "str" and not isinstance(value, str):
        value = text
    problem = value_problem(value)
    if problem:     # a tuple, set, bytes, a 5,000-digit integer: nothing could save it
        raise ValueError(value_problem_text(problem))
    return True, value


def param_problem(pipeline: Pipeline, name: str, annotation: str | None, default_text: str,
                  original: str | None) -> str | None:
    if not is_identifier(name):
        return QCoreApplication.translate(
            "Dialogs", "`{name}` is not a valid Python name.").format(name=name)
    if name != original and pipeline.param(name) is not None:
        return QCoreApplication.translate(
            "Dialogs", "There is already a parameter `{name}`.").format(name=name)
    try:
        has, value = parse_default(default_text, annotation)
    except ValueError as e:
        return str(e) + "."
    if has and value is not None and not value_fits(value, annotation):
        return QCoreApplication.translate(
            "Dialogs", "The default {value} is not a {kind}.").format(
            value=repr(value), kind=kind_of(annotation))
    return None


class ParamDialog(QDialog):
    """Name, type and default of a pipeline parameter."""

    def __init__(self, parent: QWidget | None, pipeline: Pipeline,
                 existing: PipelineParam | None = None):
        super().__init__(parent)
        self.pipeline, self.existing = pipeline, existing
        self.setWindowTitle(self.tr("Edit Parameter") if existing else self.tr("Add Parameter"))
        self.name = QLineEdit(existing.name if existing else self._free_name())
        self.name.selectAll()            # typing replaces the proposed name
        self.type = QComboBox()
        self.type.setEditable(True)
        self.type.addItems(list(KINDS) + [self.tr("(untyped)")])
        self.type.setCurrentText((existing.annotation or self.tr("(untyped)")) if existing
                                 else "int")
        self.default = QLineEdit(repr(existing.default) if existing and existing.has_default
                                 else "")
        self.default.setPlaceholderText(self.tr("empty: the run must give a value"))
        self.default.setMinimumWidth(   # the hint is read whole, in either language
            self.default.fontMetrics().horizontalAdvance(self.default.placeholderText()) + 24)
        self.error = QLabel()
        self.error.setWordWrap(True)     # a long message wraps instead of being cut
        set_text_role(self.error, "error")
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Default"), self.default)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for w in (self.name, self.default):
            w.textChanged.connect(self._check)
        self.type.currentTextChanged.connect(self._check)
        self._check()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        # Wide enough for the placeholder of Default and the title in the title bar.
        metrics = self.fontMetrics()
        hint = metrics.horizontalAdvance(self.default.placeholderText()) + 60
        title = metrics.horizontalAdvance(self.windowTitle()) + 160
        self.setMinimumWidth(max(380, hint + form.horizontalSpacing() + 80, title))

    def _free_name(self) -> str:
        n = 1
        while self.pipeline.param(f"param_{n}") is not None:
            n += 1
        return f"param_{n}"

    def annotation(self) -> str | None:
        text = self.type.currentText().strip()
        return None if text in ("", UNTYPED, self.tr("(untyped)")) else text

    def _check(self) -> None:
        problem = param_problem(self.pipeline, self.name.text().strip(), self.annotation(),
                                self.default.text(),
                                self.existing.name if self.existing else None)
        self.error.setText(problem or "")
        self._ok.setEnabled(problem is None)

    def param(self) -> PipelineParam | None:
        """The parameter as entered, or None while it has a problem."""
        name, annotation = self.name.text().strip(), self.annotation()
        if param_problem(self.pipeline, name, annotation, self.default.text(),
                         self.existing.name if self.existing else None):
            return None
        has, value = parse_default(self.default.text(), annotation)
        return PipelineParam(name, annotation, value, has)


def edit_param(parent: QWidget | None, pipeline: Pipeline,
               existing: PipelineParam | None) -> PipelineParam | None:
    dialog = ParamDialog(parent, pipeline, existing)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.param()
    finally:
        dialog.deleteLater()    # not one leaked dialog per question


def lessons_folder(parent: QWidget | None, folder: str = "") -> str | None:
    """A folder of lesson files a teacher wrote (Help ▸ Lessons ▸ Lessons Folder…)."""
    path = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Dialogs", "Folder of Lessons"), folder)
    return path or None
