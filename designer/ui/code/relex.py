"""Re-lex only what changed: a preview edit re-highlights a few lines, not 150k.

A 1,000-task pipeline is 90k lines of v1 YAML and 58k of v2; lexing them whole with
pygments took 4-5 s of the 5 s from an edit to up-to-date previews, for a change of a
few lines. ``lex`` lexes a text once and keeps, every ``MARK_EVERY`` lines, the lexer's
state at that line's start (a *mark*). ``relex`` gets the line edits between the old
and the new text (``line_edits``), copies the spans of every unchanged line, and lexes
the new text from a mark shortly before each change until the lexer is back in the
state the old text had at a mark after it. From there on the old spans are the new
ones: the lexer's output from a line start depends only on its state there and the
text after it (its rules look at most two characters past a newline; the margin of
``MARGIN`` lines covers that). The result equals a whole lex, which the tests check
on random edits.

``_lex_from`` is a copy of pygments' lexing loop that can start in a state and stop at
a line: the state is the YAML lexer's context (which holds indentation) or the Python
lexer's state stack.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Callable

from pygments.token import Error, Text, Whitespace, _TokenType

from designer.ui.code.highlighter import (
    UNSTYLED,
    SpanTable,
    _token_id,
    line_spans,
    make_lexer,
    span_array,
    widen,
    widened_with,
)

if TYPE_CHECKING:   # pygments.lexer is imported on first use (its plugin lookup is slow)
    from pygments.lexer import LexerContext, RegexLexer

MARK_EVERY = 32   # lines between two marks
MARGIN = 2        # lines re-lexed before a change at least
CHUNK = 16384     # lines' indexes copied in one go (the UI thread waits for the GIL meanwhile)

State = tuple      # a lexer context without its text and position, frozen


@dataclass(frozen=True, eq=False)
class Lexed:
    """A text's spans (``SpanTable``) and, for context lexers, the marks to resume at."""
    text: str
    language: str
    spans: SpanTable
    marks: dict[int, State] | None = None     # line -> state at its start; None: lex whole
    lexed_lines: int = 0                       # lines this result lexed (the work done)
    starts: array | None = None                # where each line starts (``line_starts``)


def lex(text: str, language: str) -> Lexed:
    """Lex ``text`` whole (keeping marks where the lexer can resume at them)."""
    from pygments.lexer import RegexLexer
    lexer = make_lexer(language)
    starts = line_starts(text)
    if not isinstance(lexer, RegexLexer):
        return Lexed(text, language, line_spans(text, language), None, len(starts), starts)
    out = _Builder()
    marks: dict[int, State] = {}
    _lex_from(lexer, text, starts, 0, None, out, marks, None)
    return Lexed(text, language, out.finish(len(starts)), marks, len(starts), starts)


def relex(old: Lexed, new_text: str, edits: list[tuple[int, int, int, int]]) -> Lexed:
    """The lexing of ``new_text``, given ``old`` and the line edits from its text to the
    new one (in order, as ``line_edits`` gives them). Equal to ``lex(new_text, ...)``."""
    if old.marks is None or not edits:
        if not edits and new_text == old.text:
            return old
        return lex(new_text, old.language)
    lexer = make_lexer(old.language)
    starts = line_starts(new_text)
    count = len(starts)
    # The unchanged stretches as (new start, new end, old start), in order.
    equal: list[tuple[int, int, int]] = []
    i = j = 0
    for i1, i2, j1, j2 in edits:
        if j1 > j:
            equal.append((j, j1, i))
        i, j = i2, j2
    if j < count:
        equal.append((j, count, i))
    equal_starts = [e[0] for e in equal]
    old_marks = old.marks
    old_mark_lines = sorted(old_marks)

    def old_line(new_line: int) -> int | None:
        """The old line an unchanged new line was, None for a changed one."""
        k = bisect.bisect_right(equal_starts, new_line) - 1
        if k >= 0 and new_line < equal[k][1]:
            return new_line - equal[k][0] + equal[k][2]
        return None

    out = _Builder()
    marks: dict[int, State] = {}
    cur = 0                      # new lines before this one have their spans
    state: State | None = None   # the lexer's state at the start of ``cur`` (None: fresh)
    lexed = 0
    ran_to = -1                  # where the last run of the lexer ended
    for i1, i2, j1, j2 in edits:
        if j2 < cur or (j2 == cur and ran_to == cur):
            continue             # the last run lexed past this change already
        # Resume at the last mark at least MARGIN lines before the change, in the
        # stretch since ``cur`` (whose states equal the old ones).
        start, start_state = cur, state
        limit_new = max(cur, j1 - MARGIN)
        o_cur, o_limit = old_line(cur), old_line(limit_new)
        if o_cur is not None and o_limit is not None:
            k = bisect.bisect_right(old_mark_lines, o_limit) - 1
            if k >= 0 and old_mark_lines[k] >= o_cur:
                o = old_mark_lines[k]
                start, start_state = cur + (o - o_cur), old_marks[o]
        _copy(out, old.spans, marks, old_marks, old_mark_lines, cur, start, o_cur)
        stop_from = max(j2, start + 1)

        def wanted(line: int, stop_from=stop_from) -> State | None:
            """The old state at a new line past the change (to stop at), if marked."""
            if line < stop_from:
                return None
            o = old_line(line)
            return old_marks.get(o) if o is not None else None

        end = _lex_from(lexer, new_text, starts, start, start_state, out, marks, wanted)
        lexed += end - start
        cur = ran_to = end
        state = marks.get(end) if end < count else None
        if end >= count:
            break
    if cur < count:
        _copy(out, old.spans, marks, old_marks, old_mark_lines, cur, count, old_line(cur))
    spans = out.finish(count)
    return Lexed(new_text, old.language, spans, marks, lexed, starts)


# --------------------------------------------------------------------------- pieces

def line_starts(text: str) -> array:
    """Where each line of ``text`` starts (the first at 0; a last empty line counts): 4
    bytes a line (a list of ints took 36, 6.5 MB for a 182k-line YAML)."""
    starts = array("i", [0])
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class _Builder:
    """A SpanTable built line after line; ``open`` is the line being filled."""

    def __init__(self):
        self.data = span_array()
        self.index = array("i", [0])

    @property
    def open(self) -> int:
        return len(self.index) - 1

    def close_to(self, line: int) -> None:
        """Lines before ``line`` are complete."""
        index, n = self.index, len(self.data) // 3
        while len(index) <= line:
            index.append(n)

    def copy(self, table: SpanTable, a: int, b: int) -> None:
        """Append ``table``'s lines a..b-1 as the next lines (the open line is empty)."""
        if b <= a:
            return
        # Straight from buffer to buffer, and lazily: a slice or a list of 182k lines'
        # worth of ints is 13 MB of a v1 YAML's spans held twice for a moment.
        idx = table._index
        shift = len(self.data) // 3 - idx[a]
        if table._data.typecode == "i":
            self.data = widen(self.data)
        if self.data.typecode == table._data.typecode:
            size = 3 * table._data.itemsize
            with memoryview(table._data) as view, view.cast("B") as raw:
                self.data.frombytes(raw[size * idx[a]:size * idx[b]])
        else:
            self.data.extend(islice(table._data, 3 * idx[a], 3 * idx[b]))
        for k in range(a + 1, b + 1, CHUNK):   # one C loop over 182k holds the GIL 14 ms
            self.index.extend(map(shift.__add__, idx[k:min(k + CHUNK, b + 1)]))

    def finish(self, count: int) -> SpanTable:
        self.close_to(count)
        return SpanTable(self.data, self.index)


def _copy(out: _Builder, table: SpanTable, marks: dict[int, State],
          old_marks: dict[int, State], old_mark_lines: list[int], a: int, b: int,
          old_a: int | None) -> None:
    """New lines a..b-1 are the old lines from ``old_a`` on: their spans and marks."""
    if b <= a or old_a is None:
        return
    old_b = old_a + (b - a)
    out.copy(table, old_a, old_b)
    for k in range(bisect.bisect_left(old_mark_lines, old_a),
                   bisect.bisect_left(old_mark_lines, old_b)):
        o = old_mark_lines[k]
        marks[o - old_a + a] = old_marks[o]


_STATES: dict[State, State] = {}   # every state frozen so far, once
_STATES_MAX = 4096


def _freeze(ctx: LexerContext) -> State:
    """The lexer's state, frozen and interned: the 5,689 marks of a 182k-line v1 YAML are
    17 distinct states (3 MB as separate tuples, a few kB shared)."""
    state = tuple((k, tuple(v) if isinstance(v, list) else v)
                  for k, v in sorted(vars(ctx).items()) if k not in ("text", "pos", "end"))
    if len(_STATES) > _STATES_MAX:      # a text of unusual nesting: start over
        _STATES.clear()
    return _STATES.setdefault(state, state)


def _context(lexer: RegexLexer, text: str, pos: int, state: State | None) -> LexerContext:
    """The context the lexer would make (YAML's holds indentation), at ``pos`` in ``state``;
    for a plain RegexLexer, a context holding its state stack."""
    from pygments.lexer import LexerContext
    from pygments.lexers.data import YamlLexer, YamlLexerContext
    ctx = YamlLexerContext(text, pos) if isinstance(lexer, YamlLexer) else LexerContext(text, pos)
    if state is not None:
        for k, v in state:
            setattr(ctx, k, list(v) if isinstance(v, tuple) else v)
    return ctx


def _lex_from(lexer: RegexLexer, text: str, starts: list[int], line0: int,
              state: State | None, out: _Builder, marks: dict[int, State],
              stop: Callable[[int], State | None] | None) -> int:
    """Lex ``text`` from the start of ``line0`` in ``state`` (None: as a fresh lexer),
    filling ``out`` from that line; record a mark at each MARK_EVERY-th line start the
    lexer arrives at, and end at the first line start (past ``line0``) whose state is
    the one ``stop`` wants there, if it wants one (returned;
    ``len(starts)`` at the end of the text). pygments' ``ExtendedRegexLexer`` loop, which
    also runs a plain ``RegexLexer`` (its callbacks take no context and it moves on
    past each match itself)."""
    from pygments.lexer import ExtendedRegexLexer
    extended = isinstance(lexer, ExtendedRegexLexer)
    newline = Text if extended else Whitespace
    ctx = _context(lexer, text, starts[line0], state)
    tokendefs = lexer._tokens
    statetokens = tokendefs[ctx.stack[-1]]
    count = len(starts)
    index = out.index
    line = line0                  # the line ctx.pos is in
    next_start = starts[line + 1] if line + 1 < count else len(text) + 1
    arrived = line0 - 1           # the last line whose start the loop has been at

    def emit(pos: int, ttype: _TokenType, value: str) -> None:
        tid = _token_id(ttype)
        if tid == UNSTYLED:
            return
        ln = bisect.bisect_right(starts, pos, line0) - 1
        col = pos - starts[ln]
        data = out.data
        for i, part in enumerate(value.split("\n")):
            if part and ln + i < count:
                while len(index) <= ln + i:
                    index.append(len(data) // 3)
                triple = (col if i == 0 else 0, len(part), tid)
                try:
                    data.extend(triple)
                except OverflowError:
                    data = out.data = widened_with(data, triple)

    end = ctx.end
    while 1:
        pos = ctx.pos
        if pos >= next_start:
            while line + 1 < count and starts[line + 1] <= pos:
                line += 1
            next_start = starts[line + 1] if line + 1 < count else len(text) + 1
        if pos == starts[line] and line > arrived:
            arrived = line
            want = stop(line) if stop is not None and line > line0 else None
            if want is not None or line % MARK_EVERY == 0:
                frozen = _freeze(ctx)
                if want is not None and frozen == want:
                    out.close_to(line)
                    marks[line] = frozen
                    return line
                if line % MARK_EVERY == 0:
                    marks[line] = frozen
        for rexmatch, action, new_state in statetokens:
            m = rexmatch(text, ctx.pos, end)
            if m:
                if not extended:
                    if action is not None:
                        if type(action) is _TokenType:
                            emit(ctx.pos, action, m.group())
                        else:
                            for p, t, v in action(lexer, m):
                                emit(p, t, v)
                    ctx.pos = m.end()
                elif action is not None:
                    if type(action) is _TokenType:
                        emit(ctx.pos, action, m.group())
                        ctx.pos = m.end()
                    else:
                        for p, t, v in action(lexer, m, ctx):
                            emit(p, t, v)
                        if not new_state:
                            statetokens = tokendefs[ctx.stack[-1]]
                if new_state is not None:
                    if isinstance(new_state, tuple):
                        for s in new_state:
                            if s == "#pop":
                                if len(ctx.stack) > 1:
                                    ctx.stack.pop()
                            elif s == "#push":
                                ctx.stack.append(ctx.stack[-1])
                            else:
                                ctx.stack.append(s)
                    elif isinstance(new_state, int):
                        if abs(new_state) >= len(ctx.stack):
                            del ctx.stack[1:]
                        else:
                            del ctx.stack[new_state:]
                    elif new_state == "#push":
                        ctx.stack.append(ctx.stack[-1])
                    statetokens = tokendefs[ctx.stack[-1]]
                break
        else:
            if ctx.pos >= end:
                break
            if text[ctx.pos] == "\n":
                ctx.stack = ["root"]
                statetokens = tokendefs["root"]
                emit(ctx.pos, newline, "\n")
                ctx.pos += 1
                continue
            emit(ctx.pos, Error, text[ctx.pos])
            ctx.pos += 1
    out.close_to(count)
    return count
