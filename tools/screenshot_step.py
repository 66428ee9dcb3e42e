"""Writes docs/screenshots/step.png: a step-through run of the tutorial, paused before
its last task with the values its inputs get on its wires and in the run panel.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_step.py [OUT.png]

Opens the example, starts Run ▸ Step with number_1=1, number_2=2 (runs and cache in a
temporary folder), steps twice and grabs the window while the run waits before
sum_result; then lets it finish.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait_for(condition, timeout_ms: int = 60000) -> bool:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (condition() or deadline.hasExpired()) and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "step.png"
    tmp = tempfile.mkdtemp(prefix="kfp-designer-shot-")
    os.environ["KFP_DESIGNER_CACHE"] = tmp
    from PySide6.QtCore import QSettings

    from designer.ui.app import application
    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    from designer.ui.main_window import MainWindow
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    window.files.open_example()
    app.processEvents()
    window.view.fit()
    runs = window.runs
    controller = runs.controller
    runs._start({"number_1": 1, "number_2": 2}, step=True)
    for task in ("number_1_result", "number_2_result", "sum_result"):
        if not wait_for(lambda t=task: controller.paused == [t]):
            print(f"the run did not pause before {task}", file=sys.stderr)
            return 1
        if task != "sum_result":
            runs.step()
    runs.panel.show_task("")   # every task's lines
    wait_for(lambda: False, 300)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out))
    runs.resume()
    wait_for(lambda: controller.info.done)
    if not ok:
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    print(out)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
