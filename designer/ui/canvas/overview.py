"""The overview's wires, drawn together.

Below ``style.LOD_SIMPLE`` every wire is a thin straight line from its output to its input.
Painting each wire item is a Python call per wire per frame: about half a zoom frame at
2,000 tasks. While the view is that small (``CanvasView._follow_zoom``), one item draws
every line instead, one ``drawLines`` per pen; the wire items stay in the scene (hit tests,
selection, tooltips, the wire gestures) but are flagged ``ItemHasNoContents``, so Qt
neither paints them nor repaints for them. Whatever changes a wire's line tells this item
(``WireItem.update_ends`` and ``set_shown``; the scene when a wire is added or removed
and when the selection changes), which drops its line lists and repaints the areas
concerned.
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
        self._keys: dict[int, tuple[int, str]] = {}   # wire id -> its batch's key
        self._groups: dict[tuple[int, str], tuple[QPen, list[QLineF]]] = {}
        self._selected: set[int] = set()      # ids of the wires drawn as selected
        bounds = QRectF()
        for wire in self._wires.values():
            wire.setFlag(NO_CONTENTS, True)
            bounds = bounds.united(wire.rect())
            if wire.isSelected():
                self._selected.add(id(wire))
        self.setRect(bounds)   # wire rects hold their pens and antialiasing already

    def finish(self) -> None:
        """Back to a readable zoom: the wires paint themselves again."""
        for wire in self._wires.values():
            wire.setFlag(NO_CONTENTS, False)
        self._wires = {}
        self._selected = set()

    # --- told by the wires -------------------------------------------------------------

    def added(self, wire: "WireItem") -> None:
        wire.setFlag(NO_CONTENTS, True)
        self._wires[id(wire)] = wire
        if wire.isSelected():
            self._selected.add(id(wire))
        self.changed(wire)

    def removed(self, wire: "WireItem") -> None:
        if self._wires.pop(id(wire), None) is None:
            return
        self._selected.discard(id(wire))
        wire.setFlag(NO_CONTENTS, False)
        self.changed(wire)

    def changed(self, wire: "WireItem", old: QRectF | None = None) -> None:
        """``wire``'s line moved (from within ``old``: the line is moved in place, as on
        every step of a drag), or it appeared, went or changed pen (its line moves to its
        pen's batch: an edit at the overview regroups its few wires, not all of them)."""
        line = self._slots.get(id(wire)) if old is not None else None
        if line is not None:
            line.setPoints(wire._p1, wire._p2)
        elif self._batches is not None:
            self._regroup(wire)
        area = wire.rect() if old is None else wire.rect().united(old)
        if not self.rect().contains(area):
            self.setRect(self.rect().united(area))
        self.update(area)

    def selection_changed(self, selected: Iterable[QGraphicsItem]) -> None:
        """The scene's selection is now ``selected``: the wires that came in or left it
        move to their pen's batch."""
        now = {id(item) for item in selected if id(item) in self._wires}
        for key in now ^ self._selected:
            wire = self._wires.get(key)
            if wire is not None:
                self.changed(wire)
        self._selected = now

    def restyle(self) -> None:
        """The theme changed: every line's pen."""
        self._batches = None
        self.update()

    # --- painting ----------------------------------------------------------------------

    @staticmethod
    def _key(wire: "WireItem") -> tuple[tuple[int, str], QPen]:
        """The batch of ``wire``'s line (drawing order: sound wires, then stale ones above
        them, then selected ones on top) and its pen."""
        t = S.theme
        if wire.isSelected():
            return (2, ""), t.selected_thin
        return (1 if wire.stale else 0, wire.kind), t.wire_pens(wire.kind)[2]

    def _place(self, wire: "WireItem") -> None:
        key, pen = self._key(wire)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = (pen, [])
            self._batches = [self._groups[k] for k in sorted(self._groups)]
        line = self._slots[id(wire)] = QLineF(wire._p1, wire._p2)
        self._keys[id(wire)] = key
        group[1].append(line)

    def _regroup(self, wire: "WireItem") -> None:
        """Take ``wire``'s line out of its batch and, if it is still drawn, put it in the
        batch of its pen now."""
        line, key = self._slots.pop(id(wire), None), self._keys.pop(id(wire), None)
        if line is not None and key in self._groups:
            lines = self._groups[key][1]
            for i in range(len(lines) - 1, -1, -1):   # (by identity: equal lines may be two)
                if lines[i] is line:
                    del lines[i]
                    break
        if id(wire) in self._wires and wire.isVisible():
            self._place(wire)

    def lines(self) -> list[tuple[QPen, list[QLineF]]]:
        """(pen, lines) in drawing order: sound wires, then stale ones above them, then
        selected ones on top."""
        if self._batches is None:
            self._groups: dict[tuple[int, str], tuple[QPen, list[QLineF]]] = {}
            self._slots, self._keys = {}, {}
            self._batches = []
            for wire in self._wires.values():
                if wire.isVisible():   # (not: picked up by a wire gesture)
                    self._place(wire)
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
