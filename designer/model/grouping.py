"""Rules and ops for putting tasks into groups (conditions, loops, exit handlers) and out.

Qt-free so the canvas, the properties pane and tests agree. A group is made around a
selection of tasks (and frames) that share one container; ungrouping moves a group's
members up to its container. Refusals are templates in the "Grouping" translation
context (``designer.ir.translatable``).
"""
from __future__ import annotations

from typing import Any

from designer.ir import Pipeline
from designer.ir.model import LoopItem
from designer.ir.groups import Group, walk
from designer.ir.translatable import QT_TRANSLATE_NOOP

from . import ops as O
from .ops import Op

REFUSALS: dict[str, str] = {
    "empty": QT_TRANSLATE_NOOP("Grouping", "Select the tasks to group first."),
    "containers": QT_TRANSLATE_NOOP(
        "Grouping", "The selected tasks are in different groups: select tasks of one group."),
    "exit-inside": QT_TRANSLATE_NOOP(
        "Grouping", "The exit task `{task}` cannot be inside the group it cleans up after."),
    "exit-nested": QT_TRANSLATE_NOOP(
        "Grouping", "An exit handler must be at the top of the pipeline, not inside a group."),
}


def container_of(p: Pipeline, task_ids: list[str], group_ids: list[str] = ()) -> tuple[
        bool, str | None]:
    """(True, the one container) of the tasks and groups, or (False, None) when they differ."""
    found: set[str | None] = set()
    for tid in task_ids:
        task = p.task(tid)
        if task is not None:
            found.add(task.group)
    for gid in group_ids:
        g = p.group(gid)
        if g is not None:
            found.add(g.parent)
    if len(found) != 1:
        return False, None
    return True, next(iter(found))


def group_refusal(p: Pipeline, task_ids: list[str], group_ids: list[str],
                  group: Group) -> tuple[str, dict[str, Any]] | None:
    """Why ``group`` cannot be made around these tasks and groups: (reason, fields), or None."""
    if not task_ids and not group_ids:
        return "empty", {}
    same, container = container_of(p, task_ids, group_ids)
    if not same:
        return "containers", {}
    if group.kind == "exit_handler":
        # kfp 1.8.9 and 2.x both refuse an ExitHandler nested in another group.
        if container is not None:
            return "exit-nested", {}
        inside = set(task_ids) | {t.id for g in group_ids for t in p.tasks
                                  if t.group in ({g} | {w.id for w in walk(p, g)})}
        if group.exit_task in inside:
            exit_task = p.task(group.exit_task)
            return "exit-inside", {"task": exit_task.name if exit_task else group.exit_task}
    return None


def group_ops(p: Pipeline, task_ids: list[str], group_ids: list[str], group: Group) -> list[Op]:
    """Ops that insert ``group`` (its ``parent`` set to the members' container) and move the
    tasks and groups into it. The new group goes before the groups it takes in (kfp names
    groups in the order they were entered), else last: it is the newest."""
    _same, container = container_of(p, task_ids, group_ids)
    group.parent = container
    moved = set(group_ids)
    index = next((i for i, g in enumerate(p.groups) if g.id in moved), len(p.groups))
    ops: list[Op] = [O.InsertGroup(index, group)]
    ops += [O.SetTask(t.id, {"group": group.id}) for t in p.tasks if t.id in set(task_ids)]
    ops += [O.SetGroup(g.id, {"parent": group.id}) for g in p.groups if g.id in moved]
    return ops


def _drop_loop_items(arg: Any, loop_id: str) -> bool:
    return isinstance(arg, LoopItem) and arg.loop == loop_id


def ungroup_ops(p: Pipeline, group_id: str) -> list[Op]:
    """Ops that move the group's tasks and groups to its container and delete it. Inputs
    that read the item of an ungrouped loop lose that wire (nothing else could give it)."""
    group = p.group(group_id)
    ops: list[Op] = []
    for t in p.tasks:
        fields: dict[str, Any] = {}
        if t.group == group_id:
            fields["group"] = group.parent
        if group.kind == "loop" and any(_drop_loop_items(a, group_id)
                                        for a in t.arguments.values()):
            fields["arguments"] = {k: a for k, a in t.arguments.items()
                                   if not _drop_loop_items(a, group_id)}
        if fields:
            ops.append(O.SetTask(t.id, fields))
    ops += [O.SetGroup(g.id, {"parent": group.parent}) for g in p.groups
            if g.parent == group_id]
    ops.append(O.DeleteGroup(group_id))
    return ops


def move_ops(p: Pipeline, task_id: str, group_id: str | None) -> list[Op]:
    """Ops moving one task into ``group_id`` (None: the pipeline root); [] when it is there."""
    task = p.task(task_id)
    if task is None or task.group == group_id:
        return []
    return [O.SetTask(task_id, {"group": group_id})]


__all__ = ["REFUSALS", "container_of", "group_refusal", "group_ops", "ungroup_ops",
           "move_ops"]
