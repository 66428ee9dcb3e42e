"""A few lines of JSON in the Properties pane, read by a rule when the person leaves the
field or presses Ctrl+Enter (``designer/ir/placement_json.py``).

A refused text stays as typed, with the rule's message under it: the document changes
only when the text reads, and the field is not refilled from the document while its text
is refused or being typed (what the person wrote is never lost).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from designer.ir.settings_rules import RuleError
from designer.ui.panes.settings_fields import error_label, problem_text
from designer.ui.theme import error_border


def _breakable(match: re.Match) -> str:
    """A long word with zero-width spaces where a line may break: after . and before [
    and before each capital that follows a small letter (camelCase names)."""
    return re.sub(r"(?<=\.)|(?=\[)|(?<=[a-z])(?=[A-Z])", "\u200b", match.group(0))


class JsonField(QWidget):
    """``read(text)`` returns the value or raises RuleError; ``committed(value)`` fires when
    a changed text reads."""

    committed = Signal(object)

    def __init__(self, read: Callable[[str], Any], placeholder: str = "", tooltip: str = "",
                 lines: int = 6):
        super().__init__()
        self._read = read
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)      # (Tab leaves, as in the other fields)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip(tooltip)
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # As tall as its text (2 lines at least, ``lines`` at most: then it scrolls).
        self._lines = lines
        self._fit(1)
        self.edit.document().documentLayout().documentSizeChanged.connect(
            lambda size: self._fit(int(size.height())))
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._typed)
        self.error = error_label()
        # (the pane's width decides where the message wraps, never the other way round)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # (its own height: a pane taller than its fields must not stretch it)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._shown = ""
        self._filling = False

    def _fit(self, lines: int) -> None:
        """(a plain text layout's height is its count of lines, wrapped ones included)"""
        shown = min(max(lines, 2), self._lines)
        height = self.edit.fontMetrics().lineSpacing() * shown + 12
        if height != self.edit.height():
            self.edit.setFixedHeight(height)
            self.updateGeometry()       # (the form gives the field its new height)

    def set_text(self, text: str) -> None:
        """Show the document's JSON, unless the person's own text is being typed or was
        refused (it stays until it reads, or they change it)."""
        if self.problem or (self.edit.hasFocus() and self.edit.toPlainText() != self._shown):
            return
        self._shown = text
        if self.edit.toPlainText() != text:
            self._filling = True
            try:
                self.edit.setPlainText(text)
            finally:
                self._filling = False

    def show_problem(self, message: str | None) -> None:
        # (a JSON path has no spaces: it may wrap at its dots, brackets and words)
        shown = re.sub(r"\S{24,}", _breakable, message or "")
        self.error.setText(shown)
        self.error.setVisible(bool(message))
        self.edit.setStyleSheet(error_border() if message else "")

    @property
    def problem(self) -> str:
        return self.error.text().replace("\u200b", "") if self.error.isVisible() else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit:
            if event.type() == QEvent.Type.FocusOut:
                self.commit()
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                    event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commit()
                return True
        return super().eventFilter(watched, event)

    def _typed(self) -> None:
        if not self._filling and self.problem:
            self.show_problem(None)       # (typing again: the old message no longer holds)

    def commit(self) -> None:
        text = self.edit.toPlainText().strip()
        if text == self._shown.strip() and not self.problem:
            return
        try:
            value = self._read(text)
        except RuleError as e:
            self.show_problem(problem_text(e.problem))
            return
        self.show_problem(None)
        self._shown = self.edit.toPlainText()
        self.committed.emit(value)


__all__ = ["JsonField"]
