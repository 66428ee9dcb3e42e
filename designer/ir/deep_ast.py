"""Deep but valid Python, read without RecursionError.

CPython's parser builds expression trees about 3,000 levels deep (a 1,000-term sum, a long
attribute chain, ``- - - 1``), while the stdlib's AST walkers (``ast.unparse``,
``NodeVisitor``) recurse a few frames per level and stop at the interpreter's recursion limit
(1,000 frames). Our own walkers are iterative; ``ast.unparse``, which the designer needs for
annotations and messages, runs here with room for what it is given, or says it cannot.
"""
from __future__ import annotations

import ast
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Deeper annotations or expressions are refused by name (``unparse`` returns None): no type
# is written that way, and an expression quoted in a message is cut anyway.
MAX_UNPARSE_DEPTH = 400
_FRAMES_PER_LEVEL = 4          # ast._Unparser: visit -> traverse -> visit_X -> ...
_lock = threading.Lock()
_holders = 0
_saved_limit = 0


def _below(level: list[ast.AST]) -> list[ast.AST]:
    """The children of the nodes of ``level``, in order: ``ast.iter_child_nodes`` inlined
    (its generators cost a fifth of importing a 1,000-task pipeline)."""
    below: list[ast.AST] = []
    push, AST = below.append, ast.AST
    for n in level:
        for name in n._fields:
            value = getattr(n, name, None)
            if isinstance(value, AST):
                push(value)
            elif type(value) is list:
                for item in value:
                    if isinstance(item, AST):
                        push(item)
    return below


def depth(node: ast.AST) -> int:
    """The depth of the tree under ``node`` (1 for a leaf), without recursion."""
    deepest, level = 0, [node]
    while level:
        deepest += 1
        level = _below(level)
    return deepest


def depth_and_nodes(node: ast.AST) -> tuple[int, list[ast.AST]]:
    """``depth(node)`` and ``list(walk(node))``, in one pass: the importer needs both for
    every file it reads."""
    deepest, level, nodes = 0, [node], []
    while level:
        deepest += 1
        nodes += level
        level = _below(level)
    return deepest, nodes


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk``: the same nodes in the same breadth-first order (a level at a time),
    about a third faster over a whole module, which the importer walks a few times per
    file."""
    level = [node]
    while level:
        yield from level
        level = _below(level)


@contextmanager
def recursion_room(frames: int) -> Iterator[None]:
    """At least ``frames`` more Python frames than are in use, for the block's duration.

    Shared by threads (a count of holders; the last one restores the limit). Only pure-Python
    recursion (ast's walkers) runs under it: C code that recurses checks the same limit, so
    the room is sized to the tree, never raised wholesale.
    """
    global _holders, _saved_limit
    frame, used = sys._getframe(), 0
    while frame is not None:
        used, frame = used + 1, frame.f_back
    wanted = used + frames + 50
    with _lock:
        if _holders == 0:
            _saved_limit = sys.getrecursionlimit()
        _holders += 1
        if sys.getrecursionlimit() < wanted:
            sys.setrecursionlimit(wanted)
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                sys.setrecursionlimit(_saved_limit)


def unparse(node: ast.AST) -> str | None:
    """``ast.unparse(node)``, or None when the tree is deeper than MAX_UNPARSE_DEPTH or holds
    an integer beyond Python's int-str limit (``0x`` and 5,000 hex digits parse; printing
    them in decimal raises)."""
    d = depth(node)
    if d > MAX_UNPARSE_DEPTH:
        return None
    try:
        with recursion_room(d * _FRAMES_PER_LEVEL):
            return ast.unparse(node)
    except ValueError:
        return None


def brief(node: ast.AST, limit: int = 60) -> str:
    """Source text of ``node`` for a message: cut to ``limit`` characters, never failing."""
    text = unparse(node)
    if text is None:
        d, line = depth(node), getattr(node, "lineno", None)
        what = f"an expression nested {d} levels deep" if d > MAX_UNPARSE_DEPTH else \
            "an expression with a huge integer"
        return f"<{what}" + (f" on line {line}>" if line else ">")
    return text if len(text) <= limit else text[:limit - 3] + "..."
