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

from .highlighter import Span, SpanTable, Theme

STALE = -1
MARGIN = 4   # blocks formatted beyond each edge of the viewport: small scrolls find them ready


class VisibleBlocksHighlighter(QObject):
    """Applies precomputed spans to the blocks ``editor`` paints. ``set_spans`` before an
    edit, ``invalidate(first, last)`` for the lines an edit replaced, ``refresh()`` after."""

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

    def invalidate(self, first: int, last: int) -> None:
        """Blocks ``first`` to ``last`` (0-based, inclusive) got new text."""
        block = self._editor.document().findBlockByNumber(max(0, first))
        n = max(0, first)
        while block.isValid() and n <= last:
            block.setUserState(STALE)
            block = block.next()
            n += 1

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
        while block.isValid():
            if block.blockNumber() >= first.blockNumber():
                top = editor.blockBoundingGeometry(block).translated(offset).top()
                if top > height:
                    after += 1
                    if after > MARGIN:
                        break
            number = block.blockNumber()
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
