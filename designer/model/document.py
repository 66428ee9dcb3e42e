"""The editable document: one IR pipeline, node positions, one undo stack, signals.

Every change goes through a command (``designer.model.commands``) and every
command is a list of primitive *ops* (``designer.model.ops``) applied here.
Applying an op returns its inverse op, so undo is exact by construction: a
command replays the inverses in reverse order.

Fine-grained signals are queued while a command runs and emitted once it has
finished, when the document is consistent again; then ``changed`` fires.
"""
from __future__ import annotations

import copy
import dataclasses
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from designer.ir import Component, Pipeline, PipelineParam, Task
from designer.ir.live_validate import Changes, LiveValidation
from designer.persist import Project, param_key

from . import ops as O
from .ops import Op, Pos


def new_pipeline(name: str = "pipeline") -> Pipeline:
    return Pipeline(name=name)


class Document(QObject):
    """A pipeline being edited. Views read ``pipeline``/``layout`` and follow the signals."""

    task_added = Signal(str)          # task id
    task_removed = Signal(str)        # task id
    task_changed = Signal(str)        # task id: name, arguments or `after` changed
    link_changed = Signal(str)        # task id whose incoming wires (arguments/after) changed
    settings_changed = Signal(str)    # task id: its TaskSettings changed (also task_changed)
    component_added = Signal(str)     # component id
    component_removed = Signal(str)   # component id
    component_changed = Signal(str)   # component id: source, signature, image, packages
    params_changed = Signal()         # parameters added, removed, renamed or edited
    info_changed = Signal()           # pipeline name, description, function name
    layout_changed = Signal(str)      # layout key (task id or "param:<name>")
    groups_changed = Signal()         # groups added, removed or edited, or a task's group
    reset = Signal()                  # the whole document was replaced (new/open)
    # After every command, undo, redo and reset. ``problems`` is up to date by then, and
    # ``problem_changes`` says what the change did to it (all of it after a reset).
    changed = Signal()
    path_changed = Signal(str)

    def __init__(self, project: Project | None = None, path: str | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.pipeline: Pipeline = new_pipeline()
        self.layout: dict[str, Pos] = {}
        self.path: str | None = None
        self._tasks: dict[str, Task] = {}
        self._components: dict[str, Component] = {}
        self._depth = 0
        self._pending: dict[tuple[str, str], None] = {}  # ordered set of (signal, arg)
        # Grows with every change of what the pipeline compiles to (all but the layout):
        # views of compiled output redo their work only when it moved.
        self.content_version = 0
        # The clock typing merges by (``commands.PAUSE``); tests advance a fake one.
        self.clock: Callable[[], float] = time.monotonic
        # The diagnostics, rechecked by what each command touched (not the whole pipeline).
        self.problems = LiveValidation(self.pipeline, lambda: self._tasks)
        self._problem_changes = Changes()
        self._problems_before: list | None = None   # after a load, until asked
        if project is not None:
            self.load(project, path)

    # --- whole-document operations (not undoable) ----------------------------------------

    def load(self, project: Project, path: str | None = None) -> None:
        """Replace the contents (new/open): clears undo history, emits ``reset``."""
        self.undo_stack.clear()
        self.pipeline = project.pipeline
        self.layout = {k: (float(x), float(y)) for k, (x, y) in project.layout.items()}
        self._reindex()
        # Checked when first asked: a big canvas paints before the panes list its problems.
        if not self.problems.pending:    # (else the last load's were never asked for)
            self._problems_before = self.problems.diagnostics()
        self.problems.rebuild_later(self.pipeline)
        self.content_version += 1
        self.set_path(path)
        self.undo_stack.setClean()
        self._pending.clear()
        self.reset.emit()
        self.changed.emit()

    @property
    def problem_changes(self) -> Changes:
        """What the last change did to ``problems`` (all of it after a load)."""
        if self._problems_before is not None:
            before, self._problems_before = self._problems_before, None
            self._problem_changes = Changes(before, self.problems.diagnostics())
        return self._problem_changes

    @problem_changes.setter
    def problem_changes(self, changes: Changes) -> None:
        self._problems_before = None
        self._problem_changes = changes

    def project(self) -> Project:
        """The document as a project (shares objects: persist only reads them)."""
        return Project(self.pipeline, dict(self.layout))

    def set_path(self, path: str | None) -> None:
        self.path = path
        self.path_changed.emit(path or "")

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    # --- look-ups (O(1) by id) -----------------------------------------------------------

    def task(self, task_id: str) -> Task | None:
        return self._tasks.get(task_id)

    def component(self, component_id: str) -> Component | None:
        return self._components.get(component_id)

    def component_of(self, task_id: str) -> Component | None:
        t = self._tasks.get(task_id)
        return self._components.get(t.component_id) if t else None

    def param(self, name: str) -> PipelineParam | None:
        return self.pipeline.param(name)

    def position(self, key: str) -> Pos | None:
        return self.layout.get(key)

    def task_ids(self) -> list[str]:
        return [t.id for t in self.pipeline.tasks]

    def _reindex(self) -> None:
        self._tasks = {t.id: t for t in self.pipeline.tasks}
        self._components = {c.id: c for c in self.pipeline.components}

    # --- applying ops (commands only) ----------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group ops; queued signals are emitted when the outermost batch ends."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._flush()

    def apply(self, op: Op) -> Op:
        """Apply one op; returns the op that undoes it."""
        return self._APPLY[type(op)](self, op)

    def _queue(self, signal: str, arg: str = "") -> None:
        self._pending[(signal, arg)] = None

    _ORDER = ("info_changed", "params_changed", "component_added", "component_changed",
              "task_removed", "task_added", "task_changed", "settings_changed", "link_changed",
              "component_removed", "groups_changed", "layout_changed")

    # What each signal tells the live validation (layout changes touch nothing it checks).
    _TOUCH = {"task_added": "task", "task_removed": "task", "task_changed": "task",
              "link_changed": "task", "settings_changed": "task",
              "component_added": "component", "component_removed": "component",
              "component_changed": "component", "params_changed": "params",
              "info_changed": "info", "groups_changed": "groups"}

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        problems = self.problems
        if any(name in self._TOUCH for name, _arg in pending):
            self.content_version += 1
        for name, arg in pending:
            what = self._TOUCH.get(name)
            if what == "task":
                problems.touch_task(arg)
            elif what == "component":
                problems.touch_component(arg)
            elif what is not None:
                getattr(problems, "touch_" + what)()
        self.problem_changes = problems.update()
        rank = {name: i for i, name in enumerate(self._ORDER)}
        for name, arg in sorted(pending, key=lambda p: rank[p[0]]):
            sig = getattr(self, name)
            if name in ("info_changed", "params_changed", "groups_changed"):
                sig.emit()
            else:
                sig.emit(arg)
        self.changed.emit()

    # Task ops.
    def _insert_task(self, op: O.InsertTask) -> Op:
        index, task, pos, layout_index = op.index, op.task, op.pos, op.layout_index
        self.pipeline.tasks.insert(index, task)
        self._tasks[task.id] = task
        if pos is not None:
            self._layout_put(task.id, pos, layout_index)
        self._queue("task_added", task.id)
        return O.DeleteTask(task.id)

    def _delete_task(self, op: O.DeleteTask) -> Op:
        task_id = op.task_id
        task = self._tasks.pop(task_id)
        # (by identity: list.index would call the dataclass __eq__ on every task before it)
        index = next(i for i, t in enumerate(self.pipeline.tasks) if t is task)
        del self.pipeline.tasks[index]
        pos, layout_index = self._layout_pop(task_id)
        self._queue("task_removed", task_id)
        return O.InsertTask(index, task, pos, layout_index)

    def _set_task(self, op: O.SetTask) -> Op:
        task_id, fields = op.task_id, op.fields
        task = self._tasks[task_id]
        old = {k: getattr(task, k) for k in fields}
        for k, v in fields.items():
            setattr(task, k, copy.copy(v) if isinstance(v, (dict, list)) else v)
        self._queue("task_changed", task_id)
        if "arguments" in fields or "after" in fields:
            self._queue("link_changed", task_id)
        if "group" in fields:
            self._queue("groups_changed")
        return O.SetTask(task_id, old)

    def _set_task_settings(self, op: O.SetTaskSettings) -> Op:
        task = self._tasks[op.task_id]
        old = task.settings
        task.settings = op.settings   # frozen dataclass: the inverse keeps the old object
        self._queue("task_changed", op.task_id)
        self._queue("settings_changed", op.task_id)
        return O.SetTaskSettings(op.task_id, old)

    # Parameter ops.
    def _insert_param(self, op: O.InsertParam) -> Op:
        self.pipeline.params.insert(op.index, op.param)
        self._queue("params_changed")
        return O.DeleteParam(op.param.name)

    def _delete_param(self, op: O.DeleteParam) -> Op:
        index = next(i for i, p in enumerate(self.pipeline.params) if p.name == op.name)
        param = self.pipeline.params.pop(index)
        self._queue("params_changed")
        return O.InsertParam(index, param)

    def _replace_param(self, op: O.ReplaceParam) -> Op:
        index = next(i for i, p in enumerate(self.pipeline.params) if p.name == op.name)
        old = self.pipeline.params[index]
        self.pipeline.params[index] = op.param
        self._queue("params_changed")
        return O.ReplaceParam(op.param.name, old)

    # Component ops.
    def _insert_component(self, op: O.InsertComponent) -> Op:
        comp = op.component
        self.pipeline.components.insert(op.index, comp)
        self._components[comp.id] = comp
        self._queue("component_added", comp.id)
        return O.DeleteComponent(comp.id)

    def _delete_component(self, op: O.DeleteComponent) -> Op:
        comp = self._components.pop(op.component_id)
        index = self.pipeline.components.index(comp)
        del self.pipeline.components[index]
        self._queue("component_removed", op.component_id)
        return O.InsertComponent(index, comp)

    def _set_component(self, op: O.SetComponent) -> Op:
        component_id, fields = op.component_id, op.fields
        comp = self._components[component_id]
        old = {k: getattr(comp, k) for k in fields}
        for k, v in fields.items():
            setattr(comp, k, list(v) if isinstance(v, list) else v)
        self._queue("component_changed", component_id)
        for t in self.pipeline.tasks:  # ports may have changed on every task using it
            if t.component_id == component_id:
                self._queue("task_changed", t.id)
                self._queue("link_changed", t.id)
        return O.SetComponent(component_id, old)

    # Pipeline ops.
    def _set_info(self, op: O.SetInfo) -> Op:
        old = {k: getattr(self.pipeline, k) for k in op.fields}
        for k, v in op.fields.items():
            setattr(self.pipeline, k, v)
        self._queue("info_changed")
        return O.SetInfo(old)

    # Group ops. ``SetGroup`` replaces field values (never mutates them), so the inverse
    # holds the old objects unchanged.
    def _insert_group(self, op: O.InsertGroup) -> Op:
        self.pipeline.groups.insert(op.index, op.group)
        self._queue("groups_changed")
        return O.DeleteGroup(op.group.id)

    def _delete_group(self, op: O.DeleteGroup) -> Op:
        index = next(i for i, g in enumerate(self.pipeline.groups) if g.id == op.group_id)
        group = self.pipeline.groups.pop(index)
        self._queue("groups_changed")
        return O.InsertGroup(index, group)

    def _set_group(self, op: O.SetGroup) -> Op:
        group = self.pipeline.group(op.group_id)
        old = {k: getattr(group, k) for k in op.fields}
        for k, v in op.fields.items():
            setattr(group, k, v)
        self._queue("groups_changed")
        return O.SetGroup(op.group_id, old)

    # Layout ops. Keys keep their order across undo (the saved file lists them in order).
    def _layout_put(self, key: str, pos: Pos, index: int | None = None) -> None:
        pos = (float(pos[0]), float(pos[1]))
        if index is None or key in self.layout or index >= len(self.layout):
            self.layout[key] = pos
        else:
            items = list(self.layout.items())
            items.insert(index, (key, pos))
            self.layout = dict(items)

    def _layout_pop(self, key: str) -> tuple[Pos | None, int | None]:
        if key not in self.layout:
            return None, None
        index = list(self.layout).index(key)
        return self.layout.pop(key), index

    def _set_positions(self, op: O.SetPositions) -> Op:
        positions, indices = op.positions, op.indices
        old: dict[str, Pos | None] = {}
        old_indices: dict[str, int] = {}
        for key, pos in positions.items():
            if pos is None:
                old[key], index = self._layout_pop(key)
                if index is not None:
                    old_indices[key] = index
            else:
                old[key] = self.layout.get(key)
                self._layout_put(key, pos, (indices or {}).get(key))
            self._queue("layout_changed", key)
        # Re-adding removed keys in reverse order of removal puts each back at its index.
        if old_indices:
            old = dict(reversed(list(old.items())))
        return O.SetPositions(old, old_indices)

    _APPLY: dict[type, Callable[["Document", Any], Op]] = {
        O.InsertTask: _insert_task, O.DeleteTask: _delete_task, O.SetTask: _set_task,
        O.SetTaskSettings: _set_task_settings,
        O.InsertParam: _insert_param, O.DeleteParam: _delete_param,
        O.ReplaceParam: _replace_param, O.InsertComponent: _insert_component,
        O.DeleteComponent: _delete_component, O.SetComponent: _set_component,
        O.SetInfo: _set_info, O.SetPositions: _set_positions,
        O.InsertGroup: _insert_group, O.DeleteGroup: _delete_group, O.SetGroup: _set_group,
    }


def snapshot(doc: Document) -> Any:
    """An order-sensitive, comparable copy of the document's content (for tests and checks)."""
    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return (type(value).__name__,
                    tuple((f.name, plain(getattr(value, f.name)))
                          for f in dataclasses.fields(value)))
        if isinstance(value, dict):
            return ("dict", tuple((k, plain(v)) for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return tuple(plain(v) for v in value)
        return value
    return plain(doc.pipeline), tuple(sorted(doc.layout.items()))


__all__ = ["Document", "Op", "Pos", "new_pipeline", "param_key", "snapshot"]
