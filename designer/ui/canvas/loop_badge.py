"""A loop frame's run progress: a badge at the right end of its title bar saying how many
iterations of the loop are done ("3 of 50 done, 1 failed"), updated while the run goes.

The badge is a child of its GroupFrame and only paints what ``set_figures`` gave it: the
run session counts nothing itself (the engine sends a loop's figures, LOOP_ITERATIONS).
Its colour is the run state the figures add up to: running until every iteration is
done, then succeeded, or failed as soon as one iteration failed.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from designer.ui import style as S

H = 18.0          # the badge's height (inside the title bar)
PAD_X = 8.0       # text inset


class LoopBadgeText(QObject):
    """The context the badge's texts are translated in (``tr`` with plural forms needs a
    QObject class; the badge is a graphics item)."""


def progress_text(done: int, failed: int, total: int) -> str:
    """"3 of 50 done", "3 of 50 done, 1 failed" (plural forms by the translation)."""
    text = LoopBadgeText.tr("{done} of %n done", "", total).format(done=done)
    if failed:
        text += LoopBadgeText.tr(", %n failed", "", failed)
    return text


def progress_state(done: int, failed: int, total: int) -> str:
    """The run state the badge is coloured with."""
    if failed:
        return "failed"
    return "succeeded" if done >= total else "running"


class LoopBadge(QGraphicsItem):
    """``set_figures(done, failed, total)``; ``text`` and ``state`` say what it shows."""

    def __init__(self, parent: QGraphicsItem):
        super().__init__(parent)
        self.text = ""
        self.state = "running"
        self.figures = (0, 0, 0)
        self._w = 0.0
        self.setZValue(1)

    def _font(self) -> QFont:
        font = QFont()
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return font

    def set_figures(self, done: int, failed: int, total: int) -> None:
        self.figures = (done, failed, total)
        self.text = progress_text(done, failed, total)
        self.state = progress_state(done, failed, total)
        width = QFontMetricsF(self._font()).horizontalAdvance(self.text) + 2 * PAD_X
        if width != self._w:
            self.prepareGeometryChange()
            self._w = width
        self.setToolTip(LoopBadgeText.tr("Iterations of this loop in the run: {progress}")
                        .format(progress=self.text))
        self.update()

    def width(self) -> float:
        return self._w

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._w, H)

    def colour(self) -> QColor:
        colours = S.DARK_RUN_STATE_COLOURS if S.theme.dark else S.RUN_STATE_COLOURS
        return QColor(colours[self.state])

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.colour()
        painter.setPen(QPen(colour.darker(115), 1.0))
        painter.setBrush(QBrush(colour))
        painter.drawRoundedRect(self.boundingRect(), H / 2, H / 2)
        painter.setFont(self._font())
        painter.setPen(QColor("white"))
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, self.text)


__all__ = ["LoopBadge", "progress_text", "progress_state"]
