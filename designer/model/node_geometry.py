"""How big a node is on the canvas and where its ports are, without Qt.

The canvas (``ui.canvas.node_item``) shapes its nodes with ``box`` and ``port_y`` and its
fonts; the layout of a file that places no nodes (the GUI opening a ``.py``,
``kfp-designer convert``) uses ``node_geometry`` with a text measure: the canvas's fonts
when Qt is there, else ``estimate_width``. Heights and port offsets never depend on fonts,
so both put every node at the same y; x follows the widest text of each column, which the
estimate approaches (fonts differ between machines anyway, so the GUI's own x does too).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from designer.ir import Constant, Pipeline, PipelineParam, Task
from designer.ir.model import argument_refs
from designer.ir.port_types import PortType, of_port

from .rules import PARAM_PREFIX

# Scene units (pixels at 100 %); ui.style re-exports them for painting.
MIN_WIDTH = 168.0
PARAM_MIN_WIDTH = 120.0
MAX_WIDTH = 420.0
HEADER_H = 30.0
SUBTITLE_H = 14.0
ROW_H = 22.0
BODY_PAD = 6.0
LABEL_PAD = 13.0
GLYPH_W = 15.0     # the warning glyph before a stale row's label, with its gap
VALUE_GAP = 6.0    # between an input's label and its value

# (font, text) -> width; fonts are "title", "label" and "small".
Measure = Callable[[str, str], float]
Size = tuple[float, float]
Ports = tuple[dict[str, float], dict[str, float]]

# Average advance per character of the canvas fonts (9.5/8.5/7.5 pt sans, measured).
_CHAR_W = {"title": 8.3, "label": 6.3, "small": 5.7}


def estimate_width(font: str, text: str) -> float:
    """A font-free width: wide (CJK) characters count 1.5, combining marks 0."""
    units = 0.0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        units += 1.5 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0
    return units * _CHAR_W[font]


def short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(value: Any) -> str:
    """How a constant shows next to its input (and in a parameter's subtitle)."""
    return "= " + short(repr(value))


def param_subtitle(param: PipelineParam) -> str:
    label = param.annotation or "any"
    if param.has_default:
        label += " = " + short(repr(param.default))
    return f"parameter · {label}"


def box(title_w: float, sub_w: float, in_w: float, out_w: float, has_subtitle: bool,
        rows: int, header_only: bool, min_width: float = MIN_WIDTH
        ) -> tuple[float, float, float]:
    """(width, header height, height) of a node: ``in_w``/``out_w`` are the widest input
    (label and value) and output labels, ``rows`` the taller side's row count."""
    width = max(min_width, title_w + 2 * LABEL_PAD + (8 if header_only else 0),
                sub_w + 2 * LABEL_PAD, in_w + out_w + 2 * LABEL_PAD + 24)
    width = min(width, MAX_WIDTH)
    header_h = HEADER_H + (SUBTITLE_H if has_subtitle else 0.0)
    height = header_h if header_only else header_h + 2 * BODY_PAD + max(rows, 1) * ROW_H
    return width, header_h, height


def port_y(header_h: float, row: int, header_only: bool = False) -> float:
    """The y of the port on ``row`` (0-based) of a side, from the node's top."""
    return header_h / 2 if header_only else header_h + BODY_PAD + ROW_H * (row + 0.5)


def _param(param: PipelineParam, measure: Measure) -> tuple[Size, Ports]:
    subtitle = param_subtitle(param)
    width, header_h, height = box(measure("title", param.name), measure("small", subtitle),
                                  0.0, 0.0, True, 1, True, PARAM_MIN_WIDTH)
    return (width, height), ({}, {param.name: port_y(header_h, 0, True)})


def port_label(name: str, ptype: PortType) -> str:
    """What a port's row says: its name, and an artifact's type after it (``data · Dataset``):
    the type decides what may connect, so it is read on the node, not only in a tooltip. An
    untyped file takes any type and says nothing more."""
    if ptype.artifact and not ptype.loose:
        return f"{name} · {ptype.label}"
    return name


def _task(p: Pipeline, task: Task, measure: Measure) -> tuple[Size, Ports]:
    comp = p.component(task.component_id)
    sig = comp.signature if comp else None
    comp_name = comp.name if comp else "(missing component)"

    def row_w(name: str, arg: Any) -> float:
        value = value_text(arg.value) if isinstance(arg, Constant) else ""
        return measure("label", name) + (measure("label", value) + VALUE_GAP if value else 0)

    inputs = list(sig.inputs) if sig else []
    in_w = max((row_w(port_label(i.name, of_port(i)), task.arguments.get(i.name))
                for i in inputs), default=0.0)
    # Arguments the component has no input for: stale rows after the inputs.
    stale = [(n, a) for n, a in task.arguments.items() if sig is None or sig.input(n) is None]
    if stale:
        in_w = max([in_w] + [GLYPH_W + row_w(n, a) for n, a in stale])
    outputs = list(sig.outputs) if sig else []
    out_w = max((measure("label", port_label(o.name, of_port(o))) for o in outputs),
                default=0.0)
    # Outputs the component lost that wires still read: stale rows after the outputs.
    have = {o.name for o in outputs}
    gone = list(dict.fromkeys(r.output for t in p.tasks for a in t.arguments.values()
                              for r in argument_refs(a)
                              if r.task_id == task.id and r.output not in have))
    if gone:
        out_w = max([out_w] + [GLYPH_W + measure("label", n) for n in gone])
    subtitle = comp_name if comp_name != task.name else None
    rows = max(len(inputs) + len(stale), len(outputs) + len(gone), 1)
    width, header_h, height = box(measure("title", task.name),
                                  measure("small", subtitle) if subtitle else 0.0, in_w, out_w,
                                  subtitle is not None, rows, False)
    ins = {i.name: port_y(header_h, k) for k, i in enumerate(inputs)}
    ins.update({n: port_y(header_h, k) for k, (n, _) in enumerate(stale, len(inputs))})
    outs = {o.name: port_y(header_h, k) for k, o in enumerate(outputs)}
    outs.update({n: port_y(header_h, k) for k, n in enumerate(gone, len(outputs))})
    return (width, height), (ins, outs)


def node_geometry(p: Pipeline, measure: Measure = estimate_width
                  ) -> tuple[dict[str, Size], dict[str, Ports]]:
    """Sizes and port offsets of every node of ``p`` (keys as in the document layout)."""
    sizes: dict[str, Size] = {}
    ports: dict[str, Ports] = {}
    for prm in p.params:
        sizes[PARAM_PREFIX + prm.name], ports[PARAM_PREFIX + prm.name] = _param(prm, measure)
    for t in p.tasks:
        sizes[t.id], ports[t.id] = _task(p, t, measure)
    return sizes, ports


def initial_layout(p: Pipeline, layout: dict[str, tuple[float, float]],
                   measure: Measure = estimate_width) -> dict[str, tuple[float, float]]:
    """``layout`` with a position for every node it lacks (layered, as Ctrl+L does)."""
    from .autolayout import layered_layout
    keys = [PARAM_PREFIX + prm.name for prm in p.params] + [t.id for t in p.tasks]
    missing = [k for k in keys if k not in layout]
    if not missing:
        return layout
    sizes, ports = node_geometry(p, measure)
    laid = layered_layout(p, sizes, ports=ports)
    return {**layout, **{k: laid[k] for k in missing}}
