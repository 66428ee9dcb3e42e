"""Wires: a bezier from an output port to an input port, coloured by the source type.

The path is rebuilt lazily after an end moves, so a drag step costs a
bounding-rect update per wire and the path is built only if it is painted.

A *stale* wire (``problem`` set: its input or its source no longer exists) is
drawn dashed in the error colour with the problem as its tooltip; one whose
source node is gone (``source is None``) is a short stub ending in a hollow
circle named after what it came from.

A wire may carry a *value label* (``set_value``): during a step-through run, the value
its input gets, drawn in a small box on the wire near its input.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem,
                               QWidget)

from designer.ui import style as S
from designer.ui.canvas.node_item import NodeItem
from designer.ui.canvas.overview import overview_of

STUB_END_R = 4.0   # the hollow circle at a stub's loose end
_NO_BRUSH = QBrush()   # an object, not the enum: an enum argument costs a look-up per paint


def reach(p1: QPointF, p2: QPointF) -> float:
    """How far the curve leaves its ends horizontally.

    Forward wires get a smooth S (half the distance); backward wires (a target left
    of its source) a bounded loop, so a long backward wire stays near its ends.
    """
    dx = p2.x() - p1.x()
    if dx >= 0:
        return max(40.0, dx * 0.5)
    return min(max(60.0, abs(p2.y() - p1.y()) * 0.5), 160.0)


def bezier(p1: QPointF, p2: QPointF) -> QPainterPath:
    dx = reach(p1, p2)
    path = QPainterPath(p1)
    path.cubicTo(QPointF(p1.x() + dx, p1.y()), QPointF(p2.x() - dx, p2.y()), p2)
    return path


class WireItem(QGraphicsRectItem):
    """A data wire (``port`` = input name) or an ``.after()`` edge (``after=True``).

    A rect item whose rect is its bounding rect (no pen): Qt reads it in C++, with no
    Python call per wire per frame; ``_sync_bounds`` sets it when an end or the label moves.

    ``kind`` is the source port's type kind: the current theme gives its pens.
    ``problem`` (what is wrong and what to do) marks a stale wire; ``loose`` says which
    end is broken: "target" (the input is gone) or "source" (the output, parameter or
    task it reads is gone). ``stale_output``: the source node lacks ``source_port``.
    """

    source_key = ""   # StubWire: the key of the missing source node
    part = 0          # the n-th source of an expression argument (one wire per source)

    def __init__(self, source: NodeItem | None, source_port: str, target: NodeItem,
                 target_port: str, kind: str = "any", after: bool = False, problem: str = "",
                 loose: str = "", stale_output: bool = False):
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)   # no pen: the bounding rect is the item rect
        self.source, self.source_port = source, source_port
        self.target, self.target_port = target, target_port
        self.after = after
        self.kind = "after" if after else (S.STALE if problem else kind)
        self.problem = problem
        self.loose = loose
        self.stale_output = stale_output
        self._p1 = QPointF()
        self._p2 = QPointF()
        self._path: QPainterPath | None = None
        self._shape: QPainterPath | None = None
        self._rect = QRectF()
        self._hover = False
        self.value = ""           # the value label ("" none)
        self._label_rect = QRectF()
        # Stale wires above sound ones: a broken wire must not hide under a bundle.
        self.setZValue(-0.5 if problem else -1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        if problem:
            self.setToolTip(problem)
        self.update_ends()

    @property
    def stale(self) -> bool:
        return bool(self.problem)

    @property
    def key(self) -> tuple[str, str]:
        """(target task id, input name) or (target task id, "after:" + upstream id)."""
        if self.after:
            return self.target.key, "after:" + self.source.key
        if self.part:
            return self.target.key, f"{self.target_port}#{self.part}"
        return self.target.key, self.target_port

    @property
    def link(self) -> tuple[str, str]:
        """What deleting the wire removes: (task id, input name) or the ``.after()``."""
        return self.key if self.after else (self.target.key, self.target_port)

    def update_ends(self) -> None:
        if self.after:
            p1, p2 = self.source.after_out_pos(), self.target.after_in_pos()
        else:
            p1 = self.source.output_pos(self.source_port) or self.source.after_out_pos()
            p2 = self.target.input_pos(self.target_port) or self.target.after_in_pos()
        if p1 == self._p1 and p2 == self._p2:
            return
        self._p1, self._p2 = p1, p2
        dx = reach(p1, p2)
        left, right = min(p1.x(), p2.x() - dx), max(p2.x(), p1.x() + dx)
        self._rect = QRectF(left, min(p1.y(), p2.y()), right - left,
                            abs(p2.y() - p1.y())).adjusted(-4, -4, 4, 4)
        self._path = None
        self._shape = None
        self._place_label()
        self._sync_bounds()

    def _sync_bounds(self) -> None:
        """The item rect (= bounding rect) from the curve's and the label's; setRect
        prepares the geometry change and repaints the old and new areas (at the overview,
        the overview's line: see canvas/overview.py)."""
        old = self.rect()
        rect = (self._rect if self._label_rect.isEmpty()
                else self._rect.united(self._label_rect.adjusted(-1, -1, 1, 1)))
        if rect == old:
            self.update()   # same box, other curve (setRect would not repaint)
        else:
            self.setRect(rect)
        overview = overview_of(self.scene())
        if overview is not None:
            overview.changed(self, old)

    # No itemChange: Qt would call into Python (and convert an enum) about eight times
    # per wire while a file opens. The scene tells the overview when a wire comes or goes
    # and when the selection changes; ``set_shown`` when a gesture hides one.

    def set_shown(self, shown: bool) -> None:
        """Show or hide the wire (a wire gesture picks it up), its overview line too."""
        self.setVisible(shown)
        overview = overview_of(self.scene())
        if overview is not None:
            overview.changed(self)

    def set_value(self, value: str) -> None:
        """Show ``value`` on the wire ("" hides it): what its input gets in this run."""
        value = _label_text(value)
        if value == self.value:
            return
        self.value = value
        self._place_label()
        self._sync_bounds()
        self.update()   # a new text in the same place

    def _place_label(self) -> None:
        if not self.value:
            self._label_rect = QRectF()
            return
        metrics = QFontMetricsF(S.small_font())
        w = metrics.horizontalAdvance(self.value) + 2 * LABEL_PAD
        h = metrics.height() + 2
        # On the curve, three quarters of the way: near the input it feeds, clear of it.
        centre = bezier(self._p1, self._p2).pointAtPercent(0.75)
        self._label_rect = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)

    @property
    def label_rect(self) -> QRectF:
        """Where the value label is, in scene coordinates (empty: none)."""
        return QRectF(self._label_rect)

    def path(self) -> QPainterPath:
        if self._path is None:
            self._path = bezier(self._p1, self._p2)
        return self._path

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        t = S.theme
        normal, hover, thin, selected = t.wire_pens(self.kind)   # cached per theme and kind
        if lod < S.LOD_SIMPLE:   # the overview: a straight thin line (no brush for a line)
            painter.setPen(t.selected_thin if self.isSelected() else thin)
            painter.drawLine(self._p1, self._p2)
            return
        if self.isSelected():
            pen = selected
        else:
            pen = hover if self._hover else normal
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self.path())
        if self.value:
            self._paint_label(painter, t)

    def _paint_label(self, painter: QPainter, t: S.CanvasTheme) -> None:
        colour = t.wire_pens(self.kind)[0].color()
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(QBrush(t.node_brush))
        painter.drawRoundedRect(self._label_rect, 4, 4)
        painter.setPen(t.label_pen)
        painter.setFont(S.small_font())
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.value)

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()


LABEL_PAD = 5.0
LABEL_LIMIT = 24   # characters of a value shown on a wire (the panel shows it whole)


def _label_text(value: str) -> str:
    value = " ".join(value.split()) if "\n" in value else value
    return value if len(value) <= LABEL_LIMIT else value[: LABEL_LIMIT - 1] + "…"


class StubWire(WireItem):
    """A stale wire whose source node is gone (a deleted parameter or task): a short
    dashed stub left of its input, ending in a hollow circle named after the source."""

    def __init__(self, target: NodeItem, target_port: str, problem: str, source_key: str,
                 label: str, loose: str = "source"):
        self.source_key = source_key
        self._label = QStaticText(label)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label_w = S.text_width("small", label)
        self._label_pos = QPointF()
        super().__init__(None, "", target, target_port, problem=problem, loose=loose)

    def update_ends(self) -> None:
        p2 = self.target.input_pos(self.target_port) or self.target.after_in_pos()
        p1 = QPointF(p2.x() - S.STUB_LEN, p2.y())
        if p1 == self._p1 and p2 == self._p2:
            return
        self._p1, self._p2 = p1, p2
        self._path = QPainterPath(p1)
        self._path.lineTo(p2)
        self._shape = None
        text_h = S.metrics("small").height()
        self._label_pos = QPointF(p1.x() - self._label_w / 2, p1.y() - STUB_END_R - text_h - 1)
        end = QRectF(p1.x() - STUB_END_R, p1.y() - STUB_END_R, S.STUB_LEN + STUB_END_R,
                     2 * STUB_END_R)
        text = QRectF(self._label_pos.x(), self._label_pos.y(), self._label_w, text_h)
        self._rect = end.united(text).adjusted(-4, -4, 4, 4)
        self._sync_bounds()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < S.LOD_SIMPLE:
            return
        t = S.theme
        painter.setPen(t.stale_port_pen)
        painter.setBrush(t.node_brush)
        painter.drawEllipse(self._p1, STUB_END_R, STUB_END_R)
        if lod >= 0.6:
            painter.setPen(t.stale_pen)
            painter.setFont(S.small_font())
            painter.drawStaticText(self._label_pos, self._label)


class RubberWire(QGraphicsItem):
    """The live wire that follows the mouse while connecting."""

    def __init__(self, fixed: QPointF, fixed_is_output: bool, colour: QColor):
        super().__init__()
        self._fixed = fixed
        self._out = fixed_is_output
        self._free = fixed
        self.colour = colour
        self.refused = False
        self._rect = QRectF()
        self.setZValue(10)
        self._recompute()

    def set_free_end(self, pos: QPointF) -> None:
        self.prepareGeometryChange()
        self._free = pos
        self._recompute()

    def _recompute(self) -> None:
        p1, p2 = self._ends()
        dx = reach(p1, p2)
        left, right = min(p1.x(), p2.x() - dx), max(p2.x(), p1.x() + dx)
        self._rect = QRectF(left, min(p1.y(), p2.y()), right - left,
                            abs(p2.y() - p1.y())).adjusted(-4, -4, 4, 4)

    def _ends(self) -> tuple[QPointF, QPointF]:
        return (self._fixed, self._free) if self._out else (self._free, self._fixed)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pen = QPen(S.theme.refused if self.refused else self.colour, 2.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(bezier(*self._ends()))
