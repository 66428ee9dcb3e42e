"""Control-flow groups on the canvas: a frame behind each group's member tasks.

A frame is a rounded rectangle around its members (tasks and inner frames) with a title
bar saying what the group does ("if number_1 < number_2", "for each item in [1, 2]",
"exit handler: cleanup"). The scene sizes frames from their members, innermost first,
whenever nodes move or the groups change; frames never edit the document. A loop frame
has one output port at the right end of its title bar: the loop's current item, wired
to task inputs inside the loop like any output.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from designer.ir import Constant, OutputRef, ParamRef, Pipeline
from designer.ir.groups import Group
from designer.ir.model import LoopItem
from designer.model.autolayout import FRAME_PAD, FRAME_TITLE
from designer.ui import style as S
from designer.ui.canvas.loop_badge import H as BADGE_H
from designer.ui.canvas.loop_badge import LoopBadge

translate = QCoreApplication.translate

PAD = FRAME_PAD         # around the members (auto-layout leaves room for it)
TITLE_H = FRAME_TITLE   # the title bar, above the members
EMPTY = QRectF(0, 0, 220, 70)   # a frame with no members yet (just made around nothing)
TEXT_X = 14.0       # title text inset (clear of the loop item's port)
ITEM_PORT = "item"  # the loop item's port name (LoopItem fields are shown after it)
MAX_TITLE_W = 520.0  # longer titles are elided



def operand_text(p: Pipeline, arg: Any) -> str:
    """How a condition operand or loop items read in a title: a parameter's name, a task's
    output as ``task.output``, the loop item as ``item``, a constant as written in Python."""
    if isinstance(arg, ParamRef):
        return arg.name
    if isinstance(arg, OutputRef):
        task = p.task(arg.task_id)
        return f"{task.name if task else '?'}.{arg.output}"
    if isinstance(arg, LoopItem):
        return ".".join((ITEM_PORT, *arg.fields))
    if isinstance(arg, Constant):
        value = arg.value
        if isinstance(value, str):
            return repr(value)
        try:
            return json.dumps(value)
        except (TypeError, ValueError):
            return repr(value)
    return "?"


def group_title(p: Pipeline, g: Group) -> str:
    if g.kind == "condition":
        if g.branch == "else":
            return translate("GroupFrame", "else")
        c = g.condition
        expr = (f"{operand_text(p, c.left)} {c.operator} {operand_text(p, c.right)}"
                if c is not None else "?")
        if g.branch == "elif":
            return translate("GroupFrame", "elif {condition}").format(
                condition=expr)
        return translate("GroupFrame", "if {condition}").format(condition=expr)
    if g.kind == "loop":
        text = translate("GroupFrame", "for each item in {items}").format(
            items=operand_text(p, g.items))
        if g.parallelism:
            text += translate("GroupFrame", ", {n} at a time").format(n=g.parallelism)
        return text
    if g.kind == "exit_handler":
        task = p.task(g.exit_task) if g.exit_task else None
        return translate("GroupFrame", "exit handler: {task}").format(
            task=task.name if task else "?")
    return g.kind


class GroupFrame(QGraphicsItem):
    """The frame of one group; ``set_rect`` places it (scene coordinates)."""

    def __init__(self, group_id: str):
        super().__init__()
        self.key = group_id
        self.kind = ""
        self.title = ""
        self.depth = 0
        self._rect = QRectF(EMPTY)
        self._title_w = 0.0
        self.badge: LoopBadge | None = None   # a loop's run progress, while there is one
        self._title_cache: tuple[tuple, QFont, str] | None = None   # see _title_text
        self._band: tuple[QRectF, QPainterPath] | None = None         # see _title_band
        # The exposed rect in paint(): a repaint inside the frame is a plain fill.
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptHoverEvents(True)

    def set_group(self, p: Pipeline, g: Group, depth: int) -> None:
        self.kind, self.depth = g.kind, depth
        self.title = group_title(p, g)
        font = QFont()
        font.setBold(True)
        self._title_w = float(QFontMetricsF(font).horizontalAdvance(self.title))
        self.setZValue(-20 + depth * 0.1)   # behind wires (-1) and nodes; inner above outer
        self.setToolTip(self.title)
        self.update()

    def set_rect(self, rect: QRectF) -> bool:
        """``rect``: the members' bounds; the frame adds padding and its title bar.
        True if the frame moved or changed size."""
        framed = rect.adjusted(-PAD, -PAD - TITLE_H, PAD, PAD)
        # Wide enough for the title (long loop lists are still elided).
        wanted = self.least_width()
        if framed.width() < wanted:
            framed.setWidth(wanted)
        if framed == self._rect:
            return False
        self.prepareGeometryChange()
        self._rect = framed
        self._place_badge()
        return True

    def set_progress(self, done: int, failed: int, total: int) -> None:
        """A loop's iterations in the current run ("3 of 50 done, 1 failed"); ``total``
        below 0: no run to show (the badge goes)."""
        if total < 0:
            badge, self.badge = self.badge, None
            if badge is not None:
                if badge.scene() is not None:
                    badge.scene().removeItem(badge)
                else:
                    badge.setParentItem(None)
                self.update()
            return
        if self.badge is None:
            self.badge = LoopBadge(self)
        self.badge.set_figures(done, failed, total)
        self._place_badge()
        self.update()   # the title's elision leaves room for it

    def _place_badge(self) -> None:
        if self.badge is not None:
            r = self.title_rect()
            self.badge.setPos(r.right() - 8 - self.badge.width(),
                              r.top() + (TITLE_H - BADGE_H) / 2)
    def least_width(self) -> float:
        """The frame's width with few members: its title's (at most MAX_TITLE_W)."""
        return min(self._title_w + TEXT_X + 16, MAX_TITLE_W)

    def frame_rect(self) -> QRectF:
        return QRectF(self._rect)

    def title_rect(self) -> QRectF:
        r = self._rect
        return QRectF(r.left(), r.top(), r.width(), TITLE_H)

    def item_port_pos(self) -> QPointF | None:
        """The loop item's port (scene coordinates): on the left edge of the title bar,
        where its wires run right into the inputs of the tasks below."""
        if self.kind != "loop":
            return None
        return QPointF(self._rect.left(), self._rect.top() + TITLE_H / 2)

    def item_port_at(self, pos: QPointF) -> bool:
        port = self.item_port_pos()
        return port is not None and (port - pos).manhattanLength() <= 2 * S.PORT_HIT

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-S.PORT_R - 2, -2, S.PORT_R + 2, 2)

    def shape(self) -> QPainterPath:
        # Only the border band and the title bar catch the mouse: clicks inside a frame
        # reach the canvas (rubber-band selection) and its nodes, as without frames.
        path = QPainterPath()
        path.addRect(self.boundingRect())
        inner = QPainterPath()
        inner.addRect(self._rect.adjusted(8, TITLE_H, -8, -8))
        return path.subtracted(inner)

    def accent(self) -> QColor:
        light, dark = S.GROUP_ACCENTS.get(self.kind, S.GROUP_ACCENTS["default"])
        return QColor(dark if S.theme.dark else light)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = S.theme
        accent = self.accent()
        fill = QColor(accent)
        fill.setAlpha(30 if t.dark else 22)
        bar = QColor(accent)
        bar.setAlpha(90 if t.dark else 70)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._interior().contains(option.exposedRect):
            # Only the inside is repainted (a node dragged within the frame): its tint,
            # without stroking the whole outline of a frame thousands of pixels long.
            painter.fillRect(option.exposedRect, fill)
            return
        pen = QPen(t.selected if self.isSelected() else accent, 2.5 if self.isSelected() else 1.4)
        if self.kind == "exit_handler":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self._rect, 10, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(bar))
        painter.drawPath(self._title_band())
        painter.setPen(t.label_text)
        text_rect = self.title_rect().adjusted(TEXT_X, 0, -8, 0)
        if self.badge is not None:
            text_rect.setRight(self.badge.pos().x() - 8)
        font, text = self._title_text(painter.font(), int(text_rect.width()))
        painter.setFont(font)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         text)
        port = self.item_port_pos()
        if port is not None:
            painter.setPen(QPen(t.node_bg, 1.5))
            painter.setBrush(QBrush(accent))
            painter.drawEllipse(port, S.PORT_R + 1, S.PORT_R + 1)


    def _interior(self) -> QRectF:
        """The inside: clear of the outline (rounded corners and pen), the title bar and
        the loop item's port."""
        margin = 10 + S.PORT_R + 3
        return self._rect.adjusted(margin, TITLE_H + 3, -margin, -margin)

    def _title_band(self) -> QPainterPath:
        """The title bar: a band along the top, clipped to the rounded outline (a path
        intersection, done again only when the frame's rect changed)."""
        if self._band is None or self._band[0] != self._rect:
            outline = QPainterPath()
            outline.addRoundedRect(self._rect, 10, 10)
            band = QPainterPath()
            band.addRect(self.title_rect())
            self._band = (QRectF(self._rect), outline.intersected(band))
        return self._band[1]

    def _title_text(self, base: QFont, width: int) -> tuple[QFont, str]:
        """The bold title font and the title elided to ``width``, kept between paints
        (a node dragged over a frame repaints it on every step)."""
        key = (base.key(), width, self.title)
        if self._title_cache is None or self._title_cache[0] != key:
            font = QFont(base)
            font.setBold(True)
            text = QFontMetricsF(font).elidedText(self.title, Qt.TextElideMode.ElideRight, width)
            self._title_cache = (key, font, text)
        return self._title_cache[1], self._title_cache[2]


class LoopWire(QGraphicsPathItem):
    """A wire from a loop frame's item port to a task input reading ``LoopItem``."""

    def __init__(self, frame: GroupFrame, node: Any, input_name: str):
        super().__init__()
        self.frame, self.node, self.input_name = frame, node, input_name
        self.loop = frame.key
        self.setZValue(-1)
        pen = QPen(frame.accent(), 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setToolTip(translate("GroupFrame", "The loop's current item → {input}").format(
            input=input_name))

    def update_ends(self) -> None:
        start = self.frame.item_port_pos()
        end = self.node.input_pos(self.input_name) if self.node.scene() is not None else None
        path = QPainterPath()
        if start is not None and end is not None:
            # An S like the other wires, from the port into the input.
            reach = max(30.0, abs(end.x() - start.x()) / 2)
            path.moveTo(start)
            path.cubicTo(start + QPointF(reach, 0), end - QPointF(reach, 0), end)
        self.setPath(path)


__all__ = ["GroupFrame", "LoopWire", "group_title", "operand_text", "PAD", "TITLE_H", "ITEM_PORT"]
