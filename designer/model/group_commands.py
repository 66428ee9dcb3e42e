"""Undoable edits of control flow: make a group around tasks, ungroup, edit a group's fields,
move a task into or out of a group (rules and ops in ``grouping.py``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from designer.ir import new_id
from designer.ir.groups import Group

from . import grouping
from . import ops as O
from .commands import Commands, DocCommand
from .document import Document


def _kind_word(kind: str) -> str:
    translate = QCoreApplication.translate
    return {"condition": translate("Commands", "condition"),
            "loop": translate("Commands", "loop"),
            "exit_handler": translate("Commands", "exit handler")}.get(kind, kind)


class GroupTasks(DocCommand):
    """Put tasks (and frames) of one container into a new group. Callers check
    ``grouping.group_refusal`` first; ``group`` is a template (its id is set here)."""

    def __init__(self, doc: Document, task_ids: list[str], group: Group,
                 group_ids: list[str] = ()):
        if grouping.group_refusal(doc.pipeline, list(task_ids), list(group_ids),
                                  group) is not None:
            raise ValueError("these tasks cannot be grouped")
        group.id = group.id or new_id()
        self.group_id = group.id
        ops = grouping.group_ops(doc.pipeline, list(task_ids), list(group_ids), group)
        n = len(task_ids)
        super().__init__(doc, Commands.tr("Group %n task(s) in a {kind}", "", n).format(
            kind=_kind_word(group.kind)), ops)


class Ungroup(DocCommand):
    def __init__(self, doc: Document, group_id: str):
        group = doc.pipeline.group(group_id)
        super().__init__(doc, QCoreApplication.translate("Commands", "Ungroup {kind}").format(
            kind=_kind_word(group.kind)), grouping.ungroup_ops(doc.pipeline, group_id))


class EditGroup(DocCommand):
    """Replace fields of a group (condition, items, parallelism, exit task, name).
    ``merge``: successive edits of the same ``part`` (a form field) soon after each other
    are one step (spin-box clicks)."""

    def __init__(self, doc: Document, group_id: str, fields: dict[str, Any],
                 merge: bool = False, part: str = ""):
        group = doc.pipeline.group(group_id)
        super().__init__(doc, QCoreApplication.translate("Commands", "Edit {kind}").format(
            kind=_kind_word(group.kind)), [O.SetGroup(group_id, dict(fields))],
            merge_key=("group", group_id, tuple(fields), part) if merge else None)


class MoveToGroup(DocCommand):
    """A task dragged into a frame (or out of all frames: ``group_id`` None)."""

    def __init__(self, doc: Document, task_id: str, group_id: str | None,
                 position: tuple[float, float] | None = None):
        ops = grouping.move_ops(doc.pipeline, task_id, group_id)
        if position is not None:
            ops.append(O.SetPositions({task_id: position}))
        task = doc.task(task_id)
        group = doc.pipeline.group(group_id) if group_id else None
        text = (QCoreApplication.translate("Commands", "Move {name} into the {kind}").format(
                    name=task.name, kind=_kind_word(group.kind)) if group is not None
                else QCoreApplication.translate("Commands", "Move {name} out of its group")
                .format(name=task.name))
        super().__init__(doc, text, ops)


__all__ = ["GroupTasks", "Ungroup", "EditGroup", "MoveToGroup"]
