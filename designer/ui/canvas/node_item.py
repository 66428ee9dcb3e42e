"""Node items: one QGraphicsItem per task or parameter that paints its own title and ports.

No child items (the measured fast path): ports are geometry inside the node,
hit-tested by ``port_at``; labels are cached ``QStaticText``. Only node items
send geometry changes, and a move re-paths just the node's own wires.
Items never change the document: the scene and editor turn gestures into commands.

Arguments the signature no longer has a port for (issue #5) get *stale* rows after
the real ones: an input renamed away (``stale_inputs``, from the task's arguments)
and an output other tasks still read (``stale_outputs``, set by the scene from its
wires). Their paint geometry is computed with the layout, not per paint.
"""
from __future__ import annotations

import html
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from PySide6.QtCore import QCoreApplication, QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem,
                               QWidget)

from designer.ir import (
    Argument,
    Component,
    Constant,
    OutputRef,
    ParamRef,
    PipelineParam,
    Task,
)
from designer.ir import port_types
from designer.ir.model import Concat, LoopItem
from designer.ir.port_types import PortType
from designer.ir.templates import expression_text
from designer.model import node_geometry as geometry
from designer.model.library import signature_text
from designer.model.rules import PARAM_PREFIX
from designer.ui import style as S
from designer.ui.canvas import stale_links
from designer.ui.panes.task_settings import settings_summary
from designer.ui.run.states import state_label

if TYPE_CHECKING:
    from designer.ui.canvas.wire_item import WireItem

class NodeTexts(QObject):
    """The translation context of node texts with a count (``NodeTexts.tr(text, "", n)``:
    lupdate reads plural forms only from tr()); other node texts use "NodeItem"."""


# Highlight states of a port while a wire is being drawn.
OK, HOVER, BAD = 1, 2, 3


def _static(text: str) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    return st


# Port labels, values and subtitles repeat from node to node ("number", "Output", a
# component's name): one QStaticText each, shared (nothing changes one once made), so a big
# pipeline makes a few of them instead of five per node, and each lays out its glyphs once.
_shared_static = lru_cache(maxsize=4096)(_static)


def _elide(text: str, which: str, width: float, text_w: float | None = None) -> str:
    """``text`` elided in the middle to ``width``; ``text_w``, its width when known, spares
    Qt the layout of a text that fits (unless it holds U+009C, Qt's separator of length
    variants: Qt then picks a variant)."""
    if text_w is not None and text_w <= width and "\x9c" not in text:
        return text
    return S.metrics(which).elidedText(text, Qt.TextElideMode.ElideMiddle, width)


@lru_cache(maxsize=1024)
def _header_path(width: float, height: float) -> QPainterPath:
    """A node header's outline (rounded top corners), shared by the nodes of one size (most
    nodes of a big pipeline have the same few): nothing changes one once made."""
    path = QPainterPath()
    r = S.CORNER
    path.moveTo(0, height)
    path.lineTo(0, r)
    path.arcTo(0, 0, 2 * r, 2 * r, 180, -90)
    path.lineTo(width - r, 0)
    path.arcTo(width - 2 * r, 0, 2 * r, 2 * r, 90, -90)
    path.lineTo(width, height)
    path.closeSubpath()
    return path


def _clear_tooltip(item: QGraphicsItem) -> None:
    """No tooltip until the next hover builds one; a Qt call only when there is one (a
    setToolTip is two itemChange calls, and a new node has none)."""
    if item.toolTip():
        item.setToolTip("")


_GLYPH: QPainterPath | None = None


def warning_glyph() -> QPainterPath:
    """A warning triangle with a see-through "!" (11 x 10, top-left at 0, 0), built once."""
    global _GLYPH
    if _GLYPH is None:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        path.moveTo(5.5, 0.0)
        path.lineTo(11.0, 10.0)
        path.lineTo(0.0, 10.0)
        path.closeSubpath()
        path.addRect(QRectF(4.8, 3.0, 1.4, 4.0))
        path.addRect(QRectF(4.8, 7.8, 1.4, 1.4))
        _GLYPH = path
    return _GLYPH


_GEAR: QPainterPath | None = None
BADGE = 12.0   # the settings badge's size: a gear in the header's right end


def gear_glyph() -> QPainterPath:
    """A gear with eight teeth and a hole (BADGE x BADGE, top-left at 0, 0), built once."""
    global _GEAR
    if _GEAR is None:
        import math
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        c, outer, inner = BADGE / 2, BADGE / 2, BADGE / 2 - 2.2
        points = []
        for i in range(32):   # 8 teeth: 2 steps out, 2 steps in
            angle = 2 * math.pi * i / 32
            radius = outer if i % 4 < 2 else inner
            points.append(QPointF(c + radius * math.cos(angle), c + radius * math.sin(angle)))
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
        path.closeSubpath()
        path.addEllipse(QPointF(c, c), 1.9, 1.9)
        _GEAR = path
    return _GEAR


_PAGE: QPainterPath | None = None


def page_glyph() -> QPainterPath:
    """An artifact port: a page with its top-right corner folded, centred on 0, 0 (as tall
    as a value port's circle is wide, a little narrower), built once."""
    global _PAGE
    if _PAGE is None:
        w, h, fold = S.PORT_R * 1.7, S.PORT_R * 2.1, S.PORT_R * 0.75
        left, top = -w / 2, -h / 2
        path = QPainterPath()
        path.moveTo(left, top)
        path.lineTo(left + w - fold, top)
        path.lineTo(left + w, top + fold)
        path.lineTo(left + w, top + h)
        path.lineTo(left, top + h)
        path.closeSubpath()
        path.moveTo(left + w - fold, top)   # the fold's crease
        path.lineTo(left + w - fold, top + fold)
        path.lineTo(left + w, top + fold)
        _PAGE = path
    return _PAGE


class StaleRow(NamedTuple):
    """Where a stale row paints (node coordinates), computed once per layout."""
    port: "Port"
    band: QRectF          # faint tint behind the row, this side's half of the node
    glyph: QPainterPath   # the warning triangle, placed
    label: QPointF        # top-left of the label text
    strike: QLineF        # through the label
    value: QPointF | None  # top-left of a constant's value text


class Port:
    """One port of a node: where it is, how it looks, what its tooltip says."""
    __slots__ = ("name", "annotation", "output", "y", "kind", "label", "label_w", "value",
                 "value_w", "state", "extra", "ptype", "colour_key")

    def __init__(self, name: str, annotation: str | None, output: bool, y: float,
                 label: str, state: str = "", value: str = "", extra: str = "",
                 ptype: PortType | None = None):
        self.name = name
        self.annotation = annotation
        self.output = output
        self.y = y
        # A value or an artifact, and its type (``ir.port_types``): decides what may connect,
        # the port's shape (artifacts are drawn as a page, values as a circle) and colour.
        self.ptype = ptype if ptype is not None else PortType(False, annotation)
        self.colour_key = port_types.colour_key(self.ptype)
        # Its colour comes from the current theme; stale and broken ports are drawn in the
        # error colour (``ptype`` stays: it still decides what may connect).
        self.kind = S.STALE if state in ("stale", "broken") else self.colour_key
        self.label = _shared_static(label)
        self.label_w = S.text_width("label", label)
        # "", "connected", "missing" (required, no value), "value" (a constant), "broken"
        # (wired to a source that no longer exists) or "stale" (a row for a port the
        # signature no longer has: ``extra`` says what is wrong and what to do).
        self.state = state
        self.value = _shared_static(value) if value else None
        self.value_w = S.text_width("label", value) if value else 0.0
        self.extra = extra

    @property
    def colour(self) -> QColor:
        """Its type's colour (also for a broken port: a wire drawn from it is typed)."""
        return S.theme.kind_colour(self.colour_key)

    @property
    def tooltip(self) -> str:
        """Built on demand: most ports are never hovered."""
        if self.state == "stale":
            role = (QCoreApplication.translate("NodeItem", "no longer an output") if self.output
                    else QCoreApplication.translate("NodeItem", "no longer an input"))
            return (f"<b>{html.escape(self.name, quote=False)}</b> — <span style='color:"
                    f"{S.theme.missing_text.name()}'>⚠ {role}</span><br>"
                    f"{html.escape(self.extra, quote=False)}")
        return _port_tooltip(self.name, self.annotation, self.output, self.extra, self.ptype)


# Nodes are cached as device pixmaps (a moved node is blitted, not painted in Python),
# except at the overview (the scene's ``node_cache``, set by its view); every visual
# change goes through update(), which drops the pixmap.
NODE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_PEN = QPen(Qt.PenStyle.NoPen)   # objects, not enums: an enum argument costs a look-up
# Movable and selectable; no ItemSendsGeometryChanges and no itemChange: Qt would call
# into Python (converting an enum) about eight times per node while a file opens. The scene
# calls ``moved`` after it or a drag moves a node.
_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
          | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)


class NodeItem(QGraphicsRectItem):
    """A box with a header and ports; subclasses fill ``inputs``/``outputs``.

    A rect item only so that Qt knows its bounding rect and shape in C++: a Python
    ``boundingRect`` is called twice per item per frame (8,000 calls a frame at the
    overview of 2,000 tasks). The item rect *is* the bounding rect (the box plus the
    ports' overhang), drawn with no pen; ``_rect`` is the box, set through a property.
    """

    is_param = False   # picks the theme's NodeLook (task or parameter)

    def __init__(self, key: str):
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)   # no pen: the bounding rect is the item rect
        self.key = key
        self.inputs: list[Port] = []
        self.outputs: list[Port] = []
        # Stale rows are rare: empty tuples (shared, untracked by the GC) until there are some.
        self.stale_inputs: Sequence[Port] = ()     # after ``inputs``; never drop targets
        self.stale_outputs: Sequence[Port] = ()    # after ``outputs``
        self._stale_out_names: tuple[str, ...] = ()
        self._stale_rows: Sequence[StaleRow] = ()
        self._title_text, self._subtitle_text, self._min_width = "", None, S.MIN_WIDTH
        self.wires: list["WireItem"] = []      # every wire touching this node
        self.highlight: dict[tuple[bool, str], int] = {}
        self._title = _shared_static("")
        self._subtitle: QStaticText | None = None
        self._header_h = S.HEADER_H
        self._header_only = False
        self._cross = False
        self._tip_port: Port | None = None
        self._rect = QRectF(0, 0, S.MIN_WIDTH, S.HEADER_H)
        self._header_path = _header_path(S.MIN_WIDTH, S.HEADER_H)
        self._tooltip = ""
        self.run_state = ""                       # a local run's state (run/session.py)
        self.run_outputs: dict[str, str] = {}     # output name -> value of that run
        self.run_detail = ""                      # why it failed or was skipped
        self.breakpoint = False                   # a run pauses before this task
        self.settings_lines: list[str] = []       # run settings (badge, its tooltip)
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)

    # --- geometry -------------------------------------------------------------------------

    def _set_shape(self, title: str, subtitle: str | None, inputs: list[Port],
                   outputs: list[Port], header_only: bool = False,
                   min_width: float = S.MIN_WIDTH, stale_inputs: list[Port] = ()) -> None:
        """Lay out header and rows; ports get their final y here.

        ``header_only`` nodes (parameters) are just the header, their one output on its edge.
        """
        self._title_text, self._subtitle_text, self._min_width = title, subtitle, min_width
        self._header_only = header_only
        self.inputs, self.outputs, self.stale_inputs = inputs, outputs, tuple(stale_inputs)
        self._layout()

    def set_stale_outputs(self, names: tuple[str, ...]) -> bool:
        """Outputs the component lost that wires still read (the scene knows them from its
        wires); True if that changed the rows (the caller re-ends this node's wires)."""
        if names == self._stale_out_names:
            return False
        self._stale_out_names = names
        self._layout()
        return True

    def stale_output_text(self, name: str) -> str:
        return stale_links.gone_output(name, self.key)

    def _layout(self) -> None:
        title, subtitle, min_width = self._title_text, self._subtitle_text, self._min_width
        inputs, outputs, stale_in = self.inputs, self.outputs, self.stale_inputs
        header_only = self._header_only
        stale_out: Sequence[Port] = ()
        if self._stale_out_names:
            real = {p.name for p in outputs}
            stale_out = tuple(Port(n, None, True, 0.0, n, "stale",
                                   extra=self.stale_output_text(n))
                              for n in self._stale_out_names if n not in real)
        title_w = S.text_width("title", title)
        sub_w = S.text_width("small", subtitle) if subtitle else 0.0
        in_w = max((p.label_w + self._value_w(p) for p in inputs), default=0.0)
        out_w = max((p.label_w for p in outputs), default=0.0)
        if stale_in or stale_out:
            in_w = max([in_w] + [S.GLYPH_W + p.label_w + self._value_w(p) for p in stale_in])
            out_w = max([out_w] + [S.GLYPH_W + p.label_w for p in stale_out])
        # The rules are model.node_geometry's, shared with the Qt-free layout of new files.
        rows = max(len(inputs) + len(stale_in), len(outputs) + len(stale_out), 1)
        width, self._header_h, height = geometry.box(title_w, sub_w, in_w, out_w,
                                                     bool(subtitle), rows, header_only, min_width)
        for side, stale in ((inputs, stale_in), (outputs, stale_out)):
            for i, p in enumerate((*side, *stale)):
                p.y = geometry.port_y(self._header_h, i, header_only)
        if self._rect.width() != width or self._rect.height() != height:
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, width, height)
        badge = BADGE + 6 if self.settings_lines else 0.0
        self._title = _static(_elide(title, "title", width - 2 * S.LABEL_PAD - badge, title_w))
        self._subtitle = _shared_static(subtitle) if subtitle else None
        self.stale_outputs = stale_out
        self._stale_rows = (tuple(self._stale_row(p, width) for p in (*stale_in, *stale_out))
                            if stale_in or stale_out else ())
        self._tip_port = None
        _clear_tooltip(self)
        self._header_path = _header_path(width, self._header_h)
        self.update()

    def _stale_row(self, port: Port, width: float) -> StaleRow:
        """Paint geometry of a stale row: port, warning glyph, struck-through name (outputs
        mirrored), in this side's half of the node."""
        label_h = S.metrics("label").height()
        top = port.y - label_h / 2
        half = width / 2
        if port.output:
            band = QRectF(half, port.y - S.ROW_H / 2 + 1, half - 1, S.ROW_H - 2)
            label_x = width - S.LABEL_PAD - port.label_w
            glyph_x = label_x - S.GLYPH_W
        else:
            band = QRectF(1, port.y - S.ROW_H / 2 + 1, half - 1, S.ROW_H - 2)
            glyph_x = S.LABEL_PAD - 2
            label_x = glyph_x + S.GLYPH_W
        strike_y = port.y + 0.5
        value = (QPointF(label_x + port.label_w + 6, top) if port.value is not None else None)
        return StaleRow(port, band, warning_glyph().translated(glyph_x, port.y - 5.5),
                        QPointF(label_x, top),
                        QLineF(label_x - 1, strike_y, label_x + port.label_w + 1, strike_y),
                        value)

    @staticmethod
    def _value_w(p: Port) -> float:
        return (p.value_w + geometry.VALUE_GAP) if p.value is not None else 0.0

    @property
    def _rect(self) -> QRectF:
        """The box (node coordinates): header and rows, without the ports' overhang."""
        return self._box

    @_rect.setter
    def _rect(self, box: QRectF) -> None:
        self._box = box
        m = S.PORT_R + 3
        # The bounding rect and shape (a rect path): Qt's own, no Python call per frame.
        self.setRect(box.adjusted(-m, -2, m, 2))

    @property
    def size(self) -> tuple[float, float]:
        return self._rect.width(), self._rect.height()

    # Called for every wire end on every move step: real ports first, no tuple per call.
    def input_pos(self, name: str) -> QPointF | None:
        for port in self.inputs:
            if port.name == name:
                p = self.pos()
                return QPointF(p.x(), p.y() + port.y)
        for port in self.stale_inputs:
            if port.name == name:
                p = self.pos()
                return QPointF(p.x(), p.y() + port.y)
        return None

    def output_pos(self, name: str) -> QPointF | None:
        for port in self.outputs:
            if port.name == name:
                p = self.pos()
                return QPointF(p.x() + self._rect.width(), p.y() + port.y)
        for port in self.stale_outputs:
            if port.name == name:
                p = self.pos()
                return QPointF(p.x() + self._rect.width(), p.y() + port.y)
        return None

    def stale_port(self, output: bool, name: str) -> Port | None:
        return next((p for p in (self.stale_outputs if output else self.stale_inputs)
                     if p.name == name), None)

    def port_offsets(self) -> tuple[dict[str, float], dict[str, float]]:
        return ({p.name: p.y for p in (*self.inputs, *self.stale_inputs)},
                {p.name: p.y for p in (*self.outputs, *self.stale_outputs)})

    def after_out_pos(self) -> QPointF:
        return self.pos() + QPointF(self._rect.width(), self._header_h / 2)

    def after_in_pos(self) -> QPointF:
        return self.pos() + QPointF(0, self._header_h / 2)

    def port_at(self, local: QPointF, tolerance: float = S.PORT_HIT) -> Port | None:
        """The port whose circle (or label row) is under ``local``."""
        x, y = local.x(), local.y()
        w = self._rect.width()
        best, best_d = None, tolerance * tolerance
        for ports, edge in ((self.inputs, 0.0), (self.stale_inputs, 0.0), (self.outputs, w),
                            (self.stale_outputs, w)):
            for port in ports:
                d = (x - edge) ** 2 + (y - port.y) ** 2
                if d <= best_d:
                    best, best_d = port, d
        return best

    def row_port_at(self, local: QPointF) -> Port | None:
        """The port whose row (the whole half-width line) contains ``local``: easier drops."""
        y = local.y()
        half = S.ROW_H / 2
        left = local.x() < self._rect.width() / 2
        for ports in ((self.inputs, self.stale_inputs) if left
                      else (self.outputs, self.stale_outputs)):
            for port in ports:
                if abs(y - port.y) <= half:
                    return port
        return None

    # --- behaviour --------------------------------------------------------------------------

    def moved(self) -> None:
        """The node was moved (a drag step, the layout): its wires and the frames around it
        follow."""
        for wire in self.wires:
            wire.update_ends()
        scene = self.scene()
        if scene is not None and getattr(scene, "frames", None):
            scene.fit_frames(self.key)

    def badge_rect(self) -> QRectF | None:
        """Where the settings badge is (node coordinates); None without settings."""
        if not self.settings_lines:
            return None
        return QRectF(self._rect.width() - BADGE - 16, (S.HEADER_H - BADGE) / 2, BADGE, BADGE)

    def badge_tooltip(self) -> str:
        esc = lambda t: html.escape(t, quote=False)  # noqa: E731
        return ("<b>" + esc(QCoreApplication.translate("NodeItem", "Run settings")) + "</b><br>"
                + "<br>".join(esc(line) for line in self.settings_lines))

    def hoverMoveEvent(self, event) -> None:
        pos = event.pos()
        circle = self.port_at(pos, S.PORT_HIT + 2)
        port = circle or self.row_port_at(pos)
        badge = self.badge_rect()
        tip = port if port is not None else (
            "badge" if badge is not None and badge.adjusted(-2, -2, 2, 2).contains(pos) else None)
        if tip is not self._tip_port or not self.toolTip():  # rebuilt only on change
            self._tip_port = tip
            self.setToolTip(port.tooltip if port is not None else
                            self.badge_tooltip() if tip == "badge" else self.node_tooltip())
        on_port = circle is not None
        if on_port != self._cross:  # only touch the cursor when it changes
            self._cross = on_port
            if on_port:
                self.setCursor(Qt.CursorShape.CrossCursor)
            else:
                self.unsetCursor()
        super().hoverMoveEvent(event)

    def node_tooltip(self) -> str:
        return self._tooltip

    def set_run_state(self, state: str, detail: str = "") -> None:
        """Colour the node by a run state (``style.RUN_STATE_COLOURS``; "" for none);
        ``detail`` (an error, a skip reason) goes in the node's tooltip."""
        self.run_detail = detail
        _clear_tooltip(self)  # rebuilt on the next hover
        if state != self.run_state:
            self.run_state = state
            self.update()

    def set_output_values(self, values: dict[str, str]) -> None:
        """Values a run produced, shown in the output ports' tooltips."""
        self.run_outputs = dict(values)
        self._apply_run_outputs()
        _clear_tooltip(self)  # rebuilt on the next hover

    def _apply_run_outputs(self) -> None:
        for port in self.outputs:
            value = self.run_outputs.get(port.name)
            port.extra = "" if value is None else QCoreApplication.translate(
                "NodeItem", "last run: {value}").format(value=_short(value, 200))

    def set_breakpoint(self, on: bool) -> None:
        if on != self.breakpoint:
            self.breakpoint = on
            self.update()

    def set_highlight(self, states: dict[tuple[bool, str], int]) -> None:
        if states != self.highlight:
            self.highlight = states
            self.update()

    # --- painting ---------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        # Pens and brushes come ready-made from the theme: nothing is built per paint.
        t = S.theme
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < S.LOD_SIMPLE:   # the overview: every node on screen, keep it lean
            self._paint_simple(painter, t)
            return
        look = t.param if self.is_param else t.task
        rect = self._rect
        selected = self.isSelected()
        border = t.selected_pen if selected else look.border
        painter.setPen(border)
        painter.setBrush(t.node_brush)
        painter.drawRoundedRect(rect, S.CORNER, S.CORNER)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.header)
        if self._header_only:
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), S.CORNER, S.CORNER)
        else:
            painter.drawPath(self._header_path)
            painter.setPen(look.border)
            painter.drawLine(QPointF(0.5, self._header_h),
                             QPointF(rect.width() - 0.5, self._header_h))
        run = t.run.get(self.run_state)
        if run is not None:
            self._paint_run_state(painter, run)
        if selected:  # redraw the outline over the header fill
            painter.setPen(border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, S.CORNER, S.CORNER)
        painter.setPen(t.title_pen)
        painter.setFont(S.title_font())
        title_h = S.metrics("title").height()
        painter.drawStaticText(QPointF(S.LABEL_PAD, (S.HEADER_H - title_h) / 2), self._title)
        if self._subtitle is not None:
            painter.setPen(look.subtitle)
            painter.setFont(S.small_font())
            painter.drawStaticText(QPointF(S.LABEL_PAD, S.HEADER_H - 7), self._subtitle)
        badge = self.badge_rect()
        if badge is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.subtitle.color())
            painter.drawPath(gear_glyph().translated(badge.topLeft()))
        self._paint_ports(painter, t, labels=lod >= 0.6)  # ports without labels when small
        if self.breakpoint:   # a red dot on the header's left edge, as in a debugger's gutter
            painter.setPen(_BREAKPOINT_PEN)
            painter.setBrush(_BREAKPOINT_BRUSH)
            painter.drawEllipse(QPointF(0.0, S.HEADER_H / 2), BREAKPOINT_R, BREAKPOINT_R)

    def _paint_simple(self, painter: QPainter, t: S.CanvasTheme) -> None:
        """The overview (too small to read): a box in the run state's or the kind's colour,
        outlined when selected."""
        painter.setPen(t.selected_thin if self.isSelected() else _NO_PEN)
        run = t.run.get(self.run_state) if self.run_state else None
        painter.setBrush(run.fill if run is not None
                         else (t.param if self.is_param else t.task).simple)
        painter.drawRect(self._box)

    def _paint_run_state(self, painter: QPainter, run: S.RunLook) -> None:
        """Header tinted and outline drawn in the state's colour, a dot at the right."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(run.tint)
        painter.drawPath(self._header_path)
        painter.setPen(run.outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self._rect.adjusted(-0.5, -0.5, 0.5, 0.5), S.CORNER, S.CORNER)
        painter.setPen(run.dot_pen)
        painter.setBrush(run.dot_brush)
        painter.drawEllipse(QPointF(self._rect.width() - 7.5, 7.5), 4.0, 4.0)

    def _paint_ports(self, painter: QPainter, t: S.CanvasTheme, labels: bool) -> None:
        w = self._rect.width()
        label_h = S.metrics("label").height()
        if labels:
            painter.setFont(S.label_font())
        for port in self.inputs:
            self._paint_port(painter, t, port, 0.0)
            if labels:
                top = port.y - label_h / 2
                painter.setPen(t.missing_pen if port.state == "missing" else t.label_pen)
                painter.drawStaticText(QPointF(S.LABEL_PAD, top), port.label)
                if port.value is not None:
                    painter.setPen(t.value_pen)
                    painter.drawStaticText(QPointF(S.LABEL_PAD + port.label_w + 6, top),
                                           port.value)
        for port in self.outputs:
            self._paint_port(painter, t, port, w)
            if labels:
                painter.setPen(t.label_pen)
                painter.drawStaticText(QPointF(w - S.LABEL_PAD - port.label_w,
                                               port.y - label_h / 2), port.label)
        if self._stale_rows:
            self._paint_stale_rows(painter, t, labels)

    def _paint_stale_rows(self, painter: QPainter, t: S.CanvasTheme, labels: bool) -> None:
        """Tinted row, hollow error-coloured port, ⚠ and the struck-through name."""
        w = self._rect.width()
        for row in self._stale_rows:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.stale_band)
            painter.drawRect(row.band)
            self._paint_port(painter, t, row.port, w if row.port.output else 0.0)
            if labels:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(t.stale_brush)
                painter.drawPath(row.glyph)
                painter.setPen(t.stale_pen)
                painter.drawStaticText(row.label, row.port.label)
                painter.drawLine(row.strike)
                if row.value is not None:
                    painter.setPen(t.value_pen)
                    painter.drawStaticText(row.value, row.port.value)

    def _paint_port(self, painter: QPainter, t: S.CanvasTheme, port: Port, x: float) -> None:
        centre = QPointF(x, port.y)
        state = self.highlight.get((port.output, port.name))
        if state in (OK, HOVER):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.highlight_brush)
            r = S.PORT_R + (7 if state == HOVER else 4)
            painter.drawEllipse(centre, r, r)
        elif state == BAD:
            painter.setPen(t.refused_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, S.PORT_R + 4, S.PORT_R + 4)
        pen, fill = t.port_pens(port.kind)   # S.STALE: hollow, in the error colour
        filled = port.output or port.state in ("connected", "value")
        painter.setPen(pen)
        painter.setBrush(fill if filled else t.node_brush)
        if port.ptype.artifact:   # a page with a folded corner: a file, not a value
            painter.drawPath(page_glyph().translated(x, port.y))
        else:
            painter.drawEllipse(centre, S.PORT_R, S.PORT_R)


BREAKPOINT_R = 5.0
_BREAKPOINT_PEN = QPen(S.BREAKPOINT_COLOUR.darker(140), 1.2)
_BREAKPOINT_BRUSH = QBrush(S.BREAKPOINT_COLOUR)


def _port_tooltip(name: str, annotation: str | None, output: bool, extra: str = "",
                  ptype: PortType | None = None) -> str:
    role = (QCoreApplication.translate("NodeItem", "output") if output
            else QCoreApplication.translate("NodeItem", "input"))
    if ptype is not None and ptype.artifact:
        # An artifact: its type name first (what decides the wiring), then how it was written.
        what = (QCoreApplication.translate("NodeItem", "untyped file (takes any type)")
                if ptype.loose else
                QCoreApplication.translate("NodeItem", "{type} artifact").format(type=ptype.label))
        colour = S.theme.kind_colour(port_types.colour_key(ptype)).name()
        text = f"<b>{html.escape(name)}</b> — {role}, <span style='color:{colour}'>▯</span> " \
               f"{html.escape(what, quote=False)}"
        if annotation:
            text += f" <code>{html.escape(annotation, quote=False)}</code>"
        return text + (f"<br>{html.escape(extra, quote=False)}" if extra else "")
    kind = S.kind_key(annotation)
    typ = html.escape(annotation or QCoreApplication.translate("NodeItem", "any type (untyped)"),
                      quote=False)
    text = f"<b>{name}</b> — {role}, <span style='color:{S.type_colour(annotation).name()}'>" \
           f"■</span> {typ}"
    if kind not in ("any", S.kind_key(annotation)) or (annotation and kind != annotation):
        text += f" ({html.escape(kind, quote=False)})" if kind != "any" else ""
    return text + (f"<br>{html.escape(extra, quote=False)}" if extra else "")


class TaskNode(NodeItem):
    """A task: title is the task name, the component name under it when they differ."""

    _comp_name = "?"

    def set_task(self, task: Task, comp: Component | None, task_names: dict[str, str],
                 source_problem: Callable[[Argument], str] | None = None) -> None:
        """Rows from the component's signature, then stale rows for arguments it has no
        input for; ``source_problem`` says why a wire's source no longer exists ("" if
        it does), so its input is drawn broken."""
        sig = comp.signature if comp else None
        translate = QCoreApplication.translate
        comp_name = comp.name if comp else translate("NodeItem", "(missing component)")
        problem = source_problem or _no_problem
        inputs: list[Port] = []
        matched = 0   # arguments that have their input (the rest get stale rows)
        for spec in (sig.inputs if sig else ()):
            arg = task.arguments.get(spec.name)
            matched += arg is not None
            value, extra = "", ""
            broken = problem(arg) if isinstance(arg, (ParamRef, OutputRef)) else ""
            if isinstance(arg, Constant):
                state, value = "value", geometry.value_text(arg.value)
                extra = translate("NodeItem", "value {value}").format(value=repr(arg.value))
            elif broken:
                state, extra = "broken", stale_links.broken_source(spec.name, broken)
            elif isinstance(arg, ParamRef):
                state = "connected"
                extra = translate("NodeItem", "from parameter {name}").format(name=arg.name)
            elif isinstance(arg, OutputRef):
                state = "connected"
                extra = translate("NodeItem", "from {source}").format(
                    source=f"{task_names.get(arg.task_id, '?')}.{arg.output}")
            elif isinstance(arg, LoopItem):
                state = "connected"
                extra = translate("NodeItem", "from the loop's current {item}").format(
                    item=".".join(("item", *arg.fields)))
            elif isinstance(arg, Concat):
                state = "connected"
                extra = translate("NodeItem", "an expression: {text}").format(
                    text=expression_text(arg, task_names))
            elif arg is not None:   # a placeholder, a concatenation... (set in Python)
                state = "connected"
                extra = translate("NodeItem", "set by an expression")
            elif spec.has_default:
                state = ""
                extra = translate("NodeItem", "optional, default {value}").format(
                    value=repr(spec.default))
            else:
                state = "missing"
                extra = translate("NodeItem", "required: connect a wire or set a value")
            ptype = port_types.of_port(spec)
            inputs.append(Port(spec.name, spec.annotation, False, 0.0,
                               geometry.port_label(spec.name, ptype), state, value, extra, ptype))
        stale: list[Port] = []
        if matched < len(task.arguments):
            for name, arg in task.arguments.items():
                if sig is not None and sig.input(name) is not None:
                    continue
                value = geometry.value_text(arg.value) if isinstance(arg, Constant) else ""
                text = stale_links.gone_input(name, comp_name, arg, problem(arg))
                stale.append(Port(name, None, False, 0.0, name, "stale", value, text))
        outputs = []
        for o in (sig.outputs if sig else ()):
            ptype = port_types.of_port(o)
            outputs.append(Port(o.name, o.annotation, True, 0.0, geometry.port_label(o.name, ptype),
                                ptype=ptype))
        subtitle = comp_name if comp_name != task.name else None
        if comp is not None and comp.kind == "pipeline":
            # A pipeline used as a component: one node, its ports the pipeline's own.
            # "tasks: N", not "N tasks": a QGraphicsItem has no tr() with plural forms.
            subtitle = translate("NodeItem", "pipeline {name} · tasks: {count}").format(
                name=comp.python_name, count=len(comp.pipeline.tasks))
        self._comp_name = comp_name
        self.settings_lines = settings_summary(task.settings)
        self._set_shape(task.name, subtitle, inputs, outputs, stale_inputs=stale)
        self._apply_run_outputs()
        self._task_name, self._sig = task.name, sig

    def stale_output_text(self, name: str) -> str:
        return stale_links.gone_output(name, self._comp_name)

    def node_tooltip(self) -> str:
        sig = self._sig
        esc = lambda t: html.escape(t, quote=False)  # noqa: E731
        text = (f"<b>{esc(self._task_name)}</b><br><code>{esc(signature_text(sig))}</code>"
                if sig else self._task_name)
        if sig and sig.docstring:
            text += f"<br>{esc(sig.docstring.splitlines()[0])}"
        stale = len(self.stale_inputs) + len(self.stale_outputs)
        if stale:
            text += (f"<br><span style='color:{S.theme.missing_text.name()}'>⚠ "
                     + NodeTexts.tr("%n stale row(s): wires or values the function's ports no "
                                    "longer match (hover them)", "", stale) + "</span>")
        if self.settings_lines:
            text += "<br>⚙ " + esc("; ".join(self.settings_lines))
        if self.run_state:
            text += "<br><i>" + QCoreApplication.translate("NodeItem", "last run: {value}").format(
                value=esc(state_label(self.run_state))) + "</i>"
            if self.run_detail:
                text += f" — {esc(_short(self.run_detail, 300))}"
        return text


class ParamNode(NodeItem):
    """A pipeline parameter: a source node with one output named after it."""

    is_param = True

    def __init__(self, name: str):
        super().__init__(PARAM_PREFIX + name)
        self.name = name

    def set_param(self, param: PipelineParam) -> None:
        self.name = param.name
        self.key = PARAM_PREFIX + param.name
        translate = QCoreApplication.translate
        label = param.annotation or translate("NodeItem", "any")
        if param.has_default:
            label += " = " + _short(repr(param.default))
        out = Port(param.name, param.annotation, True, 0.0, "",
                   ptype=port_types.of_annotation(param.annotation),
                   extra=translate("NodeItem", "pipeline parameter, default {value}").format(
                       value=repr(param.default)) if param.has_default
                   else translate("NodeItem", "pipeline parameter, required"))
        self._set_shape(param.name, translate("NodeItem", "parameter · {type}").format(type=label),
                        [], [out], header_only=True,
                        min_width=geometry.PARAM_MIN_WIDTH)
        typ = html.escape(param.annotation or translate("NodeItem", "any"), quote=False)
        self._tooltip = (
            f"<b>{param.name}</b>: "
            + (translate("NodeItem", "pipeline parameter of type {type}, default {value}").format(
                type=typ, value=html.escape(repr(param.default), quote=False))
               if param.has_default
               else translate("NodeItem", "pipeline parameter of type {type}").format(type=typ))
            + "<br>" + translate("NodeItem", "Double-click to edit."))

    def output_pos(self, name: str | None = None) -> QPointF | None:
        port = self.outputs[0]
        return self.pos() + QPointF(self._rect.width(), port.y)


def _no_problem(arg: Argument) -> str:
    return ""


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["NodeItem", "TaskNode", "ParamNode", "Port", "OK", "HOVER", "BAD"]
