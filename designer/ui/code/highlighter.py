"""Syntax highlighting fed by pygments tokens, themed from the widget palette.

Two ways to feed a QSyntaxHighlighter:
- *incremental* (editable code): each block is lexed alone, starting from the
  lexer state the previous block ended in. Only a state that spans lines (inside
  a triple-quoted string) is carried over; Python resets at each line otherwise.
  States are interned to ints for ``setCurrentBlockState``, so Qt re-highlights
  following blocks only while their start state changes.
- *precomputed* (read-only previews): the whole text is lexed once, in a worker
  thread (``line_spans`` is pure Python, kept up to date by ``relex``), into a
  compact ``SpanTable`` that the preview's own view paints (``preview/text_view.py``).

Lexers are made on first use: importing ``pygments.lexer`` (its plugin lookup reads
package metadata) and compiling a lexer's rules cost tens of ms at start-up.
"""
from __future__ import annotations

import bisect
import re
import threading
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Token,
    _TokenType,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

if TYPE_CHECKING:
    from pygments.lexer import Lexer, RegexLexer

# (start, length, token type) within one line.
Span = tuple[int, int, _TokenType]

# --------------------------------------------------------------------------- themes

# token -> (colour, bold, italic). Lookups walk up the token hierarchy.
_LIGHT_TOKENS: dict[_TokenType, tuple[str, bool, bool]] = {
    Keyword: ("#717100", False, False),
    Keyword.Constant: ("#717100", False, False),
    Keyword.Namespace: ("#717100", False, False),
    Name.Function: ("#00677c", True, False),
    Name.Function.Magic: ("#00677c", False, False),
    Name.Class: ("#800080", True, False),
    Name.Builtin: ("#800080", False, False),
    Name.Builtin.Pseudo: ("#800000", False, False),
    Name.Decorator: ("#9e5a00", False, False),
    Name.Exception: ("#800080", False, False),
    Name.Tag: ("#000080", False, False),          # YAML keys
    Name.Variable: ("#1a1a1a", False, False),     # YAML flow-style scalars
    Name.Constant: ("#2e6b2e", False, False),     # YAML block scalars (embedded code)
    String: ("#008000", False, False),
    String.Doc: ("#5c6f5c", False, True),
    String.Escape: ("#a65800", False, False),
    String.Interpol: ("#a65800", False, False),
    Literal.Scalar.Plain: ("#1a1a1a", False, False),
    Number: ("#000080", False, False),
    Comment: ("#6d6d6d", False, True),
    Operator.Word: ("#717100", False, False),
    Punctuation.Indicator: ("#717100", False, False),
    Generic.Error: ("#c00000", False, False),
    Error: ("#c00000", False, False),
}

_DARK_TOKENS: dict[_TokenType, tuple[str, bool, bool]] = {
    Keyword: ("#45c6d6", False, False),
    Keyword.Constant: ("#45c6d6", False, False),
    Keyword.Namespace: ("#45c6d6", False, False),
    Name.Function: ("#e6d59a", True, False),
    Name.Function.Magic: ("#e6d59a", False, False),
    Name.Class: ("#ff8080", True, False),
    Name.Builtin: ("#ff8080", False, False),
    Name.Builtin.Pseudo: ("#d69aa7", False, False),
    Name.Decorator: ("#bbb529", False, False),
    Name.Exception: ("#ff8080", False, False),
    Name.Tag: ("#45c6d6", False, False),
    Name.Variable: ("#d6cf9a", False, False),
    Name.Constant: ("#c4a06a", False, False),
    String: ("#d69545", False, False),
    String.Doc: ("#9db39d", False, True),
    String.Escape: ("#e8bf6a", False, False),
    String.Interpol: ("#e8bf6a", False, False),
    Literal.Scalar.Plain: ("#d6cf9a", False, False),
    Number: ("#8a9cff", False, False),
    Comment: ("#a9adb2", False, True),
    Operator.Word: ("#45c6d6", False, False),
    Punctuation.Indicator: ("#45c6d6", False, False),
    Generic.Error: ("#ff8c8c", False, False),
    Error: ("#ff8c8c", False, False),
}


@dataclass
class Theme:
    """Token formats plus the colours of the editor chrome (gutter, current line...)."""
    dark: bool
    background: QColor
    foreground: QColor
    gutter_background: QColor
    gutter_foreground: QColor
    gutter_current: QColor
    current_line: QColor
    error: QColor
    error_background: QColor
    located: QColor           # the block a selected node maps to in a preview
    tokens: dict[_TokenType, tuple[str, bool, bool]] = field(repr=False)
    _cache: dict[_TokenType, QTextCharFormat | None] = field(default_factory=dict, repr=False)

    def format_for(self, ttype: _TokenType) -> QTextCharFormat | None:
        """The format of a token type (nearest themed ancestor), None for plain text."""
        if ttype in self._cache:
            return self._cache[ttype]
        t = ttype
        while t is not None and t not in self.tokens and t is not Token:
            t = t.parent
        fmt = None
        if t is not None and t in self.tokens:
            colour, bold, italic = self.tokens[t]
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
        self._cache[ttype] = fmt
        return fmt


def is_dark(palette: QPalette) -> bool:
    """Dark when the window colour is darker than mid-grey."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(palette: QPalette) -> Theme:
    if is_dark(palette):
        return Theme(True, QColor("#2b2b2b"), QColor("#dcdcdc"), QColor("#313335"),
                     QColor("#9a9da1"), QColor("#d0d0d0"), QColor("#323438"), QColor("#ff5f5f"),
                     QColor(255, 95, 95, 45), QColor(69, 198, 214, 26), _DARK_TOKENS)
    return Theme(False, QColor("#ffffff"), QColor("#1a1a1a"), QColor("#f3f3f3"),
                 QColor("#6d6d6d"), QColor("#2a2a2a"), QColor("#f5f7fb"), QColor("#d60000"),
                 QColor(214, 0, 0, 28), QColor(255, 200, 60, 60), _LIGHT_TOKENS)


def make_lexer(language: str) -> Lexer:
    if language == "python":
        from pygments.lexers.python import PythonLexer
        return PythonLexer(stripnl=False, ensurenl=False)
    if language == "yaml":
        from pygments.lexers.data import YamlLexer
        return YamlLexer(stripnl=False, ensurenl=False)
    raise ValueError(f"no lexer for {language!r}")


# --------------------------------------------------------------------------- pure lexing

# Token types by number, shared by every SpanTable (a handful of distinct types).
_TOKEN_TYPES: list[_TokenType] = []
_TOKEN_IDS: dict[_TokenType, int] = {}
_TOKEN_LOCK = threading.Lock()
UNSTYLED = -1   # the id of a token type no theme colours: it gets no span


def is_styled(ttype: _TokenType) -> bool:
    """Does a theme colour this token type (itself or its nearest themed ancestor, as
    ``Theme.format_for`` looks it up)? Both themes colour the same types."""
    t = ttype
    while t is not None and t is not Token:
        if t in _LIGHT_TOKENS:
            return True
        t = t.parent
    return False


def _token_id(ttype: _TokenType) -> int:
    """A styled token type's number in every SpanTable; UNSTYLED for the others (plain
    text, whitespace, most punctuation: about half the tokens of a YAML)."""
    number = _TOKEN_IDS.get(ttype)
    if number is None:
        with _TOKEN_LOCK:
            number = _TOKEN_IDS.get(ttype)
            if number is None:
                if is_styled(ttype):
                    _TOKEN_TYPES.append(ttype)
                    number = len(_TOKEN_TYPES) - 1
                else:
                    number = UNSTYLED
                _TOKEN_IDS[ttype] = number
    return number


def span_array() -> array:
    """The array a SpanTable's (start, length, token) triples go in: 2 bytes each, until a
    value needs more (``widen``)."""
    return array("H")


def widen(data: array) -> array:
    """``data`` with room for any int (a column or length past 65,535)."""
    return array("i", data) if data.typecode != "i" else data


def widened_with(data: array, triple: tuple[int, int, int]) -> array:
    """``data`` widened, then ``triple`` added: what a 2-byte table does when a triple
    does not fit (its first numbers may have gone in before the one that did not)."""
    del data[len(data) - len(data) % 3:]
    data = widen(data)
    data.extend(triple)
    return data


class SpanTable:
    """The styled spans of every line of a text, packed in two int arrays.

    A list of lists of tuples for a 150k-line YAML is a million objects the garbage
    collector walks on every full collection (hundreds of ms, while holding the GIL:
    the UI thread stalls); two arrays are two objects. ``table[i]`` is line i's spans.
    Only tokens a theme colours have a span, in 2-byte numbers while they fit: a
    182k-line v1 YAML's table is about 3.5 MB (13 MB with every token in 4-byte ints).
    """

    __slots__ = ("_data", "_index")

    def __init__(self, data: array, index: array):
        self._data = data      # (start, length, token id) triples, line after line
        self._index = index    # line i's triples are data[3 * index[i]:3 * index[i + 1]]

    def __len__(self) -> int:
        return len(self._index) - 1

    def __getitem__(self, line: int) -> list[Span]:
        if not 0 <= line < len(self):
            return []
        data, types = self._data, _TOKEN_TYPES
        return [(data[k], data[k + 1], types[data[k + 2]])
                for k in range(3 * self._index[line], 3 * self._index[line + 1], 3)]


def line_spans(text: str, language: str) -> SpanTable:
    """Styled spans of every line of ``text``, lexing the whole text at once (thread-safe)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    count = len(starts)
    # Tokens come in text order, so lines fill one after the other: straight into the
    # flat arrays (an array per line would be a GC-tracked object per line).
    data, index = span_array(), array("i", [0])
    for pos, ttype, value in make_lexer(language).get_tokens_unprocessed(text):
        tid = _token_id(ttype)
        if tid == UNSTYLED:
            continue
        # A token may span lines (block scalars, docstrings): cut it at each newline.
        line = bisect.bisect_right(starts, pos) - 1
        col = pos - starts[line]
        for i, part in enumerate(value.split("\n")):
            if part and line + i < count:
                while len(index) <= line + i:      # close the lines before this one
                    index.append(len(data) // 3)
                triple = (col if i == 0 else 0, len(part), tid)
                try:
                    data.extend(triple)
                except OverflowError:
                    data = widened_with(data, triple)
    while len(index) <= count:
        index.append(len(data) // 3)
    return SpanTable(data, index)


def _multiline_states(lexer: RegexLexer) -> frozenset[str]:
    """Lexer states that continue past a newline: the triple-quoted string states and
    the combined states built from them (pygments shares the rule objects)."""
    tokens = lexer._tokens
    roots = [n for n in ("tdqs", "tsqs", "tdqf", "tsqf") if n in tokens]
    out = set()
    for name, rules in tokens.items():
        ids = set(map(id, rules))
        if any(set(map(id, tokens[r])) <= ids for r in roots):
            out.add(name)
    return frozenset(out)


def lex_line(lexer: RegexLexer, text: str, stack: tuple[str, ...],
             multiline: frozenset[str]) -> tuple[list[Span], tuple[str, ...]]:
    """Tokens of one line starting in ``stack``, and the stack the next line starts in.

    A copy of RegexLexer.get_tokens_unprocessed that also returns the final stack.
    """
    source = text + "\n"
    tokendefs = lexer._tokens
    statestack = list(stack)
    statetokens = tokendefs[statestack[-1]]
    spans: list[Span] = []
    pos = 0

    def emit(start: int, ttype: _TokenType, value: str) -> None:
        length = min(len(value), len(text) - start)
        if length > 0:
            spans.append((start, length, ttype))

    while pos < len(source):
        for rexmatch, action, new_state in statetokens:
            m = rexmatch(source, pos)
            if not m:
                continue
            if action is not None:
                if type(action) is _TokenType:
                    emit(pos, action, m.group())
                else:
                    for p, t, v in action(lexer, m):
                        emit(p, t, v)
            # A zero-length match without a state change would loop forever.
            moved = m.end() > pos
            pos = m.end()
            if new_state is not None:
                if isinstance(new_state, tuple):
                    for state in new_state:
                        if state == "#pop":
                            if len(statestack) > 1:
                                statestack.pop()
                        elif state == "#push":
                            statestack.append(statestack[-1])
                        else:
                            statestack.append(state)
                elif isinstance(new_state, int):
                    if abs(new_state) >= len(statestack):
                        del statestack[1:]
                    else:
                        del statestack[new_state:]
                elif new_state == "#push":
                    statestack.append(statestack[-1])
                statetokens = tokendefs[statestack[-1]]
            elif not moved:
                pos += 1
            break
        else:
            if source[pos] == "\n":
                statestack = ["root"]
                statetokens = tokendefs["root"]
            else:
                emit(pos, Error, source[pos])
            pos += 1
    if not any(s in multiline for s in statestack):
        statestack = ["root"]
    return spans, tuple(statestack)


# --------------------------------------------------------------------------- Qt side

class PygmentsHighlighter(QSyntaxHighlighter):
    """Highlights a QTextDocument with pygments tokens in a theme.

    ``language`` "python" highlights incrementally (editable); other languages line
    by line.
    """

    def __init__(self, document: QTextDocument, language: str, theme: Theme):
        super().__init__(document)
        self.language = language
        self._theme = theme
        self._incremental = language == "python"   # PythonLexer is a RegexLexer
        self._lexer: Lexer | None = None             # made on first use (see module doc)
        self._multiline: frozenset[str] = frozenset()
        self._states: list[tuple[tuple[str, ...], bool]] = [_ROOT]
        self._state_ids: dict[tuple[tuple[str, ...], bool], int] = {_ROOT: 0}

    def _ensure_lexer(self) -> RegexLexer:
        if self._lexer is None:
            self._lexer = make_lexer(self.language)
            if self._incremental:
                self._multiline = _multiline_states(self._lexer)
        return self._lexer

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        if self._incremental:
            prev = self.previousBlockState()
            stack, in_doc = self._states[prev] if 0 <= prev < len(self._states) else _ROOT
            if not text and (stack, in_doc) == _ROOT:
                self.setCurrentBlockState(0)   # an empty line outside strings: no lexer needed
                return
            spans, end = lex_line(self._ensure_lexer(), text, stack, self._multiline)
            in_doc = in_doc or bool(_DOCSTRING_START.match(text))
            if in_doc:
                spans = _as_docstring(spans)
            self.setCurrentBlockState(self._intern((end, in_doc and end != ("root",))))
        else:
            spans = line_spans(text, self.language)[0]
        theme = self._theme
        for start, length, ttype in spans:
            fmt = theme.format_for(ttype)
            if fmt is not None:
                self.setFormat(start, length, fmt)

    def _intern(self, state: tuple[tuple[str, ...], bool]) -> int:
        number = self._state_ids.get(state)
        if number is None:
            number = self._state_ids[state] = len(self._states)
            self._states.append(state)
        return number


# Block states are (lexer stack, inside a docstring).
_ROOT: tuple[tuple[str, ...], bool] = (("root",), False)
# A statement that is only a (triple-quoted) string: a docstring, styled as such.
_DOCSTRING_START = re.compile(r"""^\s*[rRuU]?(\"\"\"|\'\'\')""")


def _as_docstring(spans: list[Span]) -> list[Span]:
    """Leading string spans of a line inside/opening a docstring become String.Doc."""
    out, leading = [], True
    for start, length, ttype in spans:
        if leading and ttype in String:
            ttype = String.Doc
        elif leading and ttype not in Token.Text:
            leading = False
        out.append((start, length, ttype))
    return out
