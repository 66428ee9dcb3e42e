"""The layout engine of the Python export: black's bracket splitting for the shapes the
exporter writes, and Python literals as black writes them (see python_source)."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Union

LINE_LENGTH = 88
INDENT = "    "


# --------------------------------------------------------------------------------------
# Layout: a tiny model of black's right-hand / left-hand bracket splits.
# --------------------------------------------------------------------------------------
@dataclass
class Group:
    """A bracketed, comma-separated list: call arguments, def parameters, a literal..."""
    open: str
    items: list[list["Piece"]]
    close: str
    # "call" | "def" | "collection" | "import" | "subscript"
    # | "optional" (the invisible parentheses black puts around an assignment's value)
    kind: str = "call"


Piece = Union[str, Group]


def _flat(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
        else:
            inner = ", ".join(_flat(i) for i in p.items)
            if p.kind in ("import", "optional"):  # black's invisible parentheses
                out.append(inner)
            else:
                out.append(p.open + inner + p.close)
    return "".join(out)


def width(text: str) -> int:
    """Columns as black counts them: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" and not unicodedata.combining(c)
               else 1 for c in text)


def _fits(line: str) -> bool:
    return width(line) <= LINE_LENGTH


def _split_index(pieces: list[Piece], first: bool) -> int | None:
    """Which group black splits: the first (a ``def``) or the last non-empty one."""
    found = [i for i, p in enumerate(pieces) if isinstance(p, Group) and p.items]
    if not found:
        return None
    return found[0] if first else found[-1]


def lay_out(pieces: list[Piece], depth: int, *, is_def: bool = False) -> list[str]:
    """Lines for one logical line at ``depth`` indents, split like black when too long."""
    pad = INDENT * depth
    text = pad + _flat(pieces)
    if _fits(text):
        return [text]
    last = pieces[-1]
    if isinstance(last, Group) and last.kind == "optional":
        # black first splits inside the value; when that leaves the first line too long,
        # it wraps the value in parentheses if every resulting line then fits.
        lines = lay_out(pieces[:-1] + last.items[0], depth)
        wrapped = [pad + _flat(pieces[:-1]) + "(", *lay_out(last.items[0], depth + 1), pad + ")"]
        if len(lines) == 1:  # the value itself does not split: the parentheses are the way
            return wrapped
        if _fits(lines[0]):
            return lines
        return wrapped if all(_fits(line) for line in wrapped) else lines
    idx = _split_index(pieces, first=is_def)
    if idx is None:
        return [text]
    group = pieces[idx]
    assert isinstance(group, Group)
    head = pad + _flat(pieces[:idx]) + group.open
    tail = pad + group.close + _flat(pieces[idx + 1:])
    return [head, *_body(group, depth + 1, is_def=is_def), tail]


def _body(group: Group, depth: int, *, is_def: bool) -> list[str]:
    items = group.items
    # black adds a trailing comma to a lone def parameter / import name when it splits.
    lone_comma = len(items) == 1 and (is_def or group.kind == "import")
    # A split collection literal or import with several elements always goes one per line.
    explode = len(items) > 1 and group.kind in ("collection", "import")
    one_line = INDENT * depth + ", ".join(_flat(i) for i in items) + ("," if lone_comma else "")
    if not explode and _fits(one_line):
        return [one_line]
    if len(items) == 1:
        return lay_out(items[0] + ([","] if lone_comma else []), depth)
    lines: list[str] = []
    for item in items:
        lines += lay_out(item + [","], depth)
    return lines


# --------------------------------------------------------------------------------------
# Python literals, as black writes them.
# --------------------------------------------------------------------------------------
def string_literal(s: str) -> str:
    """``repr`` with black's quote preference: double quotes unless that adds escapes."""
    r = repr(s)
    if r[0] == '"':
        return r
    body = r[1:-1]
    # Swap the quote: unescape \' and escape bare " (neither appears escaped otherwise).
    new_body = re.sub(r"(\\*)\\'", lambda m: m.group(1) + "'", body)
    new_body = re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', new_body)
    if new_body.count("\\") > body.count("\\"):
        return r
    return f'"{new_body}"'


def _float_literal(v: float) -> str:
    if math.isnan(v) or math.isinf(v):
        return f'float("{v}")'
    text = repr(v)
    return text.replace("e+", "e")  # black: 1e+20 -> 1e20


def literal(value: Any) -> list[Piece]:
    """Pieces for a constant: the IR's JSON-like values (str, number, bool, None, list,
    dict); anything else falls back to ``repr``."""
    if isinstance(value, str):
        return [string_literal(value)]
    if isinstance(value, bool) or value is None:
        return [repr(value)]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return [_float_literal(value)]
    if isinstance(value, list):
        return [Group("[", [literal(v) for v in value], "]", "collection")] if value else ["[]"]
    if isinstance(value, dict):
        if not value:
            return ["{}"]
        return [Group("{", [[*literal(k), ": ", *literal(v)] for k, v in value.items()], "}",
                      "collection")]
    return [repr(value)]


def call(func: str, args: list[list[Piece]]) -> list[Piece]:
    return [func, Group("(", args, ")") if args else "()"]


def kwarg(name: str, value: list[Piece]) -> list[Piece]:
    return [f"{name}=", *value]


def assign(target: str, value: list[Piece]) -> list[Piece]:
    return [f"{target} = ", Group("(", [value], ")", "optional")]


def attr_call(obj: str, method: str, args: list[list[Piece]]) -> list[Piece]:
    """``obj.method(args)``."""
    return call(f"{obj}.{method}", args)


def flat(pieces: list[Piece]) -> str:
    """The pieces on one line (for expressions inside f-strings)."""
    return _flat(pieces)
