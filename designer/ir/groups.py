"""Control flow: conditions, loops and exit handlers as a tree of groups.

The pipeline root holds tasks and groups; a group holds tasks and groups. Every
task has one parent (``Task.group``: a group id, or None for the root), every group
one parent (``Group.parent``). kfp's compilers walk exactly this tree (kfp 1.8.9
``dsl._ops_group.OpsGroup``, kfp 2 ``dsl.tasks_group.TasksGroup``) and name groups
from a counter in creation order (``condition-1``, ``for-loop-2``...), so
``Pipeline.groups`` keeps the order the pipeline function entered them in.

Kinds:
* ``condition`` — ``branch`` None: kfp 1.x ``dsl.Condition``; ``"if"`` / ``"elif"`` /
  ``"else"``: kfp 2 ``dsl.If`` / ``dsl.Elif`` / ``dsl.Else`` (an elif/else follows its
  sibling if/elif in ``Pipeline.groups`` order, under the same parent). ``condition``
  is None for else.
* ``loop`` — ``dsl.ParallelFor(items, parallelism)``: ``items`` is a Constant list (of
  values or dicts), a ParamRef, an OutputRef or a LoopItem of an enclosing loop.
  Inside, ``LoopItem(group id, fields)`` is the current item (``item.a`` -> fields
  ``("a",)``).
* ``exit_handler`` — ``dsl.ExitHandler(exit_task)``: ``exit_task`` (a task id, outside
  the group) runs when the group's tasks end, whatever happened.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from .model import Argument, Pipeline

GROUP_KINDS = ("condition", "loop", "exit_handler")
BRANCHES = (None, "if", "elif", "else")
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Condition:
    """``left operator right``; each side a parameter, an output, a loop item or a constant."""
    left: "Argument"
    operator: str
    right: "Argument"


# A condition's constant side: kfp compares strings, numbers and booleans (kfp 1 turns the
# constant into text in the workflow, kfp 2 into a CEL literal); the importer refuses a list
# or a dict there, and so do the project file, the compilers and the group form.
CONDITION_SCALARS = (str, int, float, bool, type(None))


def condition_constant_problem(value: Any) -> str | None:
    """Why ``value`` cannot be the constant side of a condition (English), or None."""
    if isinstance(value, CONDITION_SCALARS):
        return None
    kind = "a list" if isinstance(value, (list, tuple)) else "a dict" if isinstance(
        value, dict) else f"a {type(value).__name__}"
    return f"a condition compares with {kind}; kfp compares with strings, numbers and booleans"


@dataclass
class Group:
    id: str
    kind: str                                  # one of GROUP_KINDS
    parent: str | None = None                  # enclosing group id; None: the pipeline root
    # The name given in the DSL (kfp 1 ``Condition(..., name=)``, kfp 2 ``name=``); kfp
    # makes the group name from it. None: kfp's default.
    name: str | None = None
    # condition
    branch: str | None = None                  # one of BRANCHES
    condition: Condition | None = None
    # loop
    items: Any = None                          # an Argument (see module docstring)
    parallelism: int | None = None
    # exit handler
    exit_task: str | None = None


def group_of(p: "Pipeline", group_id: str | None) -> Group | None:
    return None if group_id is None else next((g for g in p.groups if g.id == group_id), None)


def ancestors(p: "Pipeline", group_id: str | None) -> list[Group]:
    """The group and its enclosing groups, innermost first (stops on a broken chain)."""
    by_id = {g.id: g for g in p.groups}
    out: list[Group] = []
    seen: set[str] = set()
    current = by_id.get(group_id) if group_id else None
    while current is not None and current.id not in seen:
        out.append(current)
        seen.add(current.id)
        current = by_id.get(current.parent) if current.parent else None
    return out


def task_groups(p: "Pipeline", task_id: str) -> list[Group]:
    """The groups enclosing a task, innermost first."""
    task = p.task(task_id)
    return ancestors(p, task.group) if task is not None else []


def children(p: "Pipeline", group_id: str | None) -> tuple[list[str], list[Group]]:
    """(task ids, groups) directly inside ``group_id`` (None: the root), in document order."""
    return ([t.id for t in p.tasks if t.group == group_id],
            [g for g in p.groups if g.parent == group_id])


def walk(p: "Pipeline", group_id: str | None = None) -> Iterator[Group]:
    """Groups below ``group_id`` (None: all), parents before children, document order."""
    for g in p.groups:
        if g.parent == group_id:
            yield g
            yield from walk(p, g.id)


def is_inside(p: "Pipeline", task_id: str, group_id: str) -> bool:
    return any(g.id == group_id for g in task_groups(p, task_id))


__all__ = ["GROUP_KINDS", "BRANCHES", "OPERATORS", "Condition", "Group", "group_of",
           "ancestors", "task_groups", "children", "walk", "is_inside"]
