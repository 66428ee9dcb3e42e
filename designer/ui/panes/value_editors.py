"""Typed editors for constant values (task inputs, parameter defaults).

An editor shows a value of one kind (int, float, str, bool, list, dict, or
untyped), validates what is typed as it is typed, and commits once per edit
(Enter or leaving the field; a choice for bool). Empty means "no value": the
input falls back to its default (or is reported missing when required). For a
str, an empty string is typed as "" .
"""
from __future__ import annotations

import ast
import json
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from designer.ir import kind_of
from designer.ir.values import value_problem
from designer.ui.messages import value_problem_text
from designer.ui.theme import error_border

_NO_VALUE = object()


class ValueTextError(ValueError):
    """A typed text that is not a value of the wanted kind (message for a person)."""


def _literal(text: str) -> Any:
    """A JSON or Python literal (``true`` and ``True`` both work)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ValueTextError(QCoreApplication.translate("ValueEditor", "not a literal value")) \
            from None


def parse_value(text: str, annotation: str | None) -> Any:
    """The value ``text`` means for an input annotated ``annotation``.

    Returns _NO_VALUE for empty text; raises ValueTextError with a sentence, also for a
    value the project file and the compilers cannot hold (a tuple, a set, bytes, an
    integer of 5,000 digits: ``ir.values``), refused here rather than saved.
    """
    value = _parse_value(text, annotation)
    problem = None if value is _NO_VALUE else value_problem(value)
    if problem:
        raise ValueTextError(value_problem_text(problem))
    return value


def _parse_value(text: str, annotation: str | None) -> Any:
    kind = kind_of(annotation)
    stripped = text.strip()
    if kind == "str":
        if text in ('""', "''"):
            return ""
        return text if text else _NO_VALUE
    if not stripped:
        return _NO_VALUE
    if kind == "int":
        try:
            return int(stripped)
        except ValueError:
            raise ValueTextError(QCoreApplication.translate(
                "ValueEditor", "“{text}” is not a whole number").format(text=stripped)) from None
    if kind == "float":
        try:
            return float(stripped)
        except ValueError:
            raise ValueTextError(QCoreApplication.translate(
                "ValueEditor", "“{text}” is not a number").format(text=stripped)) from None
    if kind == "bool":
        low = stripped.lower()
        if low in ("true", "false"):
            return low == "true"
        raise ValueTextError(QCoreApplication.translate("ValueEditor", "write True or False"))
    if kind in ("list", "dict"):
        try:
            value = _literal(stripped)
        except ValueTextError:
            example = "[1, 2, 3]" if kind == "list" else '{"key": "value"}'
            raise ValueTextError(QCoreApplication.translate(
                "ValueEditor", "not a valid {kind}; write it like {example}").format(
                kind=kind, example=example)) from None
        if not isinstance(value, list if kind == "list" else dict):
            raise ValueTextError(QCoreApplication.translate(
                "ValueEditor", "expects a {kind}, not a {type}").format(
                kind=kind, type=type(value).__name__))
        return value
    # Untyped or a type the designer does not know: a literal if it is one, else text.
    try:
        return _literal(stripped)
    except ValueTextError:
        return text


def format_value(value: Any, annotation: str | None) -> str:
    """The text an editor shows for ``value`` (inverse of parse_value)."""
    kind = kind_of(annotation)
    if kind == "str" and isinstance(value, str):
        return value if value else '""'
    if isinstance(value, (list, dict)):
        try:
            return json.dumps(value)
        except (TypeError, ValueError):
            return repr(value)
    if isinstance(value, str) and kind is None:
        return json.dumps(value) if _looks_literal(value) else value
    return repr(value)


def _looks_literal(text: str) -> bool:
    try:
        _literal(text)
        return True
    except ValueTextError:
        return False


class ValueEditor(QWidget):
    """Base: ``committed(value)`` for a new constant, ``cleared()`` for no value."""

    committed = Signal(object)
    cleared = Signal()

    def __init__(self, annotation: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.annotation = annotation

    def set_value(self, value: Any, is_set: bool) -> None:
        raise NotImplementedError

    @property
    def error(self) -> str | None:
        return None


class TextValueEditor(ValueEditor):
    """A line edit that parses its text as the annotated kind."""

    def __init__(self, annotation: str | None, placeholder: str = "",
                 parent: QWidget | None = None):
        super().__init__(annotation, parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        kind = kind_of(annotation)
        hint = {"int": self.tr("a whole number"), "float": self.tr("a number"),
                "str": self.tr('text (type "" for empty; {{name}} inserts a parameter, '
                               'an output or a run value)'),
                "list": self.tr("a list, e.g. [1, 2]"), "dict": self.tr('a dict, e.g. {"a": 1}'),
                "bool": self.tr("True or False")}.get(kind or "",
                                                      self.tr("any literal value, or text"))
        self.line.setToolTip(self.tr("{type}: {hint}. Empty uses the default.").format(
            type=annotation or self.tr("untyped"), hint=hint))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self._committed_text = ""
        self._error: str | None = None
        self.line.textEdited.connect(self._validate)
        self.line.editingFinished.connect(self._commit)
        self.setFocusProxy(self.line)

    def set_value(self, value: Any, is_set: bool) -> None:
        text = format_value(value, self.annotation) if is_set else ""
        if self.line.hasFocus() and self.line.isModified():
            return  # do not overwrite what the person is typing
        self._committed_text = text
        self.line.setText(text)
        self.line.setModified(False)
        self._validate(text)

    def _validate(self, text: str) -> None:
        try:
            parse_value(text, self.annotation)
            self._error = None
        except ValueTextError as e:
            self._error = str(e)
        self.line.setStyleSheet("" if self._error is None else error_border())
        if self._error is not None:
            self.line.setToolTip(self._error)

    @property
    def error(self) -> str | None:
        return self._error

    def _commit(self) -> None:
        text = self.line.text()
        if text == self._committed_text:
            return
        try:
            value = parse_value(text, self.annotation)
        except ValueTextError:
            return  # stays red; nothing is sent
        self._committed_text = text
        self.line.setModified(False)
        if value is _NO_VALUE:
            self.cleared.emit()
        else:
            self.committed.emit(value)


class BoolValueEditor(ValueEditor):
    """A choice: no value (the default), True, False."""

    def __init__(self, annotation: str | None, placeholder: str = "",
                 parent: QWidget | None = None):
        super().__init__(annotation, parent)
        self.combo = QComboBox(self)
        self.combo.addItem(placeholder or self.tr("(no value)"), _NO_VALUE)
        self.combo.addItem("True", True)
        self.combo.addItem("False", False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self._setting = False
        self.combo.currentIndexChanged.connect(self._chosen)
        self.setFocusProxy(self.combo)

    def set_value(self, value: Any, is_set: bool) -> None:
        self._setting = True
        try:
            if not is_set:
                self.combo.setCurrentIndex(0)
            else:
                self.combo.setCurrentIndex(1 if value is True else 2 if value is False else 0)
        finally:
            self._setting = False

    def _chosen(self, index: int) -> None:
        if self._setting:
            return
        value = self.combo.itemData(index)
        if value is _NO_VALUE:
            self.cleared.emit()
        else:
            self.committed.emit(value)


def placeholder_for(has_default: bool, default: Any, annotation: str | None) -> str:
    if has_default:
        return QCoreApplication.translate("ValueEditor", "default: {value}").format(
            value=format_value(default, annotation) if default is not None else "None")
    return QCoreApplication.translate("ValueEditor", "required")


def editor_for(annotation: str | None, *, has_default: bool = False, default: Any = None,
               parent: QWidget | None = None) -> ValueEditor:
    """The editor for a value of ``annotation``'s kind."""
    placeholder = placeholder_for(has_default, default, annotation)
    cls: Callable[..., ValueEditor] = (BoolValueEditor if kind_of(annotation) == "bool"
                                       else TextValueEditor)
    return cls(annotation, placeholder, parent)


NO_VALUE = _NO_VALUE
