"""What a constant the IR holds may be: something a project file, kfp and Python all carry.

Task arguments and parameter defaults are JSON-like: None, bool, int, float, str, lists and
dicts with scalar keys, nested at most MAX_DEPTH deep (what Python's parser allows in
an exported call), integers Python can print (its int-str limit) and text without lone
surrogates (no UTF-8 file can hold one). Non-finite floats are values: each compiler says
what it does with them. Component defaults come from the function's source as kfp reads
it, so their Python types stay theirs; only the limits apply to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Python's parser takes 200 nested brackets, and an exported value sits inside a call's
# (``task(a=[[...]])``, ``def p(x=[[...]])``, ``ParallelFor([...])``): 199 levels of its
# own at most, or the exported file does not parse (fuzz: 200 did not).
MAX_DEPTH = 199
# Python's default int-str limit (sys.int_info.default_max_str_digits): beyond it str() and
# repr() of an int raise, so no compiler could write the value.
MAX_INT_DIGITS = 4300
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALARS = (type(None), bool, int, float, str)


def int_too_long(value: int) -> bool:
    if value.bit_length() < 14_000:         # < 4215 digits: cheap and common
        return False
    try:
        return len(str(abs(value))) > MAX_INT_DIGITS
    except ValueError:                      # over the interpreter's (maybe lower) limit
        return True


_CONTAINERS = (list, tuple, set, frozenset, dict)


def too_deep(value: Any) -> bool:
    """More than MAX_DEPTH brackets nest in ``value`` (iteratively: any depth is safe)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if not isinstance(v, _CONTAINERS):
            continue
        if depth >= MAX_DEPTH:
            return True
        items = [x for kv in v.items() for x in kv] if isinstance(v, dict) else v
        stack.extend((x, depth + 1) for x in items)
    return False


@dataclass(frozen=True)
class Problem:
    """Why a value cannot be a constant: ``kind`` (a key of PHRASES) and its fields; ``str``
    is the English phrase ("is an integer of more than 4300 digits") for messages."""
    kind: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return PHRASES[self.kind].format(**self.args)


PHRASES = {
    "surrogate": "has a lone surrogate (U+{code} at character {at}), which is not text any "
                 "file can hold",
    "int": "is an integer of more than {digits} digits",
    "depth": "is nested more than {depth} levels deep",
    "sequence": "is a {type}; use a list",
    "type": "is a {type}, which is not a JSON-like value",
    "key": "has a key of type {type}",
}


def text_problem(text: str) -> Problem | None:
    m = _LONE_SURROGATE.search(text)
    if m:
        return Problem("surrogate", {"code": f"{ord(m.group()):04X}", "at": m.start()})
    return None


def value_problem(value: Any, *, json_like: bool = True) -> Problem | None:
    """Why ``value`` cannot be a constant of the IR, or None when it can."""
    stack: list[tuple[Any, int]] = [(value, 0)]     # depth: the brackets around a value
    while stack:
        v, depth = stack.pop()
        if depth >= MAX_DEPTH and isinstance(v, _CONTAINERS):
            return Problem("depth", {"depth": MAX_DEPTH})
        if isinstance(v, bool) or v is None or isinstance(v, float):
            continue
        if isinstance(v, int):
            if int_too_long(v):
                return Problem("int", {"digits": MAX_INT_DIGITS})
        elif isinstance(v, str):
            problem = text_problem(v)
            if problem:
                return problem
        elif isinstance(v, (list, tuple, set, frozenset)):
            if json_like and not isinstance(v, list):
                return Problem("sequence", {"type": type(v).__name__})
            stack.extend((x, depth + 1) for x in v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if json_like and not isinstance(k, _SCALARS):
                    return Problem("key", {"type": type(k).__name__})
                stack.append((k, depth + 1))
                stack.append((x, depth + 1))
        elif json_like:
            return Problem("type", {"type": type(v).__name__})
    return None
