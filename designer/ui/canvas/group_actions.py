"""Control flow by mouse: group the selected tasks in a condition, a loop or an exit handler,
ungroup a frame, wire a loop's item, drag a task into or out of a frame.

Each gesture is one command (``designer.model.group_commands``); refusals say why in
the status bar (``CanvasEditor.show_message``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPointF
from PySide6.QtWidgets import QMenu

from designer.ir.groups import Group
from designer.model import group_commands as G
from designer.model import grouping
from designer.ui import group_form

NODE_GAP = 24.0   # between a task dropped into a frame and the member it would cover

if TYPE_CHECKING:
    from designer.ui.canvas.editor import CanvasEditor


class GroupActions(QObject):
    def __init__(self, editor: "CanvasEditor"):
        super().__init__(editor)
        self.editor = editor
        self.doc, self.scene, self.view = editor.doc, editor.scene, editor.view
        editor.menu_hooks.append(self._node_menu)
        editor.frame_menu_hooks.append(self._frame_menu)
        self.scene.loop_port_pressed.connect(self._start_item_wire)

    # --- making and removing groups ---------------------------------------------------------

    def _members(self) -> tuple[list[str], list[str]]:
        return self.scene.selected_task_ids(), self.scene.selected_group_ids()

    def make(self, kind: str) -> str | None:
        """Ask for the new group's fields, then put the selection in it; its id, or None."""
        tasks, groups = self._members()
        template = Group("", kind)
        p = self.doc.pipeline
        if kind != "exit_handler":   # the exit task is asked for: check the rest first
            refusal = grouping.group_refusal(p, tasks, groups, template)
            if refusal is not None:
                return self._refuse(refusal)
        _same, template.parent = grouping.container_of(p, tasks, groups)
        members = set(tasks) | {t.id for t in p.tasks if t.group in set(groups)}
        group = group_form.ask_group(self.view, p, template, members)
        if group is None:
            return None
        refusal = grouping.group_refusal(p, tasks, groups, group)
        if refusal is not None:
            return self._refuse(refusal)
        cmd = G.GroupTasks(self.doc, tasks, group, groups)
        self.doc.push(cmd)
        self.scene.select_keys([])
        frame = self.scene.frames.get(cmd.group_id)
        if frame is not None:
            frame.setSelected(True)
        self.editor.show_message(cmd.text() + ".")
        return cmd.group_id

    def group_in_condition(self) -> str | None:
        return self.make("condition")

    def group_in_loop(self) -> str | None:
        return self.make("loop")

    def wrap_in_exit_handler(self) -> str | None:
        return self.make("exit_handler")

    def ungroup(self, group_id: str | None = None) -> None:
        ids = [group_id] if group_id else self.scene.selected_group_ids()
        if not ids:
            self.editor.show_message(self.tr("Select a group's frame to ungroup it."))
            return
        cmd = G.Ungroup(self.doc, ids[0])
        self.doc.push(cmd)
        self.editor.show_message(cmd.text() + ".")

    def _refuse(self, refusal: tuple[str, dict]) -> None:
        reason, fields = refusal
        self.editor.show_message(QCoreApplication.translate(
            "Grouping", grouping.REFUSALS[reason]).format(**fields))
        return None

    # --- the loop item's wire ---------------------------------------------------------------------

    def _start_item_wire(self, group_id: str, _pos: QPointF) -> None:
        self.scene.interaction = _ItemWire(self, group_id)
        self.editor.show_message(self.tr(
            "Drop the loop's item on an input of a task inside the loop (Esc cancels)."))

    def connect_item(self, group_id: str, pos: QPointF) -> bool:
        """The loop item wired to the input under ``pos``; False (and why) if refused."""
        from designer.ir.groups import is_inside
        from designer.ir.model import LoopItem
        from designer.model import commands as C
        hit = self.scene.port_at(pos)
        if hit is None or hit[1].output or self.doc.task(hit[0].key) is None:
            self.editor.show_message(self.tr("No wire drawn."))
            return False
        node, port = hit
        if not is_inside(self.doc.pipeline, node.key, group_id):
            self.editor.refuse(self.tr("Only tasks inside the loop can read its item."), pos)
            return False
        self.doc.push(C.SetArgument(self.doc, node.key, port.name, LoopItem(group_id)))
        self.editor.show_message(self.doc.undo_stack.undoText() + ".")
        return True

    # --- context menus ------------------------------------------------------------------------

    def add_group_entries(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.tr("Group in Condition…"), self.group_in_condition)
        menu.addAction(self.tr("Group in Loop…"), self.group_in_loop)
        menu.addAction(self.tr("Wrap in Exit Handler…"), self.wrap_in_exit_handler)

    def _node_menu(self, menu: QMenu, key: str, _pos: QPointF) -> None:
        if self.doc.task(key) is not None:
            self.add_group_entries(menu)

    def _frame_menu(self, menu: QMenu, group_id: str, _pos: QPointF) -> None:
        self.add_group_entries(menu)
        menu.addAction(self.tr("Ungroup"), lambda: self.ungroup(group_id))

    # --- dragging tasks in and out of frames ------------------------------------------------------

    def drop_moves(self, moved: dict) -> bool:
        """After a drag of one task: when it ends in another frame (or outside its own),
        move it there with its new position, one step. False: an ordinary move."""
        if len(moved) != 1:
            return False
        (key, pos), = moved.items()
        task, node = self.doc.task(key), self.scene.nodes.get(key)
        if task is None or node is None:
            return False
        centre = node.sceneBoundingRect().center()
        target = None
        for frame in sorted(self.scene.frames.values(), key=lambda f: -f.depth):
            # The task's own frames have grown around it: judge by the other members.
            if frame.frame_rect().contains(centre) and frame.key not in self._holding(key):
                target = frame.key
                break
        if target is None:
            own = self.scene.frames.get(task.group) if task.group else None
            if own is None or self._inside_others(key, own.key, centre):
                return False
            target = self.doc.pipeline.group(task.group).parent
        if target == task.group:
            return False
        if target is not None:
            pos = self._clear_of_others(key, pos)
        cmd = G.MoveToGroup(self.doc, key, target, pos)
        self.doc.push(cmd)
        self.editor.show_message(cmd.text() + ".")
        return True

    def _clear_of_others(self, key: str, pos: tuple[float, float]) -> tuple[float, float]:
        """Where a task dropped into a frame goes: where it was dropped, unless that covers
        another node (a frame is only a padding wider than its members, so a drop on it
        usually does): then straight down, just below the nodes it would cover."""
        node = self.scene.nodes[key]
        rect = node.sceneBoundingRect()
        offset = rect.topLeft() - node.pos()   # the ports stick out of the node's body
        rect.moveTo(QPointF(*pos) + offset)
        for _ in range(len(self.scene.nodes)):
            hit = [n.sceneBoundingRect() for k, n in self.scene.nodes.items()
                   if k != key and n.sceneBoundingRect().intersects(rect)]
            if not hit:
                break
            rect.moveTop(max(r.bottom() for r in hit) + NODE_GAP)
        return rect.x() - offset.x(), rect.y() - offset.y()

    def _holding(self, task_id: str) -> set[str]:
        from designer.ir.groups import task_groups
        return {g.id for g in task_groups(self.doc.pipeline, task_id)}

    def _inside_others(self, task_id: str, group_id: str, centre: QPointF) -> bool:
        """Whether ``centre`` is inside the frame of ``group_id`` drawn around its other
        members only (the frame itself has grown to follow the dragged task)."""
        p = self.doc.pipeline
        from PySide6.QtCore import QRectF

        from designer.ui.canvas.group_frame import PAD, TITLE_H
        rect = QRectF()
        for t in p.tasks:
            if t.group == group_id and t.id != task_id and t.id in self.scene.nodes:
                rect = rect.united(self.scene.nodes[t.id].sceneBoundingRect())
        for g in p.groups:
            if g.parent == group_id and g.id in self.scene.frames:
                rect = rect.united(self.scene.frames[g.id].frame_rect())
        if rect.isNull():
            return True   # its only member: it stays (ungroup removes the group)
        return rect.adjusted(-PAD, -PAD - TITLE_H, PAD, PAD).contains(centre)


class _ItemWire:
    """The scene's running gesture while the loop item's wire is dragged."""

    def __init__(self, actions: GroupActions, group_id: str):
        from designer.ui.canvas.wire_item import RubberWire
        self.actions, self.group_id, self.scene = actions, group_id, actions.scene
        frame = self.scene.frames[group_id]
        self.rubber = RubberWire(frame.item_port_pos(), True, frame.accent())
        self.scene.addItem(self.rubber)

    def mouse_press(self, event) -> None:
        event.accept()

    def mouse_move(self, event) -> None:
        self.rubber.set_free_end(event.scenePos())
        event.accept()

    def mouse_release(self, event) -> None:
        self.finish()
        self.actions.connect_item(self.group_id, event.scenePos())
        event.accept()

    def finish(self) -> None:
        self.scene.interaction = None
        self.scene.removeItem(self.rubber)

    def cancel(self) -> None:
        self.finish()


__all__ = ["GroupActions"]
