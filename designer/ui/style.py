"""Colours, fonts and metrics of the canvas, in one place.

Port and wire colours follow the type kind (``designer.ir.types.kind_of``);
the canvas draws a legend of them, and every port has a tooltip with its type.
"""
from __future__ import annotations

import zlib
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from designer.ir import kind_of

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
LEGEND_ORDER = ("int", "float", "str", "bool", "list", "dict", "any")

CANVAS_BG = QColor("#f3f4f6")
GRID_DOT = QColor("#d3d7de")
NODE_BG = QColor("#ffffff")
NODE_BORDER = QColor("#c5cbd4")
NODE_HEADER = QColor("#e8edf5")
PARAM_HEADER = QColor("#fdf0d5")
PARAM_BORDER = QColor("#dfb764")
PARAM_SUBTITLE = QColor("#8a6a26")
SELECTED = QColor("#2d7ff9")
TITLE_TEXT = QColor("#1d2330")
SUBTITLE_TEXT = QColor("#687182")
LABEL_TEXT = QColor("#333a46")
MISSING_TEXT = QColor("#c0392b")   # a required input with no value
VALUE_TEXT = QColor("#7a8291")     # constant values shown after input names
HIGHLIGHT = QColor(45, 127, 249, 120)
REFUSED = QColor("#d64541")
AFTER_EDGE = QColor("#9aa1ad")
# States of a task in a local run (run_controller.STATES): node outline and run panel icons.
RUN_STATE_COLOURS: dict[str, QColor] = {
    "pending": QColor("#9aa1ad"), "running": QColor("#2d7ff9"),
    "succeeded": QColor("#2e9149"), "cached": QColor("#0f9b9b"),
    "failed": QColor("#d64541"), "skipped": QColor("#b9bec7"),
    "cancelled": QColor("#d9822b"),
}

# Metrics (scene units = pixels at 100 %).
MIN_WIDTH = 168.0
HEADER_H = 30.0
SUBTITLE_H = 14.0
ROW_H = 22.0
BODY_PAD = 6.0
PORT_R = 5.5
PORT_HIT = 11.0
LABEL_PAD = 13.0
CORNER = 7.0
LOD_SIMPLE = 0.4   # below this scale nodes are drawn as plain boxes


def kind_key(annotation: str | None) -> str:
    kind = kind_of(annotation)
    return kind if kind else "any"


@lru_cache(maxsize=256)
def type_colour(annotation: str | None) -> QColor:
    """Colour of a type; unknown kinds get a stable hue of their own."""
    key = kind_key(annotation)
    if key in TYPE_COLOURS:
        return QColor(TYPE_COLOURS[key])
    hue = zlib.crc32(key.encode()) % 360
    return QColor.fromHsv(hue, 150, 185)


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
