"""Return a task's output from the pipeline (kfp 2's ``return task.outputs[...]``), from the
task's context menu: one command; the Pipeline pane's Outputs section shows and describes it.

A task inside a condition, loop or exit handler is not offered: kfp returns those through
``OneOf`` or ``Collected``, which the menu does not build (a kfp file read in keeps them).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF
from PySide6.QtWidgets import QMenu

from designer.ir import OutputRef
from designer.model import commands as C

if TYPE_CHECKING:
    from designer.ui.canvas.editor import CanvasEditor


class ReturnActions(QObject):
    def __init__(self, editor: "CanvasEditor"):
        super().__init__(editor)
        self.editor = editor
        self.doc = editor.doc
        editor.menu_hooks.append(self._node_menu)

    def _node_menu(self, menu: QMenu, key: str, _pos: QPointF) -> None:
        task = self.doc.task(key)
        if task is None:
            return
        comp = self.doc.pipeline.component(task.component_id)
        outputs = [o.name for o in comp.signature.outputs] if comp is not None else []
        sub = menu.addMenu(self.tr("Return from the Pipeline (kfp 2)"))
        sub.setToolTipsVisible(True)
        if task.group is not None or not outputs:
            sub.setEnabled(False)
            sub.menuAction().setToolTip(
                self.tr("This task has no output to return") if not outputs else
                self.tr("A task inside a condition, loop or exit handler is returned through "
                        "OneOf or Collected, which only a kfp file can say"))
            return
        returned = {(a.task_id, a.output) for a in self.doc.pipeline.outputs.values()
                    if isinstance(a, OutputRef)}
        for name in outputs:
            action = sub.addAction(name, lambda n=name: self.return_output(task.id, n))
            action.setEnabled((task.id, name) not in returned)

    def return_output(self, task_id: str, output: str) -> str:
        """Return ``task_id``'s ``output`` from the pipeline; the name it is returned as."""
        name = C.output_name(self.doc.pipeline, output)
        cmd = C.SetPipelineOutput(self.doc, name, returns=OutputRef(task_id, output))
        self.doc.push(cmd)
        self.editor.show_message(cmd.text() + ".")
        return name
