"""A one-line editor for an input whose value is a template (``ir/templates.py``):
``gs://bucket/{{number_1}}/{{run_id}}``. References are highlighted as they are typed: a
parameter, an output or a run value in the reference colour, bold; a name that names
nothing in the error colour, underlined. Enter (or leaving the field) commits the text
when it changed; the pane reads it and says what is wrong if it does not read.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QFrame, QPlainTextEdit

from designer.ir.templates import Span
from designer.ui.theme import text_colour

SpanFinder = Callable[[str], list[Span]]


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, edit: "TemplateEdit", find: SpanFinder):
        super().__init__(edit.document())
        self._find = find
        self.spans: list[Span] = []

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.spans = self._find(text)
        for span in self.spans:
            fmt = QTextCharFormat()
            if span.kind:
                fmt.setForeground(text_colour("reference"))
                fmt.setFontWeight(QFont.Weight.Bold)
            else:
                fmt.setForeground(text_colour("error"))
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            self.setFormat(span.start, span.end - span.start, fmt)


class TemplateEdit(QPlainTextEdit):
    committed = Signal(str)

    def __init__(self, find: SpanFinder, parent=None):
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        line = QFontMetrics(self.font()).lineSpacing()
        margins = self.contentsMargins()
        self.setFixedHeight(line + 2 * int(self.document().documentMargin())
                            + margins.top() + margins.bottom() + 2)
        self.highlighter = _Highlighter(self, find)
        self._shown = ""

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Shows the document's value (not while the person is typing in it)."""
        if self.hasFocus() and self.toPlainText() != self._shown:
            return
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def spans(self) -> list[Span]:
        return list(self.highlighter.spans)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - one line: no newlines
        self.insertPlainText(" ".join(source.text().splitlines()))

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self._commit()

    def _commit(self) -> None:
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text)


__all__ = ["TemplateEdit"]
