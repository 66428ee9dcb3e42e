"""The Properties pane's form of an importer task (kfp 2's ``dsl.importer``): the artifact
class (kfp's own classes), ``reimport`` and the metadata (a JSON object). The URI is the
task's ``uri`` input, edited (a constant, or wired from a parameter or an output) with the
other inputs above it.

``ImporterForm`` emits ``edited(component id, {field: value})`` when a field is changed to a
value the document does not have; the panes controller pushes one ``SetImporter`` per
emission. Metadata that is not a JSON object is not sent: the form says why and keeps it.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from designer.ir.importer import ImporterComponent
from designer.ir.signature import ARTIFACT_TYPES
from designer.ir.values import value_problem
from designer.ui.theme import error_border, set_text_role


def metadata_text(metadata: dict[str, Any]) -> str:
    return json.dumps(metadata, ensure_ascii=False) if metadata else ""


class ImporterForm(QWidget):
    edited = Signal(str, object)        # component id, {field: value}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importer-form")
        self._comp: ImporterComponent | None = None
        self._setting = False
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # (the pane is narrow: a field goes under its label rather than cutting it)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.class_box = QComboBox()
        self.class_box.setObjectName("importer-class")
        self.class_box.addItems(list(ARTIFACT_TYPES))
        self.class_box.currentTextChanged.connect(self._commit_class)
        self.reimport_box = QCheckBox()
        self.reimport_box.setObjectName("importer-reimport")
        self.reimport_box.toggled.connect(self._commit_reimport)
        self.metadata_edit = QLineEdit()
        self.metadata_edit.setObjectName("importer-metadata")
        self.metadata_edit.editingFinished.connect(self._commit_metadata)
        self.metadata_error = QLabel()
        self.metadata_error.setObjectName("importer-metadata-error")
        self.metadata_error.setWordWrap(True)
        set_text_role(self.metadata_error, "error")
        self.metadata_error.hide()
        self.class_label, self.reimport_label, self.metadata_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.class_label, self.class_box)
        form.addRow(self.reimport_label, self.reimport_box)
        form.addRow(self.metadata_label, self.metadata_edit)
        form.addRow(self.metadata_error)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.class_label.setText(self.tr("Artifact class"))
        self.class_box.setToolTip(self.tr("The kind of artifact the URI holds (kfp's artifact "
                                          "classes); the output port takes its type"))
        self.reimport_label.setText(self.tr("Reimport"))
        self.reimport_box.setText(self.tr("On every run"))
        self.reimport_box.setToolTip(self.tr("kfp's reimport: a new artifact in ML Metadata on "
                                             "every run instead of reusing the one already "
                                             "imported from this URI"))
        self.metadata_label.setText(self.tr("Metadata"))
        self.metadata_edit.setPlaceholderText(self.tr('e.g. {"source": "lab", "rows": 100}'))
        self.metadata_edit.setToolTip(self.tr("Properties of the artifact, as a JSON object "
                                              "(constants only)"))

    def set_component(self, comp: ImporterComponent) -> None:
        """Shows ``comp``'s fields (not over what is being typed in the metadata)."""
        self._comp = comp
        self._setting = True
        try:
            self.class_box.setCurrentText(comp.artifact_class)
            self.reimport_box.setChecked(comp.reimport)
            if not (self.metadata_edit.hasFocus() and self.metadata_edit.isModified()):
                self.metadata_edit.setText(metadata_text(comp.metadata))
                self.metadata_edit.setModified(False)
                self._show_error(None)
        finally:
            self._setting = False

    def _emit(self, fields: dict[str, Any]) -> None:
        comp = self._comp
        if comp is None or self._setting:
            return
        changed = {k: v for k, v in fields.items() if getattr(comp, k) != v}
        if changed:
            self.edited.emit(comp.id, changed)

    def _commit_class(self, text: str) -> None:
        self._emit({"artifact_class": text})

    def _commit_reimport(self, checked: bool) -> None:
        self._emit({"reimport": checked})

    def _commit_metadata(self) -> None:
        if self._comp is None or self._setting:
            return
        text = self.metadata_edit.text().strip()
        self.metadata_edit.setModified(False)
        try:
            value = json.loads(text) if text else {}
        except ValueError as e:
            self._show_error(self.tr("Not JSON: {reason}").format(reason=e))
            return
        if not isinstance(value, dict):
            self._show_error(self.tr("The metadata must be a JSON object: {...}"))
            return
        if value_problem(value) is not None:
            self._show_error(self.tr("The metadata holds a value no file can hold."))
            return
        self._show_error(None)
        self._emit({"metadata": value})

    def _show_error(self, message: str | None) -> None:
        self.metadata_error.setText(message or "")
        self.metadata_error.setVisible(bool(message))
        self.metadata_edit.setStyleSheet(error_border() if message else "")


__all__ = ["ImporterForm", "metadata_text"]
