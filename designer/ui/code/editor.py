"""``CodeEditor``: a QPlainTextEdit with a line-number gutter, current-line and error-line
marks, and indentation help (auto-indent, Tab/Shift+Tab on selections, smart Backspace and
Home, Ctrl+/ comments). The code pane edits components with it; the previews reuse it
read-only.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit, QWidget

from designer.ui.code.highlighter import PygmentsHighlighter, Theme, theme_for

INDENT = 4
_DEDENT_AFTER = re.compile(r"^\s*(return|pass|raise|break|continue)\b")

COMPONENT_SKELETON = '''def {name}(text: str, times: int = 1) -> str:
    """Describe what this step does; the first line becomes the component description."""
    result = text * times
    print(result)
    return result
'''


def new_component_source(name: str = "new_component") -> str:
    """A typed function skeleton to start a new component from."""
    return COMPONENT_SKELETON.format(name=name)


def monospace_font(point_size: int = 10) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class Gutter(QWidget):
    """Line numbers left of the text; painted by the editor that owns it (a CodeEditor, or
    the previews' TextView: anything with ``gutter_width()`` and ``paint_gutter(event)``)."""

    def __init__(self, editor: "CodeEditor"):
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    """A code editor; ``language`` is "python" or "yaml"."""

    def __init__(self, parent: QWidget | None = None, *, language: str = "python",
                 read_only: bool = False, highlighter: Callable[["CodeEditor"], Any] | None = None):
        """``highlighter(editor)`` makes a highlighter other than the incremental pygments one
        (the previews'); it needs ``theme`` and ``set_theme(theme)``."""
        super().__init__(parent)
        self.language = language
        self._theme: Theme = theme_for(self.palette())
        self._error_line: int | None = None      # 1-based
        self._error_message = ""
        self._located: list[tuple[int, int]] = []  # 1-based inclusive line ranges
        self._gutter = Gutter(self)
        self.highlighter = (highlighter(self) if highlighter is not None
                            else PygmentsHighlighter(self.document(), language, self._theme))
        self.setFont(monospace_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * INDENT)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setReadOnly(read_only)
        if read_only:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._refresh_marks)
        # (a mark's cursors belong to the text: new text, marks laid anew)
        self._marked_text = False
        self.textChanged.connect(lambda: setattr(self, "_marked_text", False))
        self._apply_theme()
        self._update_gutter_width()

    # ------------------------------------------------------------------ theme
    @property
    def theme(self) -> Theme:
        return self._theme

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not getattr(self, "_theming", False):
            self._theme = theme_for(self.palette())
            self.highlighter.set_theme(self._theme)
            self._apply_theme()

    def _apply_theme(self) -> None:
        self._theming = True  # setPalette below raises PaletteChange again
        try:
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.Base, self._theme.background)
            pal.setColor(QPalette.ColorRole.Text, self._theme.foreground)
            self.setPalette(pal)
        finally:
            self._theming = False
        self._refresh_marks()
        self._gutter.update()

    # ------------------------------------------------------------------ gutter
    def gutter_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 14 + self.fontMetrics().horizontalAdvance("9") * digits + 8

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), theme.gutter_background)
        width = self._gutter.width()
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bold = QFont(self.font())
        bold.setBold(True)
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber() + 1
                if number == self._error_line:
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(theme.error)
                    d = min(8, height - 4)
                    painter.drawEllipse(4, top + (height - d) // 2, d, d)
                    painter.setPen(theme.error)
                    painter.setFont(bold)
                elif block.blockNumber() == current and not self.isReadOnly():
                    painter.setPen(theme.gutter_current)
                    painter.setFont(bold)
                else:
                    painter.setPen(theme.gutter_foreground)
                    painter.setFont(self.font())
                painter.drawText(0, top, width - 8, height,
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 str(number))
            block = block.next()
            top = bottom
        painter.end()

    # ------------------------------------------------------------------ marks
    def set_error(self, line: int | None, message: str = "") -> None:
        """Mark ``line`` (1-based) as erroneous, or clear the mark with None."""
        if line is not None:
            line = max(1, min(line, self.blockCount()))
        if self._marked_text and (line, message) == (self._error_line, self._error_message):
            return                    # (every pane refresh says it again)
        self._error_line, self._error_message = line, message
        self._refresh_marks()
        self._gutter.update()

    @property
    def error_line(self) -> int | None:
        return self._error_line

    def set_located(self, ranges: list[tuple[int, int]] | None, *, scroll_to: int | None = 0
                    ) -> None:
        """Highlight line ranges (1-based, inclusive); bring ``ranges[scroll_to]`` into view."""
        self._located = list(ranges or [])
        self._refresh_marks()
        if self._located and scroll_to is not None:
            first = self._located[min(scroll_to, len(self._located) - 1)][0]
            cursor = QTextCursor(self.document().findBlockByNumber(first - 1))
            self.setTextCursor(cursor)
            # The start near the top, with a little context above it.
            self.verticalScrollBar().setValue(max(0, first - 3))

    @property
    def located(self) -> list[tuple[int, int]]:
        return list(self._located)

    def _refresh_marks(self) -> None:
        self._marked_text = True
        selections = []
        theme = self._theme
        if not self.isReadOnly():
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(theme.current_line)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = self.textCursor()
            sel.cursor.clearSelection()
            selections.append(sel)
        for first, last in self._located:
            start = self.document().findBlockByNumber(first - 1)
            end = self.document().findBlockByNumber(last - 1)
            if not start.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(theme.located)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = QTextCursor(start)
            if end.isValid() and last > first:
                # One selection over the lines; full width paints each line's whole width.
                # Through the last line's newline: full width then paints that line too.
                stop = min(end.position() + end.length(), self.document().characterCount() - 1)
                sel.cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
            else:   # the whole line, so that every row of a wrapped line is painted
                sel.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                        QTextCursor.MoveMode.KeepAnchor)
            selections.append(sel)
        if self._error_line:
            block = self.document().findBlockByNumber(self._error_line - 1)
            full = QTextEdit.ExtraSelection()
            full.format.setBackground(theme.error_background)
            full.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            full.cursor = QTextCursor(block)
            selections.append(full)
            wavy = QTextEdit.ExtraSelection()
            wavy.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            wavy.format.setUnderlineColor(theme.error)
            wavy.format.setToolTip(self._error_message)
            wavy.cursor = QTextCursor(block)
            wavy.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                     QTextCursor.MoveMode.KeepAnchor)
            selections.append(wavy)
        self.setExtraSelections(selections)
        self._gutter.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._error_line:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            if cursor.blockNumber() + 1 == self._error_line:
                from PySide6.QtWidgets import QToolTip
                QToolTip.showText(event.globalPos(), self._error_message, self)
                return True
        return super().event(event)

    # ------------------------------------------------------------------ indentation help
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        plain = not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                             | Qt.KeyboardModifier.MetaModifier))
        if key == Qt.Key.Key_Tab and plain:
            self.indent()
        elif key == Qt.Key.Key_Backtab:
            self.dedent()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self._newline_with_indent()
        elif key == Qt.Key.Key_Backspace and plain and self._smart_backspace():
            pass
        elif key == Qt.Key.Key_Home and not (mods & Qt.KeyboardModifier.ControlModifier):
            self._smart_home(bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key == Qt.Key.Key_Slash and mods & Qt.KeyboardModifier.ControlModifier:
            self.toggle_comment()
        else:
            super().keyPressEvent(event)

    def _selected_blocks(self) -> tuple[int, int]:
        c = self.textCursor()
        doc = self.document()
        first = doc.findBlock(c.selectionStart()).blockNumber()
        end_block = doc.findBlock(c.selectionEnd())
        last = end_block.blockNumber()
        # A selection ending at column 0 does not include that line.
        if c.hasSelection() and last > first and c.selectionEnd() == end_block.position():
            last -= 1
        return first, last

    def _edit_lines(self, change) -> None:
        """Apply ``change(line_text) -> new_text`` to every selected line, one edit block."""
        first, last = self._selected_blocks()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for number in range(first, last + 1):
            block = self.document().findBlockByNumber(number)
            text = block.text()
            new = change(text)
            if new != text:
                c = QTextCursor(block)
                c.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                c.insertText(new)
        cursor.endEditBlock()
        if first != last:  # keep whole lines selected for repeated Tab/Shift+Tab
            start = self.document().findBlockByNumber(first).position()
            end_block = self.document().findBlockByNumber(last)
            c = self.textCursor()
            c.setPosition(start)
            c.setPosition(end_block.position() + end_block.length() - 1,
                          QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(c)

    def indent(self) -> None:
        c = self.textCursor()
        first, last = self._selected_blocks()
        if c.hasSelection() and last > first:
            self._edit_lines(lambda t: " " * INDENT + t if t.strip() else t)
        else:
            column = c.positionInBlock()
            c.insertText(" " * (INDENT - column % INDENT))

    def dedent(self) -> None:
        def strip(text: str) -> str:
            n = len(text) - len(text.lstrip(" "))
            return text[min(n, INDENT):]
        c = self.textCursor()
        if c.hasSelection():
            self._edit_lines(strip)
            return
        column = c.positionInBlock()
        text = c.block().text()
        removed = len(text) - len(strip(text))
        self._edit_lines(strip)
        c = self.textCursor()
        c.setPosition(c.block().position() + max(0, column - removed))
        self.setTextCursor(c)

    def _newline_with_indent(self) -> None:
        c = self.textCursor()
        before = c.block().text()[: c.positionInBlock()]
        indent = len(before) - len(before.lstrip(" "))
        code = before.split("#", 1)[0].rstrip()
        if code.endswith(":"):
            indent += INDENT
        elif _DEDENT_AFTER.match(before):
            indent = max(0, indent - INDENT)
        elif code.endswith(("(", "[", "{")):
            indent += INDENT
        c.beginEditBlock()
        c.insertText("\n" + " " * indent)
        c.endEditBlock()
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def _smart_backspace(self) -> bool:
        """In leading spaces, delete back to the previous indent stop."""
        c = self.textCursor()
        if c.hasSelection():
            return False
        column = c.positionInBlock()
        before = c.block().text()[:column]
        if column == 0 or before.strip(" "):
            return False
        remove = column % INDENT or INDENT
        c.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, remove)
        c.removeSelectedText()
        return True

    def _smart_home(self, select: bool) -> None:
        c = self.textCursor()
        text = c.block().text()
        first = len(text) - len(text.lstrip())
        target = 0 if c.positionInBlock() == first else first
        mode = QTextCursor.MoveMode.KeepAnchor if select else QTextCursor.MoveMode.MoveAnchor
        c.setPosition(c.block().position() + target, mode)
        self.setTextCursor(c)

    def toggle_comment(self) -> None:
        first, last = self._selected_blocks()
        lines = [self.document().findBlockByNumber(n).text() for n in range(first, last + 1)]
        code = [t for t in lines if t.strip()]
        uncomment = bool(code) and all(t.lstrip().startswith("#") for t in code)
        margin = min((len(t) - len(t.lstrip()) for t in code), default=0)

        def change(text: str) -> str:
            if not text.strip():
                return text
            if uncomment:
                i = text.index("#")
                rest = text[i + 1:]
                return text[:i] + (rest[1:] if rest.startswith(" ") else rest)
            return text[:margin] + "# " + text[margin:]
        self._edit_lines(change)
