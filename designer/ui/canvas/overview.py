"""The overview's wires, drawn together.

Below ``style.LOD_SIMPLE`` every wire is a thin straight line from its output to its input.
Painting each wire item is a Python call per wire per frame: about half a zoom frame at
2,000 tasks. While the view is that small (``CanvasView._follow_zoom``), one item draws
every line instead, one ``drawLines`` per pen; the wire items stay in the scene (hit tests,
selection, tooltips, the wire gestures) but are flagged ``ItemHasNoContents``, so Qt
neither paints them nor repaints for them. Whatever changes a wire's line tells this item
(``WireItem.update_ends`` and ``itemChange``: added, removed, shown, hidden, selected),
which drops its line lists and repaints the areas concerned.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsRectItem, QGraphicsScene,
                               QStyleOptionGraphicsItem, QWidget)

from designer.ui import style as S

if TYPE_CHECKING:
    from designer.ui.canvas.wire_item import WireItem

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class WireOverview(QGraphicsRectItem):
    """Every wire's overview line; its rect (no pen) is the union of the wires' rects,
    so Qt reads its bounds in C++ and the scene's items' bounds stay the same."""

    def __init__(self, wires: Iterable["WireItem"]):
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(-1)   # where sound wires are: above frames, under nodes
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        # id -> wire, in insertion order (a rebuild at the overview removes thousands).
        self._wires: dict[int, "WireItem"] = {id(w): w for w in wires}
        self._batches: list[tuple[QPen, list[QLineF]]] | None = None
        self._slots: dict[int, QLineF] = {}   # wire id -> its line in _batches
        bounds = QRectF()
        for wire in self._wires.values():
            wire.setFlag(NO_CONTENTS, True)
            bounds = bounds.united(wire.rect())
        self.setRect(bounds)   # wire rects hold their pens and antialiasing already

    def finish(self) -> None:
        """Back to a readable zoom: the wires paint themselves again."""
        for wire in self._wires.values():
            wire.setFlag(NO_CONTENTS, False)
        self._wires = {}

    # --- told by the wires -------------------------------------------------------------

    def added(self, wire: "WireItem") -> None:
        wire.setFlag(NO_CONTENTS, True)
        self._wires[id(wire)] = wire
        self.changed(wire)

    def removed(self, wire: "WireItem") -> None:
        if self._wires.pop(id(wire), None) is None:
            return
        wire.setFlag(NO_CONTENTS, False)
        self.changed(wire)

    def changed(self, wire: "WireItem", old: QRectF | None = None) -> None:
        """``wire``'s line moved (from within ``old``: the line is moved in place, as on
        every step of a drag), or it appeared, went or changed pen (the lines are sorted
        again at the next paint)."""
        line = self._slots.get(id(wire)) if old is not None else None
        if line is not None:
            line.setPoints(wire._p1, wire._p2)
        else:
            self._batches = None
        area = wire.rect() if old is None else wire.rect().united(old)
        if not self.rect().contains(area):
            self.setRect(self.rect().united(area))
        self.update(area)

    def restyle(self) -> None:
        """The theme changed: every line's pen."""
        self._batches = None
        self.update()

    # --- painting ----------------------------------------------------------------------

    def lines(self) -> list[tuple[QPen, list[QLineF]]]:
        """(pen, lines) in drawing order: sound wires, then stale ones above them, then
        selected ones on top."""
        if self._batches is None:
            t = S.theme
            groups: dict[tuple[int, str], tuple[QPen, list[QLineF]]] = {}
            self._slots = {}
            for wire in self._wires.values():
                if not wire.isVisible():   # picked up by a wire gesture
                    continue
                if wire.isSelected():
                    key, pen = (2, ""), t.selected_thin
                else:
                    key = (1 if wire.stale else 0, wire.kind)
                    pen = t.wire_pens(wire.kind)[2]
                group = groups.get(key)
                if group is None:
                    group = groups[key] = (pen, [])
                line = self._slots[id(wire)] = QLineF(wire._p1, wire._p2)
                group[1].append(line)
            self._batches = [groups[key] for key in sorted(groups)]
        return self._batches

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        for pen, lines in self.lines():
            painter.setPen(pen)
            painter.drawLines(lines)


def overview_of(scene: QGraphicsScene | None) -> WireOverview | None:
    """The scene's wire overview while the view is zoomed out that far, else None."""
    return getattr(scene, "wire_overview", None) if scene is not None else None


__all__ = ["WireOverview", "overview_of"]
