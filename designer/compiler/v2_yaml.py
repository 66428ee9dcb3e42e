"""A YAML writer that produces exactly what ``yaml.dump(data, sort_keys=True)`` writes.

kfp 2 writes its PipelineSpec with PyYAML's pure-Python dumper, which is slow
(most of kfp's compile time at 1000 tasks).  This writer handles the data kfp
produces (str-keyed dicts, lists, str, float, bool) with a fast path for the
common "plain identifier" strings and hands every other string to PyYAML's own
Emitter routines, positioned exactly where a full dump would put them, so the
bytes match.  Rendering is context-free given the indent, which lets the
compiler render a component once and reuse the text for every task using it.
"""
from __future__ import annotations

import io
import re
import threading
from typing import Any

import yaml
from yaml.emitter import Emitter
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .source_map import Marked, Marks

_STR_TAG = "tag:yaml.org,2002:str"
# Strings starting with a letter or "_" can only resolve to bool or null in YAML 1.1.
_SIMPLE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
# PyYAML's check_simple_key counts the "!!str" tag too: keys of 123+ characters are
# written as complex keys ("? key" / ": value").
MAX_SIMPLE_KEY = 122
_NOT_PLAIN = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
    "null Null NULL".split())


class Prerendered(Marked):
    """A mapping whose block text was rendered beforehand for one indent (a component's
    spec or executor, the same for every task using it): written as is there, like any
    mapping elsewhere."""

    __slots__ = ("text", "indent")

    def __init__(self, data: dict, text: str, indent: int, marks=()):
        super().__init__(data, marks)
        self.text = text        # what ``_mapping(data, indent, ...)`` appends
        self.indent = indent


class _ScalarWriter:
    """PyYAML's emitter, used one scalar at a time at a given position."""

    def __init__(self) -> None:
        self.buf = io.StringIO()
        self.em = Emitter(self.buf)
        self.resolver = Resolver()
        self.cache: dict[tuple[str, int, int, bool, bool], str] = {}

    def style(self, value: str, simple_key: bool):
        a = self.em.analyze_scalar(value)
        implicit = self.resolver.resolve(ScalarNode, value, (True, False)) == _STR_TAG
        if (implicit and not (simple_key and (a.empty or a.multiline))
                and a.allow_block_plain):
            return a, ""
        if a.allow_single_quoted and not (simple_key and a.multiline):
            return a, "'"
        return a, '"'

    def write(self, value: str, column: int, indent: int, *, simple_key: bool = False,
              whitespace: bool = False, indention: bool = False) -> str:
        """The text PyYAML writes for ``value`` starting at ``column``; ``indent`` is
        the scalar's own indent (its container's + 2)."""
        key = (value, column, indent, simple_key, whitespace)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        a, style = self.style(value, simple_key)
        em, buf = self.em, self.buf
        buf.seek(0)
        buf.truncate()
        em.column, em.indent = column, indent
        em.whitespace, em.indention = whitespace, indention
        em.root_context = False
        split = not simple_key
        if style == '"':
            em.write_double_quoted(a.scalar, split)
        elif style == "'":
            em.write_single_quoted(a.scalar, split)
        else:
            em.write_plain(a.scalar, split)
        out = buf.getvalue()
        if len(self.cache) < 4096:
            self.cache[key] = out
        return out

    def is_simple_key(self, value: str) -> bool:
        """PyYAML's check_simple_key for a string key."""
        a = self.em.analyze_scalar(value)
        return len(a.scalar) <= MAX_SIMPLE_KEY and not a.empty and not a.multiline


class _PerThread(threading.local):
    """The emitter holds state while writing: one per thread."""

    def __init__(self) -> None:
        self.writer = _ScalarWriter()


_LOCAL = _PerThread()


def is_plain(text: str) -> bool:
    """Whether PyYAML writes ``text`` as is, as a value or as a simple key."""
    return bool(_SIMPLE.match(text)) and text not in _NOT_PLAIN and len(text) <= MAX_SIMPLE_KEY


def float_text(value: float) -> str:
    """PyYAML's representation of a float."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _value_scalar(value: Any, column: int, indent: int, out: list[str]) -> None:
    """A scalar after ``key:`` or ``-`` (the emitter is mid-line, no whitespace)."""
    if isinstance(value, str):
        if _SIMPLE.match(value) and value not in _NOT_PLAIN:
            out.append(" " + value)
        else:
            out.append(_LOCAL.writer.write(value, column, indent))
    elif value is True:
        out.append(" true")
    elif value is False:
        out.append(" false")
    elif isinstance(value, float):
        out.append(" " + float_text(value))
    elif isinstance(value, int):
        out.append(f" {value}")
    elif value is None:
        out.append(" null")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _mapping(data: dict, indent: int, out: list[str], first_inline: bool,
             marks: Marks | None = None) -> None:
    """A non-empty block mapping whose keys sit at column ``indent``.

    ``first_inline``: the first key follows a ``- `` on the current line. ``marks``
    records where the values that are ``Marked`` dicts are (key line to last line)."""
    first = True
    for key in sorted(data):
        value = data[key]
        start = len(out)
        _entry(key, value, indent, out, first and first_inline, marks)
        first = False
        if marks is not None and isinstance(value, Marked):
            marks.add(start, len(out), value.marks)


def _entry(key: str, value: Any, indent: int, out: list[str], inline: bool,
           marks: Marks | None) -> None:
    """``key: value`` of a block mapping."""
    pad = " " * indent
    if inline:
        out.append(" ")
    else:
        out.append("\n" + pad if out else pad)
    if _SIMPLE.match(key) and key not in _NOT_PLAIN and len(key) <= MAX_SIMPLE_KEY:
        out.append(key + ":")
        column = indent + len(key) + 1
    elif _LOCAL.writer.is_simple_key(key):
        text = _LOCAL.writer.write(key, indent, indent + 2, simple_key=True, whitespace=True,
                                   indention=True)
        out.append(text + ":")
        column = indent + len(text) + 1
    else:
        # Complex key: "? key" then ": value" on the next line.
        text = _LOCAL.writer.write(key, indent + 1, indent + 2)
        out.append("?" + text + "\n" + pad + ":")
        # The value then follows ":" as it would follow "-".
        _node(value, indent + 1, indent, out, in_mapping=False, marks=marks)
        return
    _node(value, column, indent, out, in_mapping=True, marks=marks)


def _sequence(data: list, indent: int, out: list[str], first_inline: bool,
              marks: Marks | None = None) -> None:
    pad = " " * indent
    first = True
    for item in data:
        if first and first_inline:
            out.append(" -")
        else:
            out.append("\n" + pad + "-" if out else pad + "-")
        first = False
        _node(item, indent + 1, indent, out, in_mapping=False, marks=marks)


def _node(value: Any, column: int, indent: int, out: list[str], in_mapping: bool,
          marks: Marks | None = None) -> None:
    """A node after ``key:`` (in_mapping) or ``-``; ``indent`` is the container's."""
    if isinstance(value, dict):
        if type(value) is Prerendered and value.indent == indent + 2 and in_mapping:
            out.append(value.text)
        elif not value:
            out.append(" {}")
        else:
            _mapping(value, indent + 2, out, not in_mapping, marks)
    elif isinstance(value, list):
        if not value:
            out.append(" []")
        elif in_mapping:
            _sequence(value, indent, out, False, marks)  # in mappings: indentless
        else:
            _sequence(value, indent + 2, out, True, marks)
    else:
        _value_scalar(value, column, indent + 2, out)


def render_mapping(data: dict, indent: int = 0) -> str:
    """Lines of a non-empty block mapping at ``indent``, as a full dump would write
    them inside a larger document (no trailing newline)."""
    out: list[str] = []
    _mapping(data, indent, out, False)
    return "".join(out)


def render_value(key: str, value: Any, indent: int) -> str:
    """``key: value`` at ``indent`` (key must be a plain identifier), no newline."""
    out: list[str] = [" " * indent + key + ":"]
    _node(value, indent + len(key) + 1, indent, out, in_mapping=True)
    return "".join(out)


def dump(data: dict) -> str:
    """Same text as ``yaml.dump(data, sort_keys=True)`` for a non-empty dict."""
    return render_mapping(data, 0) + "\n"


def write_mapping(data: dict, indent: int, out: list[str], marks: Marks) -> None:
    """Append a non-empty block mapping at ``indent`` to ``out`` (which holds the text
    before it, so the first key starts a new line), noting the ``Marked`` values."""
    _mapping(data, indent, out, False, marks)


def reference_dump(data: Any) -> str:
    """PyYAML itself, for tests and for comparison."""
    return yaml.dump(data, sort_keys=True)
