"""Type-hint stripping as kfp 1.8.9 does it to a component's source (``strip_type_hints``).

kfp first tries a lib2to3 fixer; when lib2to3 cannot parse the source (syntax newer than its
grammar: ``match``, ``except*``, parenthesised context managers, relaxed decorators...) it
falls back to the ``strip-hints`` package (0.2.0, ``to_empty=True``).  Both are reproduced
here with ``tokenize``, without either library:

* lib2to3: every ``name: annotation`` parameter of every ``def`` loses ``: annotation`` with
  the whitespace and comments before and inside it; every ``-> annotation`` loses itself and
  the whitespace before it.  Nothing else changes.
* strip-hints: the same, but line breaks inside removed annotations are kept (for a return
  annotation the ``:`` moves up next to the ``)``), and annotated assignments are stripped
  too (``x: int = 1`` -> ``x = 1``; a bare ``x: int`` becomes ``pass #x: int``).  Its result
  must parse, else kfp keeps the source unchanged.
"""
from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize

_OPEN, _CLOSE = "([{", ")]}"
_LAYOUT = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
           tokenize.ENDMARKER}


class _Tok:
    __slots__ = ("type", "string", "original", "start", "end", "level")

    def __init__(self, type_: int, string: str, start: int, end: int, level: int):
        self.type, self.string, self.original = type_, string, string
        self.start, self.end, self.level = start, end, level

    def is_op(self, *strings: str) -> bool:
        return self.type == tokenize.OP and self.string in strings


def _tokens(source: str) -> list[_Tok]:
    """All tokens with absolute offsets and bracket nesting (an opening bracket is at the
    level it opens; a closing one at the level it closes)."""
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    out, level = [], 0
    for t in tokenize.generate_tokens(io.StringIO(source).readline):
        if t.type == tokenize.OP and t.string in _OPEN:
            level += 1
            lvl = level
        elif t.type == tokenize.OP and t.string in _CLOSE:
            lvl = level
            level -= 1
        else:
            lvl = level
        out.append(_Tok(t.type, t.string, starts[t.start[0] - 1] + t.start[1],
                        starts[t.end[0] - 1] + t.end[1], lvl))
    return out


# --- the lib2to3 path ---
def _strip_lib2to3(source: str, toks: list[_Tok]) -> str:
    sig = [t for t in toks if t.type not in _LAYOUT]
    cuts: list[tuple[int, int]] = []
    i, n = 0, len(sig)
    while i < n:
        if not (sig[i].type == tokenize.NAME and sig[i].string == "def" and i + 2 < n
                and sig[i + 2].string == "("):
            i += 1
            continue
        i += 3  # past `def name (`
        depth, at_param_start, last, in_lambda = 1, True, i - 1, False
        while i < n and depth:
            s = sig[i].string
            if depth == 1 and s == "lambda":
                in_lambda = True  # its parameters are not annotated: skip to its `:`
            elif depth == 1 and in_lambda and s == ":":
                in_lambda = False
            if depth == 1 and at_param_start and not in_lambda and sig[i].type == tokenize.NAME and i + 1 < n \
                    and sig[i + 1].string == ":":
                j, d = i + 2, 0  # the annotation runs to a top-level `,` `=` or `)`
                while j < n and not (d == 0 and sig[j].string in (",", "=", ")")):
                    d += sig[j].string in _OPEN
                    d -= sig[j].string in _CLOSE
                    j += 1
                cuts.append((sig[i].end, sig[j - 1].end))
                i, at_param_start = j, False
                continue
            if s in _OPEN:
                depth += 1
            elif s in _CLOSE:
                depth -= 1
            if depth == 1:
                at_param_start = (s == "," and not in_lambda) or (
                    s in ("*", "**") and at_param_start)
            last = i
            i += 1
        if i < n and sig[i].string == "->":
            j, d = i + 1, 0  # the return annotation runs to the header's `:`
            while j < n and not (d == 0 and sig[j].string == ":"):
                d += sig[j].string in _OPEN
                d -= sig[j].string in _CLOSE
                j += 1
            cuts.append((sig[last].end, sig[j - 1].end))
            i = j
    for start, end in reversed(cuts):
        source = source[:start] + source[end:]
    return source


def _lib2to3_cannot_parse(source: str, toks: list[_Tok]) -> bool:
    """Whether kfp's lib2to3 (Python 3.11 grammar) rejects this valid Python source."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Match, ast.TryStar)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for dec in node.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                while isinstance(target, ast.Attribute):
                    target = target.value
                if not isinstance(target, ast.Name) or (
                        isinstance(dec, ast.Call) and not _dotted(dec.func)) or (
                        not isinstance(dec, ast.Call) and not _dotted(dec)):
                    return True
        if isinstance(node, ast.Subscript):
            sl = node.slice
            if isinstance(sl, ast.Starred) or (
                    isinstance(sl, ast.Tuple) and any(isinstance(e, ast.Starred)
                                                      for e in sl.elts)):
                return True
    # (no await/async anywhere in the text: no such node, and no second walk of the tree)
    if ("await" in source or "async" in source) and _await_outside_async(tree):
        return True
    sig = [t for t in toks if t.type not in _LAYOUT]
    for k, t in enumerate(sig):  # `with (a as b, ...)`: lib2to3 has no parenthesised items
        if t.type == tokenize.NAME and t.string == "with" and k + 1 < len(sig) \
                and sig[k + 1].is_op("("):
            level = sig[k + 1].level
            for u in sig[k + 2:]:
                if u.level < level or (u.level == level and u.is_op(")")):
                    break
                if u.level == level and u.type == tokenize.NAME and u.string == "as":
                    return True
    return False


def _dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _await_outside_async(tree: ast.AST) -> bool:
    """lib2to3 only knows ``await``/``async for``/``async with`` inside ``async def``.

    Iterative: a component body may be an expression thousands of levels deep."""
    stack = [(tree, False)]
    while stack:
        node, in_async = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.Lambda)):
                stack.append((child, False))
            elif isinstance(child, ast.AsyncFunctionDef):
                stack.append((child, True))
            else:
                if isinstance(child, (ast.Await, ast.AsyncFor, ast.AsyncWith)) and not in_async:
                    return True
                stack.append((child, in_async))
    return False


# --- the strip-hints path ---
def _logical_lines(toks: list[_Tok]) -> list[list[_Tok]]:
    """strip-hints' split on NEWLINE/INDENT/DEDENT/ENDMARKER tokens and `;`."""
    lines, current = [], []
    for t in toks:
        if t.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER) \
                or t.is_op(";"):
            if current:
                lines.append(current)
            lines.append([t])
            current = []
        else:
            current.append(t)
    if current:
        lines.append(current)
    return lines


def _whiteout(tokens: list[_Tok], strip_nl: bool = False, strip_comments: bool = False) -> None:
    for t in tokens:
        if t.type == tokenize.NL:
            if strip_nl:
                t.string = ""
        elif t.type == tokenize.COMMENT:
            if strip_comments:
                t.string = ""
        elif t.type not in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE):
            t.string = ""


def _split_first(tokens: list[_Tok], level: int, ops: tuple[str, ...]) -> int | None:
    return next((k for k, t in enumerate(tokens) if t.is_op(*ops) and t.level == level), None)


def _strip_parameter(param: list[_Tok], level: int, annassign: bool = False) -> None:
    k = _split_first(param, level, (":", "="))
    if k is None or param[k].string == "=":
        return
    right = param[k:]
    eq = _split_first(right, level, ("=",))
    if eq is None and annassign:  # a bare declaration becomes a comment
        first, prefix = False, "pass "
        for t in param:
            if t.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE, tokenize.COMMENT):
                continue
            if t.type == tokenize.NL:
                if not first:
                    continue
                t.string = f"\n{prefix}#"
            if not first:
                t.string = f"{prefix}#" + t.string
                first = True
            prefix = ""
        return
    type_def = right if eq is None else right[:eq]
    newlines = sum(t.type == tokenize.NL for t in type_def)
    _whiteout(type_def, strip_nl=annassign, strip_comments=annassign)
    if annassign and eq is not None:
        right[-1].string += "\n" * newlines


def _strip_def(line: list[_Tok], def_index: int) -> None:
    header = line[def_index:]
    level = header[0].level + 1
    opens = [k for k, t in enumerate(header) if t.is_op("(") and t.level == level]
    closes = [k for k, t in enumerate(header) if t.is_op(")") and t.level == level]
    if not opens or not closes:
        return
    lpar, rpar = opens[0], closes[0]
    params, start, in_lambda = header[lpar + 1: rpar], 0, False
    for k, t in enumerate(params):
        if t.type == tokenize.NAME and t.string == "lambda":
            in_lambda = True
        elif t.is_op(":") and in_lambda:
            in_lambda = False
        elif t.is_op(",") and t.level == level and not in_lambda:
            _strip_parameter(params[start:k], level)
            start = k + 1
        elif k == len(params) - 1:
            _strip_parameter(params[start:k + 1], level)
            start = k + 1
    ret = header[rpar + 1:]
    colon = next((k for k in range(len(ret) - 1, -1, -1) if ret[k].is_op(":")), None)
    if colon is None:
        return
    spec = ret[:colon]
    if any(t.type == tokenize.NL for t in spec):  # keep the line breaks: move the colon
        header[rpar].string += ":"
        ret[colon].string = ""
    _whiteout(spec)


def _strip_hints_package(source: str, toks: list[_Tok]) -> str:
    for line in _logical_lines(toks):
        def_at = next((k for k, t in enumerate(line)
                       if t.type == tokenize.NAME and t.string == "def"), None)
        if def_at is not None:
            _strip_def(line, def_at)
            continue
        sig = [t for t in line if t.type not in _LAYOUT]
        if not sig or keyword.iskeyword(sig[0].string):
            continue
        i = 0
        while sig[i].type == tokenize.NAME:
            i += 1
            if i >= len(sig):
                break
            if sig[i].is_op("."):
                i += 1
                if i >= len(sig):
                    break
                continue
            if sig[i].is_op("["):
                while True:
                    i += 1
                    if i >= len(sig) or (sig[i].is_op("]") and sig[i].level == 1):
                        break
                i += 1
                if i >= len(sig):
                    break
            if sig[i].is_op(":") and i != len(sig) - 1:
                _strip_parameter(line, line[0].level, annassign=True)
            break
    out, copied, prev_end = [], 0, 0
    for t in toks:
        if t.string != t.original:
            copy_end, keep = t.start, ""
            if not t.string:  # drop the space before an emptied token, keep continuations
                copy_end = prev_end
                keep = "".join(re.findall(r"\\\r?\n", source[prev_end:t.start]))
            out += [source[copied:copy_end], keep, t.string]
            copied = t.end
        prev_end = t.end
    out.append(source[copied:])
    return "".join(out)


def strip_type_hints(source: str) -> str:
    """``kfp.components._python_op.strip_type_hints(source)`` for a valid function source."""
    try:
        toks = _tokens(source)
        if source.endswith("\n") and not _lib2to3_cannot_parse(source, toks):
            return _strip_lib2to3(source, toks)
        text = source if source.endswith("\n") else source + "\n"  # as strip-hints does
        stripped = _strip_hints_package(text, _tokens(text))
        ast.parse(stripped)  # strip-hints checks its result and fails if it does not parse
        return stripped
    except (tokenize.TokenError, SyntaxError, ValueError):
        return source  # both of kfp's strippers fail; it keeps the source as it is
