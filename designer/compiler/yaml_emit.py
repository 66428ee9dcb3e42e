"""Byte-exact YAML text as kfp 1.8.9's ``dump_yaml`` writes it, without PyYAML's slow emitter.

kfp dumps its workflow with ``yaml.dump(data, Dumper=OrderedDumper, default_flow_style=None)``:
insertion-ordered mappings, multi-line strings in ``|`` style, YAML 1.1 booleans words
(``yes``, ``true``, ``off``...) double-quoted, collections whose items are all plain-style
scalars written in flow style, width 80, indent 2, ``allow_unicode`` off.

This module reproduces that output for plain data (dict, list, str, int, float, bool, None).
The algorithm is PyYAML's emitter (MIT licence), ported from its event state machine to a
recursive walk over the data, and its resolver patterns are copied from PyYAML 5.4.1 (the
version kfp 1.8.9 pins; 6.x changed the float pattern).  Writing a scalar depends only on
the text and the emitter state when it starts, so long scalars are memoised per dump: a
pipeline whose 1000 tasks share a few components writes each program text once.

Shared (aliased) containers are not supported: kfp's workflows never contain them.
A ``source_map.Marked`` dict is written like any other; ``emit_pieces`` also gives
which lines it took (the compiler's source map).
"""
from __future__ import annotations

import re
from typing import Any

from .source_map import Marked, Marks

# --- PyYAML 5.4.1 implicit resolvers: (tag, pattern), looked up by the first character ---
_BOOL = ("bool", re.compile(r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""", re.X))
_FLOAT = ("float", re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9_]+(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X))
_INT = ("int", re.compile(r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", re.X))
_MERGE = ("merge", re.compile(r"^(?:<<)$"))
_NULL = ("null", re.compile(r"""^(?: ~
                    |null|Null|NULL
                    | )$""", re.X))
_TIMESTAMP = ("timestamp", re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X))
_VALUE = ("value", re.compile(r"^(?:=)$"))
_YAML = ("yaml", re.compile(r"^(?:!|&|\*)$"))

_RESOLVERS: dict[str, list[tuple[str, re.Pattern]]] = {}
for _tag, _firsts in ((_BOOL, "yYnNtTfFoO"), (_FLOAT, "-+0123456789."), (_INT, "-+0123456789"),
                      (_MERGE, "<"), (_NULL, ["~", "n", "N", ""]), (_TIMESTAMP, "0123456789"),
                      (_VALUE, "="), (_YAML, "!&*")):
    for _ch in _firsts:
        _RESOLVERS.setdefault(_ch, []).append(_tag)
del _tag, _firsts, _ch


def pyyaml_5_4_1(cls: type) -> type:
    """``cls`` (a PyYAML Loader or Dumper) resolving plain scalars as PyYAML 5.4.1 does,
    whichever PyYAML is installed: kfp 1.8.9 pins 5.4.1, and 6.x reads "._5" differently."""
    cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
        for first, resolvers in cls.yaml_implicit_resolvers.items()}
    cls.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT[1], list("-+0123456789."))
    return cls


def _plain_resolves_to_str(value: str) -> bool:
    """Whether ``value`` written plain would read back as a string (PyYAML ``implicit[0]``)."""
    for _name, pattern in _RESOLVERS.get(value[:1] if value else "", ()):
        if pattern.match(value):
            return False
    return True


# kfp's represent_str forces double quotes on these (YAML 1.1 booleans and y/n).
_BOOL_WORDS = frozenset(["y", "n", "yes", "no", "true", "false", "on", "off"])
_BREAKS = "\n\x85\u2028\u2029"
_WS = "\0 \t\r\n\x85\u2028\u2029"
_BEST_WIDTH = 80
_TAG_LENGTH = {str: 5, int: 5, bool: 6, type(None): 6, float: 7}
_BEST_INDENT = 2
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0A": "n", "\x0B": "v", "\x0C": "f",
    "\x0D": "r", "\x1B": "e", '"': '"', "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L",
    "\u2029": "P",
}


class _Analysis:
    __slots__ = ("empty", "multiline", "flow_plain", "block_plain", "single", "block")

    def __init__(self, empty, multiline, flow_plain, block_plain, single, block):
        self.empty = empty
        self.multiline = multiline
        self.flow_plain = flow_plain
        self.block_plain = block_plain
        self.single = single
        self.block = block


# Shortcuts past PyYAML's character loop for the strings compilers write most (names, paths,
# values, "{{inputs.parameters.x}}", JSON annotations): no break, no special character, no
# edge space, no leading "-". _NEUTRAL strings have no indicator at all; _FLOWISH ones only
# flow indicators after the first character (",?[]{}", ":" not before a space: plain style
# is allowed in block context only); _LEADING ones start with an indicator, which rules out
# plain style whatever follows (so ":" and "#" may follow too). The fuzz test in
# tests/compiler/test_v1_yaml_emit.py checks all three against the loop.
_INNER = r"[A-Za-z0-9_./$()+;<=\\^~&*!|>'\"%@`\-]"
_SPACE = r" (?! |$)"
_FIRST = r"[A-Za-z0-9_./$()+;<=\\^~]"
_NEUTRAL = re.compile(f"{_FIRST}(?:{_INNER}|{_SPACE})*")
_FLOWISH = re.compile(f"{_FIRST}(?:{_INNER}|[{{}}\\[\\],?]|:(?! |$)|{_SPACE})*")
_LEADING = re.compile(f"[{{}}\\[\\],&*!|>'\"%@`](?:{_INNER}|[{{}}\\[\\],?:#]|{_SPACE})*")
_NEUTRAL_ANALYSIS = _FLOWISH_ANALYSIS = _LEADING_ANALYSIS = None  # set once _Analysis exists


def _analyze(scalar: str) -> _Analysis:
    """PyYAML ``Emitter.analyze_scalar`` with allow_unicode off."""
    if not scalar.startswith("..."):
        if _NEUTRAL.fullmatch(scalar):
            return _NEUTRAL_ANALYSIS
        if _FLOWISH.fullmatch(scalar):
            return _FLOWISH_ANALYSIS
        if _LEADING.fullmatch(scalar):
            return _LEADING_ANALYSIS
    return _analyze_chars(scalar)


def _analyze_chars(scalar: str) -> _Analysis:
    """The analysis, character by character (PyYAML's loop)."""
    if not scalar:
        return _Analysis(True, False, False, True, True, False)
    block_ind = flow_ind = line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    if scalar.startswith("---") or scalar.startswith("..."):
        block_ind = flow_ind = True
    preceded_ws = True
    n = len(scalar)
    followed_ws = n == 1 or scalar[1] in _WS
    prev_space = prev_break = False
    for index, ch in enumerate(scalar):
        if index == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                flow_ind = block_ind = True
            if ch in "?:":
                flow_ind = True
                if followed_ws:
                    block_ind = True
            if ch == "-" and followed_ws:
                flow_ind = block_ind = True
        else:
            if ch in ",?[]{}":
                flow_ind = True
            if ch == ":":
                flow_ind = True
                if followed_ws:
                    block_ind = True
            if ch == "#" and preceded_ws:
                flow_ind = block_ind = True
        if ch in _BREAKS:
            line_breaks = True
        if not (ch == "\n" or "\x20" <= ch <= "\x7E"):
            special = True  # unicode counts as special: allow_unicode is off
        if ch == " ":
            if index == 0:
                leading_space = True
            if index == n - 1:
                trailing_space = True
            if prev_break:
                break_space = True
            prev_space, prev_break = True, False
        elif ch in _BREAKS:
            if index == 0:
                leading_break = True
            if index == n - 1:
                trailing_break = True
            if prev_space:
                space_break = True
            prev_space, prev_break = False, True
        else:
            prev_space = prev_break = False
        preceded_ws = ch in _WS
        followed_ws = index + 2 >= n or scalar[index + 2] in _WS
    flow_plain = block_plain = single = block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        flow_plain = block_plain = False
    if trailing_space:
        block = False
    if break_space:
        flow_plain = block_plain = single = False
    if space_break or special:
        flow_plain = block_plain = single = block = False
    if line_breaks:
        flow_plain = block_plain = False
    if flow_ind:
        flow_plain = False
    if block_ind:
        block_plain = False
    return _Analysis(False, line_breaks, flow_plain, block_plain, single, block)


_NEUTRAL_ANALYSIS = _Analysis(False, False, True, True, True, True)
_FLOWISH_ANALYSIS = _Analysis(False, False, False, True, True, True)
_LEADING_ANALYSIS = _Analysis(False, False, False, False, True, True)


def _represent_scalar(value: Any) -> tuple[str, str | None, bool]:
    """(text, requested style, implicit[0]) as kfp's OrderedDumper represents ``value``."""
    if isinstance(value, str):
        style = None
        if "\n" in value:
            style = "|"
        if value.lower() in _BOOL_WORDS:
            style = '"'
        return value, style, None  # implicit[0] decided lazily (regex work)
    if value is None:
        return "null", None, True
    if value is True:
        return "true", None, True
    if value is False:
        return "false", None, True
    if isinstance(value, int):
        return str(value), None, True
    if isinstance(value, float):
        if value != value:
            text = ".nan"
        elif value == float("inf"):
            text = ".inf"
        elif value == -float("inf"):
            text = "-.inf"
        else:
            text = repr(value).lower()
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)
        return text, None, True
    raise TypeError(f"cannot write {type(value).__name__} values as YAML")


# The contexts of a scalar, as indices of _Emitter._styles and _Emitter._pieces:
# flow context * 2 + simple key.
_BLOCK_VALUE, _BLOCK_KEY, _FLOW_VALUE, _FLOW_KEY = range(4)
_FLOW_LEAF_STRINGS: dict[str, bool] = {}
_SPACES = tuple(" " * n for n in range(64))
_NEW_LINES = tuple("\n" + " " * n for n in range(64))
_RUNS = re.compile(r" +|[^ ]+")   # a scalar's runs of spaces and of other characters
_PLACEHOLDER = re.compile(r"\{\{[-._a-zA-Z0-9]+\}\}")   # Argo's, as compilers write them


def _is_flow_leaf(value: Any) -> bool:
    """A scalar the representer leaves without a style: collections of these are flow style."""
    if type(value) is str:
        leaf = _FLOW_LEAF_STRINGS.get(value)
        if leaf is None:
            leaf = "\n" not in value and value.lower() not in _BOOL_WORDS
            if len(_FLOW_LEAF_STRINGS) < 100000:
                _FLOW_LEAF_STRINGS[value] = leaf
        return leaf
    return not isinstance(value, (dict, list))


class Shared(dict):
    """A dict that many places of one document hold (the same object, never changed while
    it is written): the emitter writes it once per emitter state and copies the text after.
    The compiler shares identical pod label sets between templates this way."""

    __slots__ = ()


class SharedList(list):
    """``Shared`` for a list (the v1 compiler shares a component's container command)."""

    __slots__ = ()


_COLLECTIONS = (dict, list, Shared, SharedList, Marked)   # types, for ``type(x) in``


def _all_flow_leaves(values: Any) -> bool:
    """``all(_is_flow_leaf(v) for v in values)``, with the string cache looked up inline."""
    leaves = _FLOW_LEAF_STRINGS
    for v in values:
        t = type(v)
        if t is str:
            leaf = leaves.get(v)
            if leaf is None:
                leaf = _is_flow_leaf(v)
            if not leaf:
                return False
        elif t is dict or t is list or isinstance(v, (dict, list)):
            return False
    return True


class _Emitter:
    """One dump's state; mirrors the fields of PyYAML's Emitter that matter for block output."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.indent: int | None = None
        self.flow_level = 0
        self.open_ended = False  # a "|+" literal was last: the document needs "..."
        self._analyses: dict[str, _Analysis] = {}
        self._implicit: dict[str, bool] = {}
        # Chosen styles by text, one table per (flow context, simple key) combination.
        self._styles: tuple[dict[str, str], ...] = ({}, {}, {}, {})
        self._simple_keys: dict[Any, bool] = {}
        # (style, text, split, column, indent, whitespace, indention) ->
        #     (text, column, whitespace, indention, open_ended or None when unchanged)
        self._written: dict[tuple, tuple[str, int, bool, bool, bool | None]] = {}
        self.marks = Marks()  # where the ``Marked`` nodes are (source maps)
        # ``Shared`` dicts written before: (id, state) -> (text, state after, the dict kept
        # alive so that its id stays its own).
        self._shared: dict[tuple, tuple] = {}
        # What each short string is written as, by text, one table per context, indexed
        # like self._styles (see _piece).
        self._pieces: tuple[dict[str, str], ...] = ({}, {}, {}, {})

    # --- low-level writers (PyYAML write_indicator / write_indent / write_line_break) ---
    def write_indicator(self, indicator: str, need_whitespace: bool,
                        whitespace: bool = False, indention: bool = False) -> None:
        data = indicator if (self.whitespace or not need_whitespace) else " " + indicator
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.column += len(data)
        self.open_ended = False
        self.out.append(data)

    def write_indent(self) -> None:
        indent = self.indent or 0
        if (not self.indention or self.column > indent
                or (self.column == indent and not self.whitespace)):
            # write_line_break() and the indent, inline and in one chunk: this runs for
            # every line
            self.whitespace = self.indention = True
            self.column = indent
            self.out.append(_NEW_LINES[indent] if indent < 64 else "\n" + " " * indent)
            return
        if self.column < indent:
            self.whitespace = True
            self.out.append(_SPACES[indent - self.column] if indent - self.column < 64
                            else " " * (indent - self.column))
            self.column = indent

    def write_line_break(self, data: str = "\n") -> None:
        self.whitespace = True
        self.indention = True
        self.column = 0
        self.out.append(data)

    # --- nodes ---
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        if self.indent is None:
            self.indent = _BEST_INDENT if flow else 0
        elif not indentless:
            self.indent += _BEST_INDENT

    def node(self, value: Any, mapping: bool = False, simple_key: bool = False) -> None:
        if isinstance(value, (dict, list)):
            if type(value) is Shared or type(value) is SharedList:
                self.shared(value, mapping)
            elif type(value) is Marked:
                start = len(self.out)
                self.collection(value, mapping)
                self.marks.add(start, len(self.out), value.marks)
            else:
                self.collection(value, mapping)
        else:
            saved = self.indent
            self.indent = _BEST_INDENT if saved is None else saved + _BEST_INDENT
            self.scalar(value, simple_key)
            self.indent = saved

    def shared(self, value: "Shared | SharedList", mapping: bool) -> None:
        """A ``Shared`` dict or list written once per emitter state; later uses copy the
        text."""
        key = (id(value), mapping, self.column, self.indent, self.whitespace, self.indention,
               self.flow_level)
        done = self._shared.get(key)
        if done is None:
            start = len(self.out)
            self.collection(value, mapping)
            chunk = "".join(self.out[start:])
            del self.out[start:]
            done = self._shared[key] = (chunk, self.column, self.whitespace, self.indention,
                                        self.open_ended, value)
        self.out.append(done[0])
        self.column, self.whitespace, self.indention, self.open_ended = done[1:5]

    # A collection holding a collection is block style (outside flow context); the
    # workflow's usually show it at once (a list of dicts, a mapping whose last value is a
    # dict or list), which spares them the attempt at the flow pieces.
    def collection(self, value: dict | list, mapping: bool) -> None:
        if isinstance(value, dict):
            self.mapping(value)
        elif not self.flow_level and value and type(value[0]) in _COLLECTIONS:
            self.block_sequence(value, mapping)
        elif value and self._flow_fast(value, False):
            return
        elif self.flow_level or not value or _all_flow_leaves(value):
            self.flow_sequence(value)
        else:
            self.block_sequence(value, mapping)

    def mapping(self, value: dict) -> None:
        if value:
            if not self.flow_level and type(next(reversed(value.values()))) in _COLLECTIONS:
                self.block_mapping(value)
                return
            fast = self._flow_fast(value.items(), True)
            if fast:
                return
            if fast is None and not self.flow_level:   # holds a collection: block style
                self.block_mapping(value)
                return
        if self.flow_level or not value or (_all_flow_leaves(value)
                                             and _all_flow_leaves(value.values())):
            self.flow_mapping(value)
        else:
            self.block_mapping(value)

    # --- short scalars as fixed text ---
    # Most scalars of a workflow are names, paths and placeholders: no space, break or
    # character to escape. Such a scalar never folds, so what it is written as depends only
    # on its context (a "piece", memoised per text in self._pieces), not on the column.
    # Writing those pieces directly, instead of node -> scalar -> style -> writer per item,
    # is about a third of writing a 1,000-task workflow.
    def _piece(self, value: str, ctx: int) -> str:
        """The text of string ``value`` in context ``ctx`` (_BLOCK_VALUE: after ": " or
        "- ", its leading space included; _BLOCK_KEY: with its ":"; _FLOW_VALUE,
        _FLOW_KEY: bare), or "" when it needs the full writer: empty, with a space (it may
        fold), a break or a character to escape, a key that is not simple, a string that is
        not a flow leaf in flow context (its collection is block style then)."""
        piece = ""
        flow, key = ctx >= _FLOW_VALUE, ctx & 1
        if len(value) + 6 > 128:
            pass          # maybe not a simple key: the full path below decides
        elif value[:1] not in _RESOLVERS and " " not in value and _NEUTRAL.fullmatch(value):
            # Names and paths: nothing to quote and nothing a resolver could read as
            # another type (no resolver looks at the first character), so plain
            # everywhere, as choose_style would say after the analysis.
            return self._keep(value, value, ctx)
        elif _PLACEHOLDER.fullmatch(value):
            # "{{inputs.parameters.x}}": a leading indicator rules out plain style, and
            # nothing needs escaping: single-quoted everywhere.
            return self._keep(value, "'" + value + "'", ctx)
        if (value and " " not in value and value.isascii() and value.isprintable()
                and (not flow or _is_flow_leaf(value))
                and (not key or self.is_simple_key(value))):
            styles = self._styles[ctx]      # the same tables as scalar(): same indices
            style = styles.get(value)
            if style is None:
                _text, requested, implicit = _represent_scalar(value)
                saved, self.flow_level = self.flow_level, int(flow)
                style = styles[value] = self.choose_style(value, requested, implicit,
                                                          bool(key))
                self.flow_level = saved
            if style == "":
                piece = value
            elif style == "'":
                piece = "'" + value.replace("'", "''") + "'"
            elif style == '"' and '"' not in value and "\\" not in value:
                piece = '"' + value + '"'
        return self._keep(value, piece, ctx)

    def _keep(self, value: str, piece: str, ctx: int) -> str:
        """Memoises ``piece`` for ``value`` in ``ctx``, with the space or ":" that context
        adds."""
        if piece and ctx == _BLOCK_VALUE:
            piece = " " + piece
        elif piece and ctx == _BLOCK_KEY:
            piece += ":"
        self._pieces[ctx][value] = piece
        return piece

    def _flow_fast(self, items: Any, is_mapping: bool) -> bool | None:
        """Writes a non-empty flow mapping (``items``: its items) or sequence as
        flow_mapping / flow_sequence would, when every item is a piece (or an int); else
        writes nothing and says False, or None when it met a collection item. Only where
        PyYAML breaks the line between items depends on the column, and is replayed here."""
        values, keys = self._pieces[_FLOW_VALUE], self._pieces[_FLOW_KEY]
        parts = []
        for item in items:
            if is_mapping:
                k, v = item
                kp = keys.get(k) if type(k) is str else ""
                if kp is None:
                    kp = self._piece(k, _FLOW_KEY)
                if not kp:
                    return False
            else:
                v = item
            t = type(v)
            if t is str:
                vp = values.get(v)
                if vp is None:
                    vp = self._piece(v, _FLOW_VALUE)
                if not vp:
                    return False
            elif t is int:
                vp = str(v)          # digits: plain, never folded
            elif t is dict or t is list or isinstance(v, (dict, list)):
                return None
            else:
                return False
            parts.append(kp + ": " + vp if is_mapping else vp)
        # write_indicator("{", True, whitespace=True)
        opening = "{" if is_mapping else "["
        if not self.whitespace:
            opening = " " + opening
        column = self.column + len(opening)
        body = ", ".join(parts)
        # The line breaks before an item whose "," ends past the width; the last item's is
        # the furthest (the first item's: the opening's).
        if (column if len(parts) == 1 else column + len(body) - len(parts[-1]) - 1) \
                <= _BEST_WIDTH:
            self.out.append(opening + body + ("}" if is_mapping else "]"))
            self.column = column + len(body) + 1
            self.whitespace = self.indention = self.open_ended = False
            return True
        chunk = [opening]
        indent = _BEST_INDENT if self.indent is None else self.indent + _BEST_INDENT
        first = True
        for part in parts:
            if first:
                first = False
                if column > _BEST_WIDTH:       # write_indent() before the item
                    chunk.append("\n" + " " * indent)
                    column = indent
            elif column + 1 > _BEST_WIDTH:     # "," then write_indent(): no space after
                chunk.append(",\n" + " " * indent)
                column = indent
            else:                              # ", ": the item's own leading space
                chunk.append(", ")
                column += 2
            chunk.append(part)
            column += len(part)
        chunk.append("}" if is_mapping else "]")
        self.out.append("".join(chunk))
        self.column = column + 1
        self.whitespace = self.indention = self.open_ended = False
        return True

    def block_sequence(self, seq: list, mapping: bool) -> None:
        saved = self.indent
        self.increase_indent(flow=False, indentless=mapping and not self.indention)
        out, values = self.out, self._pieces[_BLOCK_VALUE]
        indent = self.indent or 0
        new_line = "\n" + " " * indent + "-"
        for item in seq:
            # write_indent() and write_indicator("-", True, indention=True), inline: they run
            # for every item (indention stays on: a new line sets it, the others need it)
            column = self.column
            if not self.indention or column > indent or (column == indent
                                                         and not self.whitespace):
                out.append(new_line)
                self.indention = True
            else:
                out.append(" " * (indent - column) + "-")
            self.column = indent + 1
            self.whitespace = self.open_ended = False
            t = type(item)
            if t is str:
                vp = values.get(item)
                if vp is None:
                    vp = self._piece(item, _BLOCK_VALUE)
                if vp:                     # after "-": no whitespace, the piece's space
                    out.append(vp)
                    self.column += len(vp)
                    self.indention = False
                    continue
            elif t is dict:
                if type(next(reversed(item.values()), None)) in _COLLECTIONS:
                    self.block_mapping(item)    # (mapping()'s first test, inline)
                else:
                    self.mapping(item)
                continue
            self.node(item)
        self.indent = saved

    def simple_key(self, key: Any) -> bool:
        """Writes ``key`` and its ":" when it is a simple key and says True; else writes
        nothing (the caller writes "? key")."""
        simple = self._simple_keys.get((type(key), key)) if type(key) is str else None
        if simple is None:
            simple = self.is_simple_key(key)
        if not simple:
            return False
        inner = self.indent
        self.indent = _BEST_INDENT if inner is None else inner + _BEST_INDENT
        self.scalar(key, True) if type(key) is str else self.node(key, True, True)
        self.indent = inner
        self.out.append(":")  # write_indicator(":", False)
        self.column += 1
        self.whitespace = self.indention = self.open_ended = False
        return True

    def block_mapping(self, mapping: dict) -> None:
        saved = self.indent
        self.increase_indent(flow=False)
        out = self.out
        keys, values = self._pieces[_BLOCK_KEY], self._pieces[_BLOCK_VALUE]
        indent = self.indent or 0
        new_line = "\n" + " " * indent
        for key, value in mapping.items():
            # write_indent(), inline: it runs for every key. It leaves whitespace on: no
            # space before the key.
            column = self.column
            if not self.indention or column > indent or (column == indent
                                                         and not self.whitespace):
                lead = new_line
            else:
                lead = " " * (indent - column)
            kp = keys.get(key) if type(key) is str else ""
            if kp is None:
                kp = self._piece(key, _BLOCK_KEY)
            if kp:                   # the key and its ":" reset what the indent set
                out.append(lead + kp)
                self.column = indent + len(kp)
                self.whitespace = self.indention = self.open_ended = False
            else:
                if lead:
                    out.append(lead)
                self.column = indent
                self.whitespace = self.indention = True
                if not self.simple_key(key):
                    self.write_indicator("?", True, indention=True)
                    self.node(key, mapping=True)
                    self.write_indent()
                    self.write_indicator(":", True, indention=True)
            t = type(value)
            if t is str:
                vp = values.get(value)
                if vp is None:
                    vp = self._piece(value, _BLOCK_VALUE)
                if vp and not self.whitespace:  # after ":": the piece's own space
                    out.append(vp)
                    self.column += len(vp)
                    self.indention = False
                    continue
                inner = self.indent
                self.indent = _BEST_INDENT if inner is None else inner + _BEST_INDENT
                self.scalar(value, False)
                self.indent = inner
            elif t is dict:
                if type(next(reversed(value.values()), None)) in _COLLECTIONS:
                    self.block_mapping(value)   # (mapping()'s first test, inline)
                else:
                    self.mapping(value)
            elif t is list:
                self.collection(value, True)
            else:
                self.node(value, mapping=True)
        self.indent = saved

    def flow_sequence(self, seq: list) -> None:
        self.write_indicator("[", True, whitespace=True)
        self.flow_level += 1
        saved = self.indent
        self.increase_indent(flow=True)
        out = self.out
        for i, item in enumerate(seq):
            if i:  # write_indicator(",", False)
                out.append(",")
                self.column += 1
                self.whitespace = self.indention = self.open_ended = False
            if self.column > _BEST_WIDTH:
                self.write_indent()
            self.node(item)
        self.indent = saved
        self.flow_level -= 1
        self.write_indicator("]", False)

    def flow_mapping(self, mapping: dict) -> None:
        self.write_indicator("{", True, whitespace=True)
        self.flow_level += 1
        saved = self.indent
        self.increase_indent(flow=True)
        out = self.out
        first = True
        for key, value in mapping.items():
            if first:
                first = False
            else:  # write_indicator(",", False)
                out.append(",")
                self.column += 1
                self.whitespace = self.indention = self.open_ended = False
            if self.column > _BEST_WIDTH:
                self.write_indent()
            if not self.simple_key(key):
                self.write_indicator("?", True)
                self.node(key, mapping=True)
                if self.column > _BEST_WIDTH:
                    self.write_indent()
                self.write_indicator(":", True)
            if type(value) is str:
                inner = self.indent
                self.indent = _BEST_INDENT if inner is None else inner + _BEST_INDENT
                self.scalar(value, False)
                self.indent = inner
            else:
                self.node(value, mapping=True)
        self.indent = saved
        self.flow_level -= 1
        self.write_indicator("}", False)

    def analysis(self, text: str) -> _Analysis:
        a = self._analyses.get(text)
        if a is None:
            a = self._analyses[text] = _analyze(text)
        return a

    def is_simple_key(self, key: Any) -> bool:
        if isinstance(key, (dict, list)):
            return not key
        simple = self._simple_keys.get((type(key), key))
        if simple is None:
            text = _represent_scalar(key)[0]
            a = self.analysis(text)
            # PyYAML counts the prepared tag too ("!!str", "!!int", "!!bool", "!!null"...).
            simple = self._simple_keys[(type(key), key)] = (
                len(text) + _TAG_LENGTH[type(key)] < 128 and not a.empty and not a.multiline)
        return simple

    def choose_style(self, text: str, style: str | None, implicit: bool | None,
                     simple_key: bool) -> str:
        a = self.analysis(text)
        if style == '"':
            return '"'
        if not style:
            if implicit is None:
                implicit = self._implicit.get(text)
                if implicit is None:
                    implicit = self._implicit[text] = _plain_resolves_to_str(text)
            if implicit and not (simple_key and (a.empty or a.multiline)) and (
                    (self.flow_level and a.flow_plain)
                    or (not self.flow_level and a.block_plain)):
                return ""
        if style and style in "|>":
            if not self.flow_level and not simple_key and a.block:
                return style
        if not style or style == "'":
            if a.single and not (simple_key and a.multiline):
                return "'"
        return '"'

    def scalar(self, value: Any, simple_key: bool) -> None:
        if type(value) is str:
            # The style depends only on the text, flow or block context, and key position.
            styles = self._styles[(self.flow_level > 0) * 2 + simple_key]
            style = styles.get(value)
            if style is None:
                _text, requested, implicit = _represent_scalar(value)
                style = styles[value] = self.choose_style(value, requested, implicit,
                                                          simple_key)
            if style == "" and " " not in value:
                # write_plain without spaces: nothing can fold, the text goes as it is.
                if not self.whitespace:
                    self.column += 1
                    self.out.append(" ")
                self.whitespace = self.indention = False
                self.column += len(value)
                self.out.append(value)
                return
            text = value
        else:
            text, requested, implicit = _represent_scalar(value)
            style = self.choose_style(text, requested, implicit, simple_key)
        if len(text) <= 24:  # short: write directly (fast paths inside the writers)
            if style == "":
                self.write_plain(text, not simple_key)
            elif style == "'":
                self.write_single_quoted(text, not simple_key)
            elif style == '"':
                self.write_double_quoted(text, not simple_key)
            else:
                self.write_literal(text)
            return
        split = not simple_key
        key = (style, text, split, self.column, self.indent, self.whitespace, self.indention)
        done = self._written.get(key)
        if done is None:
            start = len(self.out)
            if style == '"':
                self.write_double_quoted(text, split)
            elif style == "'":
                self.write_single_quoted(text, split)
            elif style == "|":
                self.write_literal(text)
            else:
                self.write_plain(text, split)
            chunk = "".join(self.out[start:])
            del self.out[start:]
            self.out.append(chunk)
            ended = self.open_ended if style else None  # plain text leaves it alone
            self._written[key] = (chunk, self.column, self.whitespace, self.indention, ended)
        else:
            self.out.append(done[0])
            self.column, self.whitespace, self.indention = done[1], done[2], done[3]
            if done[4] is not None:
                self.open_ended = done[4]

    # --- scalar writers, ported from PyYAML's Emitter ---
    def write_plain(self, text: str, split: bool) -> None:
        if not text:
            return
        if not self.whitespace:
            self.column += 1
            self.out.append(" ")
        self.whitespace = False
        self.indention = False
        if " " not in text or self.column + len(text) <= _BEST_WIDTH:
            # No space can fall past the width: nothing to fold (analysis forbids breaks).
            self.column += len(text)
            self.out.append(text)
            return
        # Plain scalars never hold line breaks (the analysis forbids them), so PyYAML's
        # break handling is left out: only single spaces past the width fold. PyYAML's
        # character loop, a run of spaces or of other characters at a time.
        out = self.out
        for run in _RUNS.findall(text):
            if run == " " and self.column > _BEST_WIDTH and split:
                self.write_indent()
                self.whitespace = False
                self.indention = False
            else:
                self.column += len(run)
                out.append(run)

    def write_single_quoted(self, text: str, split: bool) -> None:
        self.write_indicator("'", True)
        data = text.replace("'", "''")
        if not any(b in text for b in _BREAKS):
            if " " not in text or self.column + len(data) <= _BEST_WIDTH:
                self.column += len(data)
                self.out.append(data)
            else:
                # PyYAML's character loop without breaks, a run at a time: a single space
                # past the width, not first or last, folds.
                out, start, n = self.out, 0, len(text)
                for run in _RUNS.findall(text):
                    end = start + len(run)
                    if run == " " and self.column > _BEST_WIDTH and split and start and end != n:
                        self.write_indent()
                    else:
                        if run[0] != " ":
                            run = run.replace("'", "''")
                        self.column += len(run)
                        out.append(run)
                    start = end
            self.write_indicator("'", False)
            return
        spaces = breaks = False
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if spaces:
                if ch is None or ch != " ":
                    if (start + 1 == end and self.column > _BEST_WIDTH and split
                            and start != 0 and end != n):
                        self.write_indent()
                    else:
                        data = text[start:end]
                        self.column += len(data)
                        self.out.append(data)
                    start = end
            elif breaks:
                if ch is None or ch not in _BREAKS:
                    if text[start] == "\n":
                        self.write_line_break()
                    for br in text[start:end]:
                        self.write_line_break(br)
                    self.write_indent()
                    start = end
            else:
                if ch is None or ch in " \n\x85\u2028\u2029" or ch == "'":
                    if start < end:
                        data = text[start:end]
                        self.column += len(data)
                        self.out.append(data)
                        start = end
            if ch == "'":
                self.column += 2
                self.out.append("''")
                start = end + 1
            if ch is not None:
                spaces = ch == " "
                breaks = ch in _BREAKS
            end += 1
        self.write_indicator("'", False)

    def write_double_quoted(self, text: str, split: bool) -> None:
        self.write_indicator('"', True)
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if ch is None or ch in '"\\\x85\u2028\u2029\uFEFF' or not ("\x20" <= ch <= "\x7E"):
                if start < end:
                    data = text[start:end]
                    self.column += len(data)
                    self.out.append(data)
                    start = end
                if ch is not None:
                    if ch in _ESCAPES:
                        data = "\\" + _ESCAPES[ch]
                    elif ch <= "\xFF":
                        data = "\\x%02X" % ord(ch)
                    elif ch <= "\uFFFF":
                        data = "\\u%04X" % ord(ch)
                    else:
                        data = "\\U%08X" % ord(ch)
                    self.column += len(data)
                    self.out.append(data)
                    start = end + 1
            if (0 < end < n - 1 and (ch == " " or start >= end)
                    and self.column + (end - start) > _BEST_WIDTH and split):
                data = text[start:end] + "\\"
                if start < end:
                    start = end
                self.column += len(data)
                self.out.append(data)
                self.write_indent()
                self.whitespace = False
                self.indention = False
                if text[start] == " ":
                    self.column += 1
                    self.out.append("\\")
            end += 1
        self.write_indicator('"', False)

    def write_literal(self, text: str) -> None:
        hints = ""
        if text[0] in " \n\x85\u2028\u2029":
            hints += str(_BEST_INDENT)
        if text[-1] not in _BREAKS:
            hints += "-"
        elif len(text) == 1 or text[-2] in _BREAKS:
            hints += "+"
        self.write_indicator("|" + hints, True)
        self.open_ended = hints[-1:] == "+"
        self.write_line_break()
        # Lines are written as they are; break characters are only "\n" here because
        # \x85, \u2028 and \u2029 are special characters, which rule out block style.
        indent = " " * (self.indent or 0)
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()  # the final break is written below either way
        out = self.out
        for i, line in enumerate(lines):
            if i:
                out.append("\n")
            if line:
                out.append(indent + line)
        out.append("\n")
        # PyYAML ends a literal with a line break whether or not the text has one.
        self.whitespace = True
        self.indention = True
        self.column = 0


def _emit(data: Any) -> _Emitter:
    em = _Emitter()
    em.node(data)
    em.write_indent()  # PyYAML's document end
    if em.open_ended:
        em.write_indicator("...", True)
        em.write_indent()
    return em


def dump(data: Any) -> str:
    """``kfp.components._yaml_utils.dump_yaml(data)`` for plain data, byte for byte."""
    return "".join(_emit(data).out)


def emit_pieces(data: Any) -> tuple[list[str], Marks]:
    """What ``dump`` joins (``"".join(pieces)``), and where the ``Marked`` dicts are
    (``marks.resolve(pieces)`` gives the text and its line ranges). A caller that lets
    ``data`` go before joining holds less at once."""
    em = _emit(data)
    return em.out, em.marks   # not the emitter's tables (every string's style and analysis)
