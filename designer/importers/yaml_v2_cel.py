"""The CEL trigger conditions kfp 2 writes for ``dsl.If`` / ``Elif`` / ``Else``, read back.

kfp 2 writes one comparison per condition (``_single_binary_operation_to_cel_condition``):
operands are the group task's inputs (``inputs.parameter_values['pipelinechannel--x']``,
cast with ``int()`` / ``double()`` to a common type) or literals (``'text'``, ``3``,
``0.25``, ``true``). An ``Elif`` is the negations of the conditions before it and its own,
joined with `` && ``; an ``Else`` the negations alone. Only this shape is read: anything
else (hand-written CEL) is refused by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_CHANNEL = r"(?:(?:int|double)\()*inputs\.parameter_values\['[^']*'\]\)*"
_LITERAL = r"'[^']*'|true|false|-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|-?inf|nan"
_OPERAND = rf"{_CHANNEL}|{_LITERAL}"
_COMPARISON = re.compile(rf"^({_OPERAND}) (==|!=|<=|>=|<|>) ({_OPERAND})$")
_CHANNEL_NAME = re.compile(r"inputs\.parameter_values\['([^']*)'\]")


@dataclass(frozen=True)
class Channel:
    """An input of the group task (``pipelinechannel--x``)."""
    name: str


@dataclass(frozen=True)
class Comparison:
    left: Any              # Channel or a Python literal
    operator: str
    right: Any


def conjuncts(text: str) -> list[str]:
    """``text`` split at its top-level `` && ``."""
    out, depth, quoted, start = [], 0, False, 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        elif not quoted and depth == 0 and text.startswith(" && ", k):
            out.append(text[start:k])
            start = k + 4
            k += 3
        k += 1
    out.append(text[start:])
    return out


def negated(conjunct: str) -> str | None:
    """The comparison inside ``!(...)``, or None when the conjunct is not one."""
    if conjunct.startswith("!(") and conjunct.endswith(")") and \
            conjuncts(conjunct[2:-1]) == [conjunct[2:-1]]:
        return conjunct[2:-1]
    return None


def _operand(text: str) -> Any:
    m = _CHANNEL_NAME.search(text)
    if m:
        return Channel(m.group(1))
    if text.startswith("'"):
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        return float(text)


def comparison(text: str) -> Comparison | None:
    """One comparison as kfp writes it, or None."""
    m = _COMPARISON.match(text)
    if not m:
        return None
    return Comparison(_operand(m.group(1)), m.group(2), _operand(m.group(3)))
