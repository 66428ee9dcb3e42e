"""``ast`` helpers for the kfp Python importer; nothing here executes the file.

Each helper reproduces one piece of what kfp does when it *runs* a pipeline file, so that
the imported IR is what kfp itself would have built: the function source kfp captures and
the literals it would see. kfp's naming rules (derived pipeline names, v1's "pythonic"
input and output names) are in designer.ir.naming, shared with the compilers.
"""
from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from typing import Any, Callable


# --- source capture, as kfp's _get_function_source_definition does it -------------------

def source_lines(text: str) -> list[str]:
    """``text`` split the way linecache holds a file: every line ends with "\\n"."""
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [p + "\n" for p in parts]


# inspect.findsource walks back from co_firstlineno to the first line matching this.
_FUNCTION_START = re.compile(r"^(\s*def\s)|(\s*async\s+def\s)|(.*(?<!\w)lambda(:|\s))|^(\s*@)")


def function_source(lines: list[str], func: ast.FunctionDef) -> str:
    """The source of ``func`` exactly as kfp captures it.

    kfp runs ``inspect.getsource`` (which starts at the first decorator and ends where
    ``inspect.getblock`` ends the block: indented trailing comments included, trailing
    blank lines not), dedents it, and drops every line before the first one starting
    with ``def``. We feed the same lines to the same stdlib block finder (it only
    tokenizes), so even its quirks match.
    """
    # co_firstlineno of a decorated function is its first decorator's line.
    lnum = (func.decorator_list[0].lineno if func.decorator_list else func.lineno) - 1
    while lnum > 0 and not _FUNCTION_START.match(lines[lnum]):
        lnum -= 1
    code = textwrap.dedent("".join(inspect.getblock(lines[lnum:])))
    return "\n".join(itertools.dropwhile(lambda line: not line.startswith("def"),
                                         code.split("\n")))


# --- literals -----------------------------------------------------------------------

class NotLiteral(Exception):
    """``node`` is not a plain literal (callers quote it with ``deep_ast.brief`` if need be:
    not here, where a 350-term module-level expression would be unparsed for nothing)."""

    def __init__(self, node: ast.AST):
        super().__init__()
        self.node = node


_SCALARS = (str, int, float, bool, type(None))
_NOT_FINITE = {"inf", "infinity", "nan"}


def is_float_call(node: ast.expr) -> bool:
    """``float("inf")``, ``float("-inf")``, ``float("nan")``: how exported Python (and
    people) write the floats no literal can (``float`` is taken to be the builtin)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "float" and len(node.args) == 1 and not node.keywords
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            and node.args[0].value.strip().lower().lstrip("+-") in _NOT_FINITE)


def literal(node: ast.expr, resolve: Callable[[ast.Name], Any] | None = None) -> Any:
    """The value of a JSON-like literal: str, int, float, bool, None, lists and dicts.

    ``resolve`` may turn a bare name into a value (module-level constants); it raises
    NotLiteral itself when it cannot. Tuples, sets, bytes and complex numbers are refused:
    kfp serialises arguments as JSON-ish text and the IR keeps only these kinds.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, _SCALARS):
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)):
        return -node.operand.value if isinstance(node.op, ast.USub) else node.operand.value
    if is_float_call(node):
        return float(node.args[0].value)
    if isinstance(node, ast.List):
        return [literal(e, resolve) for e in node.elts]
    if isinstance(node, ast.Dict) and None not in node.keys:
        keys = [literal(k, resolve) for k in node.keys]
        if not all(isinstance(k, _SCALARS) for k in keys):
            raise NotLiteral(node)
        return dict(zip(keys, (literal(v, resolve) for v in node.values)))
    if isinstance(node, ast.Name) and resolve is not None:
        return resolve(node)
    raise NotLiteral(node)
