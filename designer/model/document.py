"""The editable document: one IR pipeline, node positions, one undo stack, signals.

Every change goes through a command (``designer.model.commands``) and every
command is a list of primitive *ops* applied here. Applying an op returns its
inverse op, so undo is exact by construction: a command replays the inverses
in reverse order. Ops never mutate IR objects in place (they replace a task's
``arguments`` dict, a parameter object, a component's fields), so the objects
an inverse op captured stay as they were.

Fine-grained signals are queued while a command runs and emitted once it has
finished, when the document is consistent again; then ``changed`` fires.
"""
from __future__ import annotations

import copy
import dataclasses
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from designer.ir import Component, Pipeline, PipelineParam, Task
from designer.persist import Project, param_key

Pos = tuple[float, float]
# An op is a tuple: (kind, *arguments). See Document._op_* for the kinds.
Op = tuple


def new_pipeline(name: str = "pipeline") -> Pipeline:
    return Pipeline(name=name)


class Document(QObject):
    """A pipeline being edited. Views read ``pipeline``/``layout`` and follow the signals."""

    task_added = Signal(str)          # task id
    task_removed = Signal(str)        # task id
    task_changed = Signal(str)        # task id: name, arguments or `after` changed
    link_changed = Signal(str)        # task id whose incoming wires (arguments/after) changed
    component_added = Signal(str)     # component id
    component_removed = Signal(str)   # component id
    component_changed = Signal(str)   # component id: source, signature, image, packages
    params_changed = Signal()         # parameters added, removed, renamed or edited
    info_changed = Signal()           # pipeline name, description, function name
    layout_changed = Signal(str)      # layout key (task id or "param:<name>")
    reset = Signal()                  # the whole document was replaced (new/open)
    changed = Signal()                # after every command, undo, redo and reset
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
        if project is not None:
            self.load(project, path)

    # --- whole-document operations (not undoable) ----------------------------------------

    def load(self, project: Project, path: str | None = None) -> None:
        """Replace the contents (new/open): clears undo history, emits ``reset``."""
        self.undo_stack.clear()
        self.pipeline = project.pipeline
        self.layout = {k: (float(x), float(y)) for k, (x, y) in project.layout.items()}
        self._reindex()
        self.set_path(path)
        self.undo_stack.setClean()
        self._pending.clear()
        self.reset.emit()
        self.changed.emit()

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
        return getattr(self, "_op_" + op[0])(*op[1:])

    def _queue(self, signal: str, arg: str = "") -> None:
        self._pending[(signal, arg)] = None

    _ORDER = ("info_changed", "params_changed", "component_added", "component_changed",
              "task_removed", "task_added", "task_changed", "link_changed",
              "component_removed", "layout_changed")

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        rank = {name: i for i, name in enumerate(self._ORDER)}
        for name, arg in sorted(pending, key=lambda p: rank[p[0]]):
            sig = getattr(self, name)
            if name in ("info_changed", "params_changed"):
                sig.emit()
            else:
                sig.emit(arg)
        self.changed.emit()

    # Task ops.
    def _op_insert_task(self, index: int, task: Task, pos: Pos | None,
                        layout_index: int | None = None) -> Op:
        self.pipeline.tasks.insert(index, task)
        self._tasks[task.id] = task
        if pos is not None:
            self._layout_put(task.id, pos, layout_index)
        self._queue("task_added", task.id)
        return ("delete_task", task.id)

    def _op_delete_task(self, task_id: str) -> Op:
        task = self._tasks.pop(task_id)
        index = self.pipeline.tasks.index(task)
        del self.pipeline.tasks[index]
        pos, layout_index = self._layout_pop(task_id)
        self._queue("task_removed", task_id)
        return ("insert_task", index, task, pos, layout_index)

    def _op_set_task(self, task_id: str, fields: dict[str, Any]) -> Op:
        """Replace fields of a task (name, arguments, after, component_id)."""
        task = self._tasks[task_id]
        old = {k: getattr(task, k) for k in fields}
        for k, v in fields.items():
            setattr(task, k, copy.copy(v) if isinstance(v, (dict, list)) else v)
        self._queue("task_changed", task_id)
        if "arguments" in fields or "after" in fields:
            self._queue("link_changed", task_id)
        return ("set_task", task_id, old)

    # Parameter ops.
    def _op_insert_param(self, index: int, param: PipelineParam) -> Op:
        self.pipeline.params.insert(index, param)
        self._queue("params_changed")
        return ("delete_param", param.name)

    def _op_delete_param(self, name: str) -> Op:
        index = next(i for i, p in enumerate(self.pipeline.params) if p.name == name)
        param = self.pipeline.params.pop(index)
        self._queue("params_changed")
        return ("insert_param", index, param)

    def _op_replace_param(self, name: str, param: PipelineParam) -> Op:
        index = next(i for i, p in enumerate(self.pipeline.params) if p.name == name)
        old = self.pipeline.params[index]
        self.pipeline.params[index] = param
        self._queue("params_changed")
        return ("replace_param", param.name, old)

    # Component ops.
    def _op_insert_component(self, index: int, comp: Component) -> Op:
        self.pipeline.components.insert(index, comp)
        self._components[comp.id] = comp
        self._queue("component_added", comp.id)
        return ("delete_component", comp.id)

    def _op_delete_component(self, component_id: str) -> Op:
        comp = self._components.pop(component_id)
        index = self.pipeline.components.index(comp)
        del self.pipeline.components[index]
        self._queue("component_removed", component_id)
        return ("insert_component", index, comp)

    def _op_set_component(self, component_id: str, fields: dict[str, Any]) -> Op:
        """Replace fields of a component (source, signature, base_image, packages_to_install)."""
        comp = self._components[component_id]
        old = {k: getattr(comp, k) for k in fields}
        for k, v in fields.items():
            setattr(comp, k, list(v) if isinstance(v, list) else v)
        self._queue("component_changed", component_id)
        for t in self.pipeline.tasks:  # ports may have changed on every task using it
            if t.component_id == component_id:
                self._queue("task_changed", t.id)
                self._queue("link_changed", t.id)
        return ("set_component", component_id, old)

    # Pipeline ops.
    def _op_set_info(self, fields: dict[str, Any]) -> Op:
        old = {k: getattr(self.pipeline, k) for k in fields}
        for k, v in fields.items():
            setattr(self.pipeline, k, v)
        self._queue("info_changed")
        return ("set_info", old)

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

    def _op_set_positions(self, positions: dict[str, Pos | None],
                          indices: dict[str, int] | None = None) -> Op:
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
        return ("set_positions", old, old_indices)


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
