"""Text that fits the width it is given: elided in the middle (``print_and…_number_2``)
with the whole text in its tooltip, or wrapped anywhere; never a reason for a pane to
scroll sideways."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line of plain text, elided to the label's width; an optional ``suffix`` (a type
    name) follows in the muted colour when there is room. The tooltip holds the whole
    text whenever something is cut."""

    def __init__(self, text: str = "", suffix: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle):
        super().__init__(parent)
        self._full, self._suffix, self._mode = text, suffix, mode
        self._own_tip = ""
        # Preferred: its whole text when there is room, down to "a…z" when there is not.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        super().setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        super().setText(text)
        self.update()

    def text(self) -> str:
        return self._full

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        self._own_tip = tip
        super().setToolTip(tip)

    def full_width(self) -> int:
        fm = self.fontMetrics()
        gap = fm.horizontalAdvance(" ") if self._suffix else 0
        return fm.horizontalAdvance(self._full) + gap + fm.horizontalAdvance(self._suffix)

    def is_elided(self) -> bool:
        return self.full_width() > self.contentsRect().width()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.full_width() + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3,
                     super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        from designer.ui.theme import text_colour
        painter = QPainter(self)
        rect = self.contentsRect()
        fm = self.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        suffix_w = fm.horizontalAdvance(" " + self._suffix) if self._suffix else 0
        room = rect.width()
        if self._suffix and fm.horizontalAdvance(self._full) + suffix_w <= room:
            shown = self._full
        else:
            shown = fm.elidedText(self._full, self._mode, room)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, flags, shown)
        used = fm.horizontalAdvance(shown)
        if self._suffix and used + suffix_w <= room:
            painter.setPen(text_colour("muted"))
            painter.drawText(rect.adjusted(used, 0, 0, 0), flags, " " + self._suffix)
        painter.end()
        whole = self._full + (f": {self._suffix}" if self._suffix else "")
        tip = self._own_tip or (whole if self.is_elided() else "")
        if super().toolTip() != tip:
            super().setToolTip(tip)


def breakable(text: str, every: int = 16) -> str:
    """``text`` with a zero-width space every ``every`` characters of a long word, so a
    word-wrapped label can wrap it instead of growing wider than its pane."""
    out = []
    for word in text.split(" "):
        if len(word) > every:
            word = "\u200b".join(word[i:i + every] for i in range(0, len(word), every))
        out.append(word)
    return " ".join(out)


__all__ = ["ElidedLabel", "breakable"]
