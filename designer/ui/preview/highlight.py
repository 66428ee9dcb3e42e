"""Highlighting for the read-only previews that costs what is on screen, not the text.

A QSyntaxHighlighter calls back into Python for every block of every change: for a
150k-line compiled YAML that is seconds of the UI thread. Here nothing is attached
to the document. The worker has already lexed the text into a ``SpanTable``; this
object sets the formats of a block (``QTextLayout.setFormats``, what a
QSyntaxHighlighter does inside) only when the block is about to be painted, so
setting, editing or scrolling a long text formats at most a screenful of blocks.

A block's ``userState`` says whether its formats are current: it holds the theme
epoch its formats were made in, or -1 (stale) once its text was replaced. Unchanged
lines keep their formats across an edit, as they did with the QSyntaxHighlighter.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextBlock, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from designer.ui.code.highlighter import Span, SpanTable, Theme

STALE = -1
MARGIN = 4   # blocks formatted beyond each edge of the viewport: small scrolls find them ready


class VisibleBlocksHighlighter(QObject):
    """Applies precomputed spans to the blocks ``editor`` paints: ``set_spans`` before a
    text change, ``invalidate_edit`` after each line edit of it, ``refresh()`` when done.
    ``set_theme`` and ``theme`` are what CodeEditor asks of a highlighter."""

    def __init__(self, editor: QPlainTextEdit, theme: Theme):
        super().__init__(editor)
        self._editor = editor
        self._theme = theme
        self._epoch = 0                   # bumped by a theme change: every block is stale
        self._spans: SpanTable | list[list[Span]] | None = None
        self._limit: int | None = None    # blocks from here on are not final yet (see below)
        self._busy = False
        self.formatted = 0                # blocks formatted so far (tests count them)
        editor.viewport().installEventFilter(self)
        editor.verticalScrollBar().valueChanged.connect(lambda _v: self.refresh())

    # ------------------------------------------------------------------ the CodeEditor API
    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._epoch += 1
        self.refresh()

    def set_spans(self, spans: SpanTable | list[list[Span]] | None) -> None:
        """The spans of the text the document is being changed to."""
        self._spans = spans

    # ------------------------------------------------------------------ edits
    def set_limit(self, limit: int | None) -> None:
        """While a long edit is applied over several event-loop turns, only blocks before
        ``limit`` hold their final text: the spans are not for the ones after it yet."""
        self._limit = limit

    def invalidate_edit(self, edit: tuple[int, int, int, int]) -> None:
        """A line edit (old i1:i2 -> new j1:j2, see ``previews.apply_line_edit``) was
        applied. Qt gives every block an insert creates a fresh state (-1): only the
        blocks at its edges can keep a block's state, and so its stamp, with new text."""
        doc = self._editor.document()
        j1, j2 = edit[2], edit[3]
        for number in {max(0, j1 - 1), j1, j2}:
            block = doc.findBlockByNumber(number)
            if block.isValid():
                block.setUserState(STALE)

    # ------------------------------------------------------------------ formatting
    def refresh(self) -> None:
        """Format the stale blocks on screen (and a few around it)."""
        if self._busy or self._spans is None:
            return
        self._busy = True   # markContentsDirty below may scroll and call us again
        try:
            self._format_visible()
        finally:
            self._busy = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.refresh()   # before the paint: what is drawn is formatted
        return False

    def _format_visible(self) -> None:
        editor = self._editor
        doc = editor.document()
        first = editor.firstVisibleBlock()
        if not first.isValid():
            return
        height = editor.viewport().height()
        offset = editor.contentOffset()
        block = first
        for _ in range(MARGIN):
            if not block.previous().isValid():
                break
            block = block.previous()
        after = 0
        dirty_from = dirty_to = -1
        epoch, limit = self._epoch, self._limit
        number, first_number = block.blockNumber(), first.blockNumber()
        while block.isValid():
            if number >= first_number:
                top = editor.blockBoundingGeometry(block).translated(offset).top()
                if top > height:
                    after += 1
                    if after > MARGIN:
                        break
            if limit is not None and number >= limit:
                break
            if block.userState() != epoch:
                self._apply(block, number)
                block.setUserState(epoch)
                end = block.position() + block.length()
                dirty_from = block.position() if dirty_from < 0 else dirty_from
                dirty_to = end
            elif dirty_from >= 0:
                doc.markContentsDirty(dirty_from, dirty_to - dirty_from)
                dirty_from = -1
            block = block.next()
            number += 1
        if dirty_from >= 0:
            doc.markContentsDirty(dirty_from, dirty_to - dirty_from)

    def _apply(self, block: QTextBlock, number: int) -> None:
        spans = self._spans[number] if self._spans is not None and number < len(self._spans) \
            else []
        format_for: Callable = self._theme.format_for
        ranges = []
        for start, length, ttype in spans:
            fmt = format_for(ttype)
            if fmt is not None:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = start, length, fmt
                ranges.append(r)
        block.layout().setFormats(ranges)
        self.formatted += 1
