"""Control flow in a local run (no Qt): which groups hold a task, conditions evaluated on
the values a run produced, loop items, collected outputs.

Conditions follow kfp 2 (the CEL condition its compiler writes, ``v2_spec``): each side
is a typed value (an ``int`` output is compared as an integer, a ``str`` one as text,
``int`` against ``float`` as numbers), so ``"10" < "9"`` is never asked. kfp 1 (Argo's
``when``) compares the two texts, as numbers when both read as numbers and as text
otherwise; for typed values that reads the same in every case but text that looks like a
number, which v2 keeps as text. The v2 reading is the one a typed pipeline means.
"""
from __future__ import annotations

import json
import operator
from dataclasses import dataclass
from typing import Any, Callable

from designer.ir import Constant, OutputRef, ParamRef, Pipeline, Task
from designer.ir.groups import Condition, Group, ancestors
from designer.ir.model import LoopItem
from designer.ir.types import kind_of

from .values import parse_value

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge}


class FlowError(ValueError):
    """A condition or loop that cannot be evaluated with the run's values."""


def typed(text: str, annotation: str | None) -> Any:
    """A value as the run passed it (text) read back as its declared type; text when
    untyped or when it does not read as that type."""
    if kind_of(annotation) in (None, "str"):
        return text
    try:
        return parse_value(text, annotation)
    except ValueError:
        return text


def item_field(item: Any, fields: tuple[str, ...]) -> Any:
    """``item.a.b`` of a loop item (a dict item's fields)."""
    for name in fields:
        if not isinstance(item, dict) or name not in item:
            raise FlowError(f"the loop item {json.dumps(item, default=str)} has no field `{name}`")
        item = item[name]
    return item


def compare(left: Any, op: str, right: Any) -> bool:
    """``left op right`` on typed values, as kfp 2's CEL: numbers (bools apart) as
    numbers, a number against text as text (kfp 2 casts both to string then)."""
    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if not (number(left) and number(right)) and type(left) is not type(right):
        left, right = _text(left), _text(right)
    try:
        return _COMPARE[op](left, right)
    except TypeError:
        raise FlowError(f"cannot compare {left!r} {op} {right!r}") from None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def condition_text(cond: Condition, left: Any, right: Any) -> str:
    return f"{_shown(left)} {cond.operator} {_shown(right)}"


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value, default=str)


@dataclass(frozen=True)
class Shape:
    """Where a task sits: its enclosing loops (outermost first) and the condition groups
    that must hold for it to run (each with the if/elif siblings before it)."""
    loops: tuple[str, ...]
    conditions: tuple[Group, ...]


def shapes(p: Pipeline) -> dict[str, Shape]:
    out = {}
    for t in p.tasks:
        groups = ancestors(p, t.group)
        out[t.id] = Shape(tuple(g.id for g in reversed(groups) if g.kind == "loop"),
                          tuple(g for g in reversed(groups) if g.kind == "condition"))
    return out


def group_loops(p: Pipeline, group_id: str) -> tuple[str, ...]:
    """The loops around a group, itself included when it is one, outermost first."""
    return tuple(g.id for g in reversed(ancestors(p, group_id)) if g.kind == "loop")


def chain(p: Pipeline, group: Group) -> list[tuple[Group, bool]]:
    """What must hold for a condition group's tasks to run: (group, wanted truth).
    ``if``/``elif``/``else`` need every earlier sibling of their chain false."""
    if group.branch not in ("elif", "else"):
        return [(group, True)]
    siblings = [g for g in p.groups if g.parent == group.parent and g.kind == "condition"]
    before: list[tuple[Group, bool]] = []
    for g in siblings[:siblings.index(group)]:
        if g.branch == "if":
            before = []
        if g.branch in ("if", "elif"):
            before.append((g, False))
    return before + ([(group, True)] if group.condition is not None else [])


def condition_refs(p: Pipeline, task: Task) -> list[OutputRef]:
    """Outputs the conditions around ``task`` read (dependencies of the task)."""
    refs = []
    for g in ancestors(p, task.group):
        if g.kind != "condition":
            continue
        for cg, _ in chain(p, g):
            if cg.condition is not None:
                refs += [a for a in (cg.condition.left, cg.condition.right)
                         if isinstance(a, OutputRef)]
    return refs


def operand(arg: Any, params: dict[str, str], param_types: dict[str, str | None],
            output: Callable[[OutputRef], Any], items: dict[str, Any]) -> Any:
    """A condition side or loop items argument as a typed value."""
    if isinstance(arg, Constant):
        return arg.value
    if isinstance(arg, ParamRef):
        return typed(params[arg.name], param_types.get(arg.name))
    if isinstance(arg, OutputRef):
        return output(arg)
    if isinstance(arg, LoopItem):
        return item_field(items[arg.loop], arg.fields)
    raise FlowError(f"cannot evaluate {arg!r} in a local run")


def loop_items(value: Any) -> list[Any]:
    """A loop's items: a list, or the JSON text of one (a parameter or an output)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise FlowError(f"the loop items {value!r} are not a JSON list") from None
    if not isinstance(value, list):
        raise FlowError(f"the loop items {json.dumps(value, default=str)} are not a list")
    return value


__all__ = ["FlowError", "Shape", "shapes", "group_loops", "chain", "condition_refs", "typed",
           "item_field", "compare", "condition_text", "operand", "loop_items"]
