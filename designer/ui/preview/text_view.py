"""``TextView``: the previews' read-only text, virtual: it costs what is on screen.

A QPlainTextEdit holding a 2,000-task v1 YAML (182k lines) kept a QTextDocument of one
block per line, with a layout and formats for each: about 75 MB for the v1 tab and 60 MB
for the v2 one, on top of the text itself. This view keeps the text as the Python ``str``
the worker made, the start of every line (an int array, 4 bytes a line) and the worker's
``SpanTable`` (highlighting), and makes a ``QTextLayout`` only for the lines it paints
(a few dozen, cached while they stay near the screen). Putting a new text in is swapping
three references: no per-line work in the UI thread, however long the text.

What it does, as the QPlainTextEdit did: line numbers, highlighting in the theme's
colours, located line ranges (the selected task), a caret, selection by mouse
(drag, double-click a word, Shift+click) and keyboard (Shift+arrows, Ctrl+A), copy
(Ctrl+C, the context menu, the X11 selection), scrolling by wheel, scroll bars and keys
(arrows, PgUp/PgDn, Home/End, Ctrl+Home/End), Ctrl+wheel zoom. Positions are offsets in
the text; line numbers are 0-based here, 1-based where the previews' API says so.
"""
from __future__ import annotations

import bisect
import math
import operator
import re
from array import array
from collections import OrderedDict
from itertools import islice

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QMenu, QWidget

from designer.ui.code.editor import INDENT, Gutter, monospace_font
from designer.ui.code.highlighter import Span, SpanTable, Theme, theme_for
from designer.ui.code.relex import line_starts

TEXT_MARGIN = 4        # pixels left of the text, as QPlainTextEdit's document margin
CACHE_SCREENS = 4      # line layouts kept: this many screenfuls
CHUNK = 16384          # lines ``widest_line`` looks at in one go
_WORD = re.compile(r"\w+")


def widest_line(text: str, starts: array) -> int:
    """The longest line's length in characters (the horizontal scroll range). Found
    CHUNK lines at a time: one ``max`` over 182k lines holds the GIL for 8 ms, which the
    UI thread waits out while the worker runs this."""
    widest = len(text) - starts[-1]
    for k in range(0, len(starts) - 1, CHUNK):
        piece = starts[k:k + CHUNK + 1]
        widest = max(widest, max(map(operator.sub, islice(piece, 1, None), piece)) - 1)
    return widest


class TextView(QAbstractScrollArea):
    """A read-only view of a text with precomputed highlighting; see the module doc."""

    clicked_line = Signal(int)       # 1-based: a left click that selected nothing
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, language: str = "yaml"):
        super().__init__(parent)
        self.language = language
        self._theme: Theme = theme_for(self.palette())
        self._text = ""
        self._starts = array("i", [0])
        self._spans: SpanTable | list[list[Span]] | None = None
        self._columns = 0
        self._anchor = self._caret = 0            # selection: offsets in the text
        self._located: list[tuple[int, int]] = []  # 1-based inclusive line ranges
        self._layouts: OrderedDict[int, QTextLayout] = OrderedDict()
        self.laid_out = 0                          # line layouts made so far (tests count)
        self._gutter = Gutter(self)
        self._dragging = False
        self._drag_timer = QTimer(self)            # scrolls while a drag is past an edge
        self._drag_timer.setInterval(50)
        self._drag_timer.timeout.connect(self._drag_scroll)
        self._drag_point = QPoint()
        self._double_click = QElapsedTimer()       # a press soon after it: a triple click
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.verticalScrollBar().setSingleStep(1)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self.setFont(monospace_font())
        self._font_changed()

    # ------------------------------------------------------------------ content
    @property
    def text(self) -> str:
        return self._text

    def line_count(self) -> int:
        return len(self._starts)

    def line_text(self, line: int) -> str:
        """Line ``line`` (0-based) without its newline."""
        starts = self._starts
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self._text)
        return self._text[starts[line]:end]

    def set_content(self, text: str, spans: SpanTable | list[list[Span]] | None = None,
                    starts: array | None = None, columns: int | None = None,
                    edits: list[tuple[int, int, int, int]] | None = None) -> None:
        """Show ``text``, highlighted by ``spans`` (one entry per line). ``starts`` and
        ``columns`` (``line_starts``, ``widest_line``) may come from a worker; ``edits``
        (the line edits from the text shown to this one) keep the lines on screen and the
        selection where they are when lines come or go above them."""
        starts = starts if starts is not None else line_starts(text)
        top = self.verticalScrollBar().value()
        anchor, caret = self.position_of(self._anchor), self.position_of(self._caret)
        if edits is not None:
            top = _map_line(top, edits)
            anchor = (_map_line(anchor[0], edits), anchor[1])
            caret = (_map_line(caret[0], edits), caret[1])
        self._text, self._starts, self._spans = text, starts, spans
        self._columns = columns if columns is not None else widest_line(text, starts)
        self._layouts.clear()
        self._anchor, self._caret = self.offset_of(*anchor), self.offset_of(*caret)
        self._update_ranges()
        self._update_margins()
        self.verticalScrollBar().setValue(top)
        self.viewport().update()
        self._gutter.update()

    def set_text(self, text: str) -> None:
        """Plain text, no highlighting (an empty view, tests)."""
        self.set_content(text, None)

    # ------------------------------------------------------------------ positions
    def position_of(self, offset: int) -> tuple[int, int]:
        """(line, column) of a text offset."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def offset_of(self, line: int, column: int = 0) -> int:
        """The text offset of (line, column), both clamped to the text."""
        line = max(0, min(line, len(self._starts) - 1))
        return self._starts[line] + max(0, min(column, len(self.line_text(line))))

    @property
    def line_height(self) -> int:
        return self._line_height

    def first_visible_line(self) -> int:
        return self.verticalScrollBar().value()

    def visible_lines(self) -> int:
        """Lines that fit on screen whole."""
        return max(1, self.viewport().height() // self._line_height)

    def line_at(self, point: QPoint) -> int:
        """The 0-based line under a viewport point (clamped to the text)."""
        line = self.first_visible_line() + (point.y() // self._line_height)
        return max(0, min(line, len(self._starts) - 1))

    def offset_at(self, point: QPoint) -> int:
        """The text offset nearest a viewport point."""
        line = self.line_at(point)
        x = point.x() - self._x0()
        column = self._layout(line).lineAt(0).xToCursor(
            x, QTextLine.CursorPosition.CursorBetweenCharacters) if x > 0 else 0
        return self.offset_of(line, column)

    def point_of(self, line: int, column: int = 0) -> QPoint:
        """The viewport point in the middle of (line, column)'s character cell."""
        x = self._layout(line).lineAt(0).cursorToX(column)[0] if self._text else 0
        y = (line - self.first_visible_line()) * self._line_height + self._line_height // 2
        return QPoint(round(self._x0() + x) + 1, y)

    def _x0(self) -> int:
        return TEXT_MARGIN - self.horizontalScrollBar().value()

    # ------------------------------------------------------------------ selection
    @property
    def caret(self) -> int:
        return self._caret

    def caret_line(self) -> int:
        """The caret's line, 0-based."""
        return self.position_of(self._caret)[0]

    def selection(self) -> tuple[int, int]:
        return min(self._anchor, self._caret), max(self._anchor, self._caret)

    def has_selection(self) -> bool:
        return self._anchor != self._caret

    def selected_text(self) -> str:
        a, b = self.selection()
        return self._text[a:b]

    def set_selection(self, anchor: int, caret: int) -> None:
        size = len(self._text)
        anchor, caret = max(0, min(anchor, size)), max(0, min(caret, size))
        if (anchor, caret) == (self._anchor, self._caret):
            return
        self._anchor, self._caret = anchor, caret
        self.viewport().update()
        self.selection_changed.emit()

    def set_caret(self, line: int, column: int = 0) -> None:
        """Put the caret (no selection) at (line, column) and bring it into view."""
        offset = self.offset_of(line, column)
        self.set_selection(offset, offset)
        self.ensure_visible(self.caret_line())

    def select_all(self) -> None:
        self.set_selection(0, len(self._text))

    def copy(self) -> None:
        if self.has_selection():
            QGuiApplication.clipboard().setText(self.selected_text())

    def _to_x11_selection(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.has_selection() and clipboard.supportsSelection():
            clipboard.setText(self.selected_text(), clipboard.Mode.Selection)

    # ------------------------------------------------------------------ located ranges
    @property
    def located(self) -> list[tuple[int, int]]:
        return list(self._located)

    def set_located(self, ranges: list[tuple[int, int]] | None, *, scroll_to: int | None = 0
                    ) -> None:
        """Highlight line ranges (1-based, inclusive); bring ``ranges[scroll_to]`` into view,
        near the top with a little context above it, and put the caret at its start."""
        self._located = list(ranges or [])
        if ranges and scroll_to is not None:
            first = ranges[min(scroll_to, len(ranges) - 1)][0]
            offset = self.offset_of(first - 1)
            self.set_selection(offset, offset)
            self.verticalScrollBar().setValue(max(0, first - 3))
        self.viewport().update()

    def _is_located(self, line: int) -> bool:
        """Is 0-based ``line`` in a located range?"""
        number = line + 1
        return any(first <= number <= last for first, last in self._located)

    # ------------------------------------------------------------------ scrolling
    def ensure_visible(self, line: int) -> None:
        bar = self.verticalScrollBar()
        if line < bar.value():
            bar.setValue(line)
        elif line >= bar.value() + self.visible_lines():
            bar.setValue(line - self.visible_lines() + 1)

    def _update_ranges(self) -> None:
        lines = self.visible_lines()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, len(self._starts) - lines))
        bar.setPageStep(lines)
        width = self._columns * self._char_width + 2 * TEXT_MARGIN + self._char_width
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, width - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        hbar.setSingleStep(self._char_width * 2)

    def _scrolled(self, _value: int) -> None:
        self.viewport().update()
        self._gutter.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))
        self._update_ranges()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def zoom(self, steps: int) -> None:
        """Make the font ``steps`` points bigger (smaller when negative), as Ctrl+wheel."""
        font = QFont(self.font())
        font.setPointSizeF(max(4.0, font.pointSizeF() + steps))
        self.setFont(font)

    # ------------------------------------------------------------------ theme and font
    @property
    def theme(self) -> Theme:
        return self._theme

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self._theme = theme_for(self.palette())
            self._layouts.clear()
            self.viewport().update()
            self._gutter.update()
        elif kind == QEvent.Type.FontChange:
            self._font_changed()
        elif kind == QEvent.Type.EnabledChange:
            self.viewport().update()
            self._gutter.update()

    def _font_changed(self) -> None:
        metrics = QFontMetrics(self.font())
        # The height QPlainTextEdit gives a line: a laid-out line's, rounded up.
        probe = QTextLayout(" ", self.font())
        probe.beginLayout()
        probe_line = probe.createLine()
        probe.endLayout()
        self._line_height = max(1, math.ceil(probe_line.height()), metrics.height())
        self._char_width = max(1, metrics.horizontalAdvance(" "))
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._option.setTabStopDistance(self._char_width * INDENT)
        self._layouts.clear()
        self._update_margins()
        self._update_ranges()
        self.viewport().update()

    def gutter_width(self) -> int:
        digits = max(3, len(str(len(self._starts))))
        return 14 + QFontMetrics(self.font()).horizontalAdvance("9") * digits + 8

    def _update_margins(self) -> None:
        width = self.gutter_width()
        if self.viewportMargins().left() != width:
            self.setViewportMargins(width, 0, 0, 0)
            cr = self.contentsRect()
            self._gutter.setGeometry(QRect(cr.left(), cr.top(), width, cr.height()))

    # ------------------------------------------------------------------ painting
    def _layout(self, line: int) -> QTextLayout:
        """Line ``line``'s layout, highlighted; made when first needed, then cached."""
        layouts = self._layouts
        layout = layouts.get(line)
        if layout is not None:
            layouts.move_to_end(line)
            return layout
        layout = QTextLayout(self.line_text(line), self.font())
        layout.setTextOption(self._option)
        layout.setCacheEnabled(True)
        spans = self._spans[line] if self._spans is not None and line < len(self._spans) else []
        if spans:
            format_for = self._theme.format_for
            ranges = []
            for start, length, ttype in spans:
                fmt = format_for(ttype)
                if fmt is not None:
                    r = QTextLayout.FormatRange()
                    r.start, r.length, r.format = start, length, fmt
                    ranges.append(r)
            layout.setFormats(ranges)
        layout.beginLayout()
        text_line = layout.createLine()
        if text_line.isValid():
            text_line.setLineWidth(1e7)
            text_line.setPosition(QPointF(0, 0))
        layout.endLayout()
        self.laid_out += 1
        layouts[line] = layout
        while len(layouts) > CACHE_SCREENS * (self.visible_lines() + 2):
            layouts.popitem(last=False)
        return layout

    def formats(self, line: int) -> list[tuple[int, int, QColor]]:
        """Line ``line``'s highlighting as drawn: (start, length, foreground colour)."""
        return sorted((r.start, r.length, r.format.foreground().color())
                      for r in self._layout(line).formats())

    def is_laid_out(self, line: int) -> bool:
        return line in self._layouts

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        theme, rect, height = self._theme, event.rect(), self._line_height
        painter.fillRect(rect, theme.background)
        top = self.first_visible_line()
        first = top + max(0, rect.top()) // height
        last = min(len(self._starts) - 1, top + rect.bottom() // height)
        x0, width = self._x0(), self.viewport().width()
        if not self.isEnabled():
            painter.setOpacity(0.55)   # an out-of-date text, dimmed
        sel_a, sel_b = self.selection()
        active = QPalette.ColorGroup.Active if self.hasFocus() else QPalette.ColorGroup.Inactive
        sel_format = None
        if sel_a != sel_b:
            sel_format = QTextCharFormat()
            sel_format.setBackground(self.palette().color(active, QPalette.ColorRole.Highlight))
            sel_format.setForeground(self.palette().color(active,
                                                          QPalette.ColorRole.HighlightedText))
        painter.setPen(theme.foreground)
        for line in range(first, last + 1):
            y = (line - top) * height
            if self._located and self._is_located(line):
                painter.fillRect(QRect(0, y, width, height), theme.located)
            layout = self._layout(line)
            selections = []
            start = self._starts[line]
            if sel_format is not None:
                end = start + len(layout.text())
                a, b = max(sel_a, start), min(sel_b, end)
                if a < b or (a == b and sel_a <= end < sel_b):
                    if a < b:
                        r = QTextLayout.FormatRange()
                        r.start, r.length, r.format = a - start, b - a, sel_format
                        selections.append(r)
                    if sel_b > end:        # the newline is selected: a cell past the end
                        x = layout.lineAt(0).cursorToX(len(layout.text()))[0]
                        painter.fillRect(QRect(round(x0 + x), y, self._char_width, height),
                                         sel_format.background())
            layout.draw(painter, QPointF(x0, y), selections)
        if self.hasFocus() and first <= self.caret_line() <= last:
            line, column = self.position_of(self._caret)
            layout = self._layout(line)
            x = round(x0 + layout.lineAt(0).cursorToX(column)[0])
            painter.setOpacity(1.0)
            painter.fillRect(QRect(x, (line - top) * height, 1, height), theme.foreground)
        painter.end()

    def paint_gutter(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), theme.gutter_background)
        if not self.isEnabled():
            painter.setOpacity(0.55)
        painter.setPen(theme.gutter_foreground)
        painter.setFont(self.font())
        width, height = self._gutter.width(), self._line_height
        top = self.first_visible_line()
        last = min(len(self._starts) - 1, top + self.viewport().height() // height)
        for line in range(top, last + 1):
            painter.drawText(0, (line - top) * height, width - 8, height,
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(line + 1))
        painter.end()

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        offset = self.offset_at(event.position().toPoint())
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._double_click.isValid() and not extend and \
                self._double_click.elapsed() < QApplication.doubleClickInterval():
            line = self.position_of(offset)[0]     # a triple click: the whole line
            self._double_click.invalidate()
            self.set_selection(self.offset_of(line), self.offset_of(line + 1)
                               if line + 1 < len(self._starts) else len(self._text))
            self._to_x11_selection()
            event.accept()
            return
        self.set_selection(self._anchor if extend else offset, offset)
        self._dragging = True
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not (self._dragging and event.buttons() & Qt.MouseButton.LeftButton):
            return
        self._drag_point = event.position().toPoint()
        self.set_selection(self._anchor, self.offset_at(self._drag_point))
        outside = not self.viewport().rect().contains(self._drag_point)
        if outside and not self._drag_timer.isActive():
            self._drag_timer.start()
        elif not outside:
            self._drag_timer.stop()

    def _drag_scroll(self) -> None:
        point, bar = self._drag_point, self.verticalScrollBar()
        if point.y() < 0:
            bar.setValue(bar.value() - 1)
        elif point.y() >= self.viewport().height():
            bar.setValue(bar.value() + 1)
        self.set_selection(self._anchor, self.offset_at(point))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or not self._dragging:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        self._drag_timer.stop()
        if self.has_selection():
            self._to_x11_selection()
        else:
            self.clicked_line.emit(self.line_at(event.position().toPoint()) + 1)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._double_click.start()
        offset = self.offset_at(event.position().toPoint())
        line, column = self.position_of(offset)
        for m in _WORD.finditer(self.line_text(line)):
            if m.start() <= column <= m.end():
                start = self.offset_of(line)
                self.set_selection(start + m.start(), start + m.end())
                self._to_x11_selection()
                break
        self._dragging = False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("&Copy"), self.copy)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(self.has_selection())
        select = menu.addAction(self.tr("Select &All"), self.select_all)
        select.setShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll))
        select.setEnabled(bool(self._text))
        return menu

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return
        key, mods = event.key(), event.modifiers()
        extend = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        line, column = self.position_of(self._caret)
        page = self.visible_lines()
        K = Qt.Key
        if key == K.Key_Left:
            target = self._caret - 1
        elif key == K.Key_Right:
            target = self._caret + 1
        elif key in (K.Key_Up, K.Key_Down, K.Key_PageUp, K.Key_PageDown):
            step = {K.Key_Up: -1, K.Key_Down: 1, K.Key_PageUp: -page, K.Key_PageDown: page}[key]
            if ctrl and key in (K.Key_Up, K.Key_Down):   # scroll only, as in Qt's editors
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + step)
                return
            if key in (K.Key_PageUp, K.Key_PageDown):
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + step)
            target = self.offset_of(line + step, column)
        elif key == K.Key_Home:
            target = 0 if ctrl else self.offset_of(line)
        elif key == K.Key_End:
            target = len(self._text) if ctrl else self.offset_of(line, len(self.line_text(line)))
        else:
            super().keyPressEvent(event)
            return
        target = max(0, min(target, len(self._text)))
        self.set_selection(self._anchor if extend else target, target)
        self.ensure_visible(self.caret_line())
        self._ensure_caret_column()

    def _ensure_caret_column(self) -> None:
        """Scroll sideways so that the caret is on screen."""
        line, column = self.position_of(self._caret)
        x = self._layout(line).lineAt(0).cursorToX(column)[0] + TEXT_MARGIN
        bar = self.horizontalScrollBar()
        width = self.viewport().width()
        if x < bar.value():
            bar.setValue(int(x) - TEXT_MARGIN)
        elif x > bar.value() + width - self._char_width:
            bar.setValue(int(x) - width + 2 * self._char_width)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()


def _map_line(line: int, edits: list[tuple[int, int, int, int]]) -> int:
    """Where old line ``line`` is after ``edits`` (a changed line: the start of what
    replaced it)."""
    for i1, i2, j1, j2 in edits:
        if line < i1:
            return line + (j1 - i1)
        if line < i2:
            return j1
    if edits:
        i1, i2, j1, j2 = edits[-1]
        return line + (j2 - i2)
    return line
