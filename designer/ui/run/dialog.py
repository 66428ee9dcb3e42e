"""The parameter values of a run: one typed editor per pipeline parameter.

Editors are pre-filled with the parameter's default, then with the values last used
for the same pipeline (remembered in QSettings). What is typed is read with the same
rules as the properties pane (``value_editors.parse_value``) and checked as it is typed;
OK also runs the engine's own check (``resolve_params``), so a run never starts with
a value the engine would refuse.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir import InputError, Pipeline, PipelineParam, kind_of
from designer.runner.local_settings import local_settings, needs_env_file, read_env_file
from designer.runner.values import resolve_params
from designer.ui.panes.value_editors import (
    NO_VALUE,
    ValueTextError,
    format_value,
    parse_value,
)
from designer.ui.theme import error_border, muted_span, set_text_role

SETTINGS_GROUP = "run-parameters"
ENV_FILE_KEY = "<env file>"   # remembered with the values: a path, never a secret's value


def default_settings() -> QSettings:
    """The app's settings file (the same one file_actions uses for recent files)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "kfp-designer", "kfp-designer")


def _settings_key(pipeline_key: str) -> str:
    # A path holds "/" (a group separator for QSettings): key by a digest of it.
    return f"{SETTINGS_GROUP}/{hashlib.sha1(pipeline_key.encode()).hexdigest()[:20]}"


def remembered(settings: QSettings, pipeline_key: str) -> dict[str, str]:
    """Parameter name -> text last used for this pipeline."""
    raw = settings.value(_settings_key(pipeline_key))
    try:
        doc = json.loads(raw) if isinstance(raw, str) else {}
    except ValueError:
        return {}
    values = doc.get("values") if isinstance(doc, dict) else None
    if not isinstance(values, dict):
        return {}
    return {str(k): v for k, v in values.items() if isinstance(v, str)}


def remember(settings: QSettings, pipeline_key: str, texts: dict[str, str]) -> None:
    settings.setValue(_settings_key(pipeline_key),
                      json.dumps({"pipeline": pipeline_key, "values": texts}))
    settings.sync()


class ParamEditor(QWidget):
    """A value of one parameter: a True/False choice for bools, else a checked line edit."""

    def __init__(self, param: PipelineParam, parent: QWidget | None = None):
        super().__init__(parent)
        self.param = param
        self.kind = kind_of(param.annotation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.combo: QComboBox | None = None
        self.line: QLineEdit | None = None
        if self.kind == "bool":
            self.combo = QComboBox()
            required = not (param.has_default and param.default is not None)
            self.combo.addItems(([""] if required else []) + ["True", "False"])
            self.combo.setObjectName(f"param-{param.name}")
            layout.addWidget(self.combo)
            self.setFocusProxy(self.combo)
        else:
            self.line = QLineEdit()
            self.line.setObjectName(f"param-{param.name}")
            self.line.setClearButtonEnabled(True)
            self.line.setPlaceholderText(self.tr("required") if not param.has_default else
                                         self.tr("empty: the default"))
            layout.addWidget(self.line)
            self.setFocusProxy(self.line)
        self.error_label = QLabel()
        set_text_role(self.error_label, "error")
        self.error_label.hide()
        layout.addWidget(self.error_label)

    def text(self) -> str:
        return self.combo.currentText() if self.combo is not None else self.line.text()

    def set_text(self, text: str) -> None:
        if self.combo is not None:
            index = self.combo.findText(text)
            if index >= 0:
                self.combo.setCurrentIndex(index)
        else:
            self.line.setText(text)

    def default_text(self) -> str:
        p = self.param
        if not p.has_default or p.default is None:
            return ""
        if self.combo is not None:
            return "True" if p.default else "False"
        return format_value(p.default, p.annotation)

    def value(self) -> Any:
        """The typed value, NO_VALUE when empty; raises ValueTextError."""
        if self.combo is not None:
            text = self.combo.currentText()
            return NO_VALUE if not text else text == "True"
        return parse_value(self.line.text(), self.param.annotation)

    def problem(self) -> str | None:
        try:
            value = self.value()
        except ValueTextError as e:
            return str(e)
        if value is NO_VALUE and not (self.param.has_default and self.param.default is not None):
            return self.tr("required: this parameter has no default")
        return None

    def show_problem(self, problem: str | None) -> None:
        self.error_label.setText(problem or "")
        self.error_label.setVisible(bool(problem))
        if self.line is not None:
            self.line.setStyleSheet(error_border() if problem else "")


class RunParamsDialog(QDialog):
    """Asks the values of ``pipeline``'s parameters; ``values()`` after it was accepted."""

    def __init__(self, pipeline: Pipeline, pipeline_key: str | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.pipeline = pipeline
        self.pipeline_key = pipeline_key or pipeline.name
        self.settings = settings if settings is not None else default_settings()
        self.setWindowTitle(self.tr("Run {name}").format(name=pipeline.name))
        self.setObjectName("run-params-dialog")
        self.editors: dict[str, ParamEditor] = {}
        intro = QLabel(self.tr("Values of the pipeline's parameters for this local run:")
                       if pipeline.params else self.tr("This pipeline has no parameters."))
        self.intro = intro   # a run on a cluster says so here
        form = QFormLayout()
        last = remembered(self.settings, self.pipeline_key)
        for prm in pipeline.params:
            editor = ParamEditor(prm)
            text = editor.default_text()
            if prm.name in last and _fits(last[prm.name], prm):
                text = last[prm.name]   # a stale value (the type changed) is not offered
            editor.set_text(text)
            label = QLabel(f"{prm.name} " + muted_span(prm.annotation or self.tr("untyped")))
            tip = prm.description or ""
            if prm.has_default:
                tip += ("\n" if tip else "") + self.tr("default: {value}").format(
                    value=repr(prm.default))
            label.setToolTip(tip)
            if editor.line is not None:
                editor.line.textChanged.connect(self._check)
            else:
                editor.combo.currentIndexChanged.connect(self._check)
            self.editors[prm.name] = editor
            form.addRow(label, editor)
        # Tasks reading secrets / config maps: their values come from a local env file.
        self.env_file_edit: QLineEdit | None = None
        if needs_env_file(pipeline):
            self.env_file_edit = QLineEdit(last.get(ENV_FILE_KEY, ""))
            self.env_file_edit.setPlaceholderText(self.tr("path of a .env file"))
            tip = self.tr("Values of the secrets and config map keys tasks read, one a line: "
                          "secret/<name>/<key>=VALUE, configmap/<name>/<key>=VALUE. Read "
                          "for this run only, never stored in the project.")
            self.env_file_edit.setToolTip(tip)
            label = QLabel(self.tr("Secrets (env file)"))
            label.setToolTip(tip)
            form.addRow(label, self.env_file_edit)
        self._env_values: dict[str, str] = {}
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Run"))
        self.defaults_button = QPushButton(self.tr("Defaults"))
        self.defaults_button.setToolTip(self.tr("Put every parameter back to its default value"))
        self.defaults_button.setEnabled(bool(pipeline.params))
        buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(self.reset_to_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._values: dict[str, Any] = {}
        self._check()
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.setFocus()
            if first.line is not None:
                first.line.selectAll()

    def reset_to_defaults(self) -> None:
        for editor in self.editors.values():
            editor.set_text(editor.default_text())

    def _check(self) -> bool:
        ok = True
        for editor in self.editors.values():
            problem = editor.problem()
            editor.show_problem(problem)
            ok = ok and problem is None
        self.ok_button.setEnabled(ok)
        self.error.hide()
        return ok

    def env_file_values(self) -> dict[str, str]:
        """Secret / config map values read from the env file (after accept)."""
        return dict(self._env_values)

    def values(self) -> dict[str, Any]:
        """Name -> typed value of every parameter given (left empty: the default)."""
        return dict(self._values)

    def accept(self) -> None:
        if not self._check():
            return
        values = {}
        for name, editor in self.editors.items():
            value = editor.value()
            if value is not NO_VALUE:
                values[name] = value
        env_path = self.env_file_edit.text().strip() if self.env_file_edit else ""
        try:
            resolved = resolve_params(self.pipeline, values)  # the engine's check and wording
            env_values = read_env_file(env_path) if env_path else {}
            for task in self.pipeline.tasks:   # every secret the run needs is in the file
                local_settings(task, resolved, env_values)
        except InputError as e:
            self.error.setText(str(e))
            self.error.show()
            return
        self._values, self._env_values = values, env_values
        texts = {name: editor.text() for name, editor in self.editors.items()}
        if self.env_file_edit is not None:
            texts[ENV_FILE_KEY] = env_path
        remember(self.settings, self.pipeline_key, texts)
        super().accept()


def _fits(text: str, param: PipelineParam) -> bool:
    if kind_of(param.annotation) == "bool":
        return text in ("True", "False")
    try:
        parse_value(text, param.annotation)
    except ValueTextError:
        return False
    return True


__all__ = ["RunParamsDialog", "ParamEditor", "remembered", "remember", "default_settings"]
