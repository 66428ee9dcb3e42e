"""Writes docs/screenshots/run-loop.png: a local run of the tutorial with its first task and
the sum in a loop over [1, 2, 3, 4], the sum under "if item < 3" inside the loop.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_run_loop.py [OUT.png]

Runs it with number_2=10 (runs and cache in a temporary folder) and grabs the window: the
loop frame's badge ("4 of 4 done"), the sum's iterations 2 and 3 skipped (condition false),
the run panel with each iteration under its task, the log of the sum's iterations.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.screenshot_run import settle  # noqa: E402


def main() -> int:
    out = (Path(sys.argv[1]) if len(sys.argv) > 1
           else ROOT / "docs" / "screenshots" / "run-loop.png")
    tmp = tempfile.mkdtemp(prefix="kfp-designer-shot-")
    os.environ["KFP_DESIGNER_CACHE"] = tmp
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from designer.ir import Constant
    from designer.ir.groups import Condition, Group
    from designer.ir.model import LoopItem
    from designer.model import commands as C
    from designer.model.group_commands import GroupTasks
    from designer.ui.app import application
    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    from designer.ui.main_window import MainWindow
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.files.open_example()
    doc = window.document
    loop = GroupTasks(doc, ["number_1_result", "sum_result"],
                      Group("", "loop", items=Constant([1, 2, 3, 4])))
    doc.undo_stack.push(loop)
    doc.undo_stack.push(C.SetArgument(doc, "number_1_result", "number",
                                      LoopItem(loop.group_id)))
    doc.undo_stack.push(GroupTasks(doc, ["sum_result"], Group(
        "", "condition", condition=Condition(LoopItem(loop.group_id), "<", Constant(3)))))
    window.editor.auto_layout()
    app.processEvents()
    window.view.fit()
    runs = window.runs
    done = QEventLoop()
    runs.controller.finished.connect(lambda _info: done.quit())
    QTimer.singleShot(120000, done.quit)
    runs._start({"number_1": 0, "number_2": 10})
    done.exec()
    info = runs.controller.info
    if info is None or info.status != "succeeded":
        print(f"the run did not succeed: {info}", file=sys.stderr)
        return 1
    settle(300)
    from PySide6.QtWidgets import QSplitter
    runs.panel.findChild(QSplitter).setSizes([420, 700])   # the task names beside the states
    runs.panel.show_task("sum_result")   # the sum's iterations, named
    settle(100)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    print(out)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
