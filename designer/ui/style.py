"""Colours, fonts and metrics of the canvas, in one place, in a light and a dark theme.

Port and wire colours follow the type kind (``designer.ir.types.kind_of``);
the canvas draws a legend of them, and every port has a tooltip with its type.

Paint code reads the module attribute ``theme`` (a ``CanvasTheme``) and takes
ready-made pens and brushes from it: no QPen/QBrush is built and no palette is
looked up per paint call. The canvas view swaps ``theme`` when the application
palette turns dark or light (``use_theme``) and repaints.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPalette, QPen

from designer.ir import kind_of
from designer.model.node_geometry import (  # noqa: F401  (metrics shared with the layout)
    BODY_PAD, GLYPH_W, HEADER_H, LABEL_PAD, MIN_WIDTH, ROW_H, SUBTITLE_H)

# Kind -> colour: distinct hues that stay readable on white and on the grey canvas.
TYPE_COLOURS: dict[str, str] = {
    "int": "#2f6fd0",     # blue
    "float": "#0f9b9b",   # teal
    "str": "#2e9149",     # green
    "bool": "#d9822b",    # orange
    "list": "#8250c8",    # purple
    "dict": "#c8417a",    # magenta
    "any": "#7d8590",     # grey: untyped accepts anything
}
# The same hues, lighter: on the dark canvas the light set falls under 3:1 contrast.
DARK_TYPE_COLOURS: dict[str, str] = {
    "int": "#5b9cf5", "float": "#2fbcbc", "str": "#4cb868", "bool": "#eb9a4c",
    "list": "#a783ec", "dict": "#e76a9f", "any": "#9aa2ad",
}
LEGEND_ORDER = ("int", "float", "str", "bool", "list", "dict", "any")

# States of a task in a local run (run_controller.STATES): node outline and run panel icons.
# Mid-lightness hues, readable on both themes.
RUN_STATE_COLOURS: dict[str, QColor] = {
    "pending": QColor("#828b9a"), "paused": QColor("#8e5bd8"), "running": QColor("#2d7ff9"),
    "succeeded": QColor("#2e9149"), "cached": QColor("#0f9393"),
    "failed": QColor("#d64541"), "skipped": QColor("#7d838c"),
    "condition_false": QColor("#7c8528"), "cancelled": QColor("#c2701f"),
}
DARK_RUN_STATE_COLOURS: dict[str, QColor] = {
    "pending": QColor("#7d8591"), "paused": QColor("#a783ec"), "running": QColor("#4d90fa"),
    "succeeded": QColor("#3fae5e"), "cached": QColor("#23b0b0"),
    "failed": QColor("#ec5a55"), "skipped": QColor("#7a828e"),
    "condition_false": QColor("#878f34"), "cancelled": QColor("#eb9a4c"),
}

# A breakpoint's dot on a task node (a run pauses before the task).
BREAKPOINT_COLOUR = QColor("#d93a35")
# Control-flow frames by group kind, (light, dark): they tell their kind at a glance.
GROUP_ACCENTS = {"condition": ("#c7861a", "#e0a846"), "loop": ("#2f7fc1", "#5aa6e6"),
                 "exit_handler": ("#8a5cc2", "#b08de0"), "default": ("#888888", "#aaaaaa")}

# How strongly a run state tints a node's header (light, dark): enough to tell the states
# apart, little enough that the title and subtitle keep 4.5:1 on every tint.
TINT_ALPHA = (80, 85)

# Metrics (scene units = pixels at 100 %); node boxes follow model.node_geometry.
PORT_R = 5.5
PORT_HIT = 11.0
CORNER = 7.0
LOD_SIMPLE = 0.4   # below this scale nodes are drawn as plain boxes
STALE = "!stale"   # the kind of stale ports and wires (no annotation's kind starts with !)
STUB_LEN = 70.0    # a wire whose source no longer exists: how far its loose end reaches


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width)
    pen.setStyle(style)
    return pen


def _dashed(colour: QColor, width: float) -> QPen:
    """Dashes long enough to read as a broken wire at any width (pattern in pen widths)."""
    pen = QPen(colour, width)
    pen.setDashPattern([7.0 / width, 4.0 / width])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


@dataclass(frozen=True, eq=False)
class NodeLook:
    """Pens and brushes of one kind of node (task or parameter)."""
    header: QBrush
    border: QPen           # outline and the line under the header
    subtitle: QPen
    simple: QBrush         # the plain box drawn when zoomed far out

    @classmethod
    def of(cls, header: str, border: str, subtitle: str, simple: str) -> "NodeLook":
        return cls(QBrush(QColor(header)), _pen(QColor(border)), _pen(QColor(subtitle)),
                   QBrush(QColor(simple)))


@dataclass(frozen=True, eq=False)
class RunLook:
    """A run state's header tint, outline and status dot."""
    colour: QColor
    fill: QBrush           # the whole box, zoomed far out
    tint: QBrush
    outline: QPen
    dot_pen: QPen
    dot_brush: QBrush


@dataclass(eq=False)
class CanvasTheme:
    """Every colour the canvas paints with, with its pens and brushes built once."""
    dark: bool
    canvas_bg: QColor
    grid_dot: QColor
    node_bg: QColor
    task: NodeLook
    param: NodeLook
    selected: QColor
    title_text: QColor
    label_text: QColor
    missing_text: QColor     # a required input with no value; the error colour
    value_text: QColor       # constant values shown after input names
    highlight: QColor
    refused: QColor
    after_edge: QColor
    legend_bg: QColor
    legend_border: QColor
    hint_text: QColor
    type_colours: dict[str, str]
    run_colours: dict[str, QColor]
    # Derived (built in __post_init__).
    node_brush: QBrush = field(init=False)
    selected_pen: QPen = field(init=False)
    selected_thin: QPen = field(init=False)
    selected_wire: QPen = field(init=False)
    title_pen: QPen = field(init=False)
    label_pen: QPen = field(init=False)
    missing_pen: QPen = field(init=False)
    value_pen: QPen = field(init=False)
    # Stale arguments (a wire or value the signature no longer has a port for): drawn in
    # the error colour (``missing_text``), wires dashed.
    stale_pen: QPen = field(init=False)          # label text and its strike-through
    stale_port_pen: QPen = field(init=False)     # the hollow port circle
    stale_brush: QBrush = field(init=False)      # the warning glyph
    stale_band: QBrush = field(init=False)       # faint tint behind a stale row
    stale_wire: QPen = field(init=False)
    stale_wire_hover: QPen = field(init=False)
    stale_wire_thin: QPen = field(init=False)    # zoomed out
    stale_wire_selected: QPen = field(init=False)
    highlight_brush: QBrush = field(init=False)
    refused_pen: QPen = field(init=False)
    run: dict[str, RunLook] = field(init=False)
    _kinds: dict[str, QColor] = field(init=False)
    _port_pens: dict[str, tuple[QPen, QBrush]] = field(init=False)
    _wire_pens: dict[str, tuple[QPen, QPen, QPen, QPen]] = field(init=False)

    def __post_init__(self) -> None:
        self.node_brush = QBrush(self.node_bg)
        self.selected_pen = _pen(self.selected, 2.0)
        self.selected_thin = _pen(self.selected, 0)
        self.selected_wire = _pen(self.selected, 3.0)
        self.title_pen = _pen(self.title_text)
        self.label_pen = _pen(self.label_text)
        self.missing_pen = _pen(self.missing_text)
        self.value_pen = _pen(self.value_text)
        self.highlight_brush = QBrush(self.highlight)
        self.refused_pen = _pen(self.refused, 2.0)
        error = self.missing_text
        self.stale_pen = _pen(error)
        self.stale_port_pen = _pen(error, 2.0)
        self.stale_brush = QBrush(error)
        band = QColor(error)
        band.setAlpha(38 if self.dark else 26)
        self.stale_band = QBrush(band)
        self.stale_wire = _dashed(error, 2.0)
        self.stale_wire_hover = _dashed(error, 3.0)
        self.stale_wire_thin = _pen(error, 0, Qt.PenStyle.DashLine)
        self.stale_wire_selected = _dashed(self.selected, 3.0)
        self.run = {}
        for state, colour in self.run_colours.items():
            tint = QColor(colour)
            tint.setAlpha(TINT_ALPHA[self.dark])
            outline = _pen(colour, 2.5, Qt.PenStyle.DashLine if state in ("skipped", "condition_false")
                           else Qt.PenStyle.SolidLine)
            dot = QBrush(self.node_bg) if state == "pending" else QBrush(colour)
            self.run[state] = RunLook(colour, QBrush(colour), QBrush(tint), outline,
                                      _pen(colour.darker(130) if not self.dark
                                           else colour.lighter(150)), dot)
        # Stale ports and wires are a kind of their own: paint code picks their pens with
        # the same one look-up as any other kind, no extra test per paint.
        self._kinds = {STALE: error}
        self._port_pens = {STALE: (self.stale_port_pen, self.node_brush)}
        self._wire_pens = {STALE: (self.stale_wire, self.stale_wire_hover, self.stale_wire_thin,
                                   self.stale_wire_selected)}

    def kind_colour(self, kind: str) -> QColor:
        """Colour of a type kind; unknown kinds get a stable hue of their own."""
        colour = self._kinds.get(kind)
        if colour is None:
            if kind in self.type_colours:
                colour = QColor(self.type_colours[kind])
            else:
                hue = zlib.crc32(kind.encode()) % 360
                colour = QColor.fromHsv(hue, 130 if self.dark else 150,
                                        225 if self.dark else 185)
            self._kinds[kind] = colour
        return colour

    def port_pens(self, kind: str) -> tuple[QPen, QBrush]:
        """(outline pen, fill brush) of a port of this kind (``STALE``: hollow)."""
        pens = self._port_pens.get(kind)
        if pens is None:
            colour = self.kind_colour(kind)
            pens = self._port_pens[kind] = (_pen(colour, 2.0), QBrush(colour))
        return pens

    def wire_pens(self, kind: str) -> tuple[QPen, QPen, QPen, QPen]:
        """(normal, hovered, zoomed-out, selected) pens of a wire; kind "after" is an
        .after() edge, ``STALE`` a wire whose port or source is gone."""
        pens = self._wire_pens.get(kind)
        if pens is None:
            after = kind == "after"
            colour = self.after_edge if after else self.kind_colour(kind)
            style = Qt.PenStyle.DashLine if after else Qt.PenStyle.SolidLine
            pens = self._wire_pens[kind] = (_pen(colour, 2.0, style), _pen(colour, 3.0, style),
                                            _pen(colour, 0, style), self.selected_wire)
        return pens


LIGHT = CanvasTheme(
    dark=False,
    canvas_bg=QColor("#f3f4f6"), grid_dot=QColor("#d3d7de"), node_bg=QColor("#ffffff"),
    task=NodeLook.of("#e8edf5", "#c5cbd4", "#494f5c", "#cfd4db"),
    param=NodeLook.of("#fdf0d5", "#dfb764", "#664e1c", "#e2d6be"),
    selected=QColor("#2d7ff9"), title_text=QColor("#1d2330"), label_text=QColor("#333a46"),
    missing_text=QColor("#c0392b"), value_text=QColor("#646b79"),
    highlight=QColor(45, 127, 249, 120), refused=QColor("#d64541"),
    after_edge=QColor("#9aa1ad"), legend_bg=QColor(255, 255, 255, 230),
    legend_border=QColor(0, 0, 0, 30), hint_text=QColor("#636974"),
    type_colours=TYPE_COLOURS, run_colours=RUN_STATE_COLOURS,
)

DARK = CanvasTheme(
    dark=True,
    canvas_bg=QColor("#1d1f23"), grid_dot=QColor("#33373e"), node_bg=QColor("#2a2d33"),
    task=NodeLook.of("#363b45", "#4a505b", "#d9dce1", "#4b5260"),
    param=NodeLook.of("#4a3c20", "#9c7a37", "#eedfbe", "#6a5428"),
    selected=QColor("#5b9cf5"), title_text=QColor("#eceef1"), label_text=QColor("#cdd2d9"),
    missing_text=QColor("#ff867d"), value_text=QColor("#a1a9b4"),
    highlight=QColor(91, 156, 245, 110), refused=QColor("#ff6b63"),
    after_edge=QColor("#6f7784"), legend_bg=QColor(42, 45, 51, 235),
    legend_border=QColor(255, 255, 255, 28), hint_text=QColor("#8a929e"),
    type_colours=DARK_TYPE_COLOURS, run_colours=DARK_RUN_STATE_COLOURS,
)

theme: CanvasTheme = LIGHT   # the one paint code reads


def is_dark(palette: QPalette) -> bool:
    """Dark when the window colour is darker than mid-grey: the rule of
    ``highlighter.is_dark`` (tests keep the two equal), without importing pygments."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def use_theme(dark: bool) -> bool:
    """Make the dark or light theme current; True if that changed it."""
    global theme
    wanted = DARK if dark else LIGHT
    if theme is wanted:
        return False
    theme = wanted
    return True


@lru_cache(maxsize=256)
def kind_key(annotation: str | None) -> str:
    kind = kind_of(annotation)
    return kind if kind else "any"


def type_colour(annotation: str | None) -> QColor:
    """Colour of a type in the current theme."""
    return theme.kind_colour(kind_key(annotation))


@lru_cache(maxsize=1)
def title_font() -> QFont:
    f = QFont()
    f.setPointSizeF(9.5)
    f.setWeight(QFont.Weight.DemiBold)
    return f


@lru_cache(maxsize=1)
def label_font() -> QFont:
    f = QFont()
    f.setPointSizeF(8.5)
    return f


@lru_cache(maxsize=1)
def small_font() -> QFont:
    f = QFont()
    f.setPointSizeF(7.5)
    return f


@lru_cache(maxsize=3)
def metrics(which: str) -> QFontMetricsF:
    font = {"title": title_font, "label": label_font, "small": small_font}[which]()
    return QFontMetricsF(font)


@lru_cache(maxsize=4096)
def text_width(which: str, text: str) -> float:
    """Width of ``text`` in one of the canvas fonts (cached: names repeat across nodes)."""
    return metrics(which).horizontalAdvance(text)
