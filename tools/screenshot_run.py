"""Writes docs/screenshots/run.png: the tutorial pipeline after a local run in the designer.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_run.py [OUT.png]

Opens the example, runs it with number_1=1, number_2=2 (runs and cache in a temporary
folder), selects the first task and grabs the window: coloured nodes, the run panel with
its log, the properties pane with the task's last run.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "run.png"
    tmp = tempfile.mkdtemp(prefix="kfp-designer-shot-")
    os.environ["KFP_DESIGNER_CACHE"] = tmp
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

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
    loop = QEventLoop()
    runs.controller.finished.connect(lambda _info: loop.quit())
    QTimer.singleShot(60000, loop.quit)
    runs._start({"number_1": 1, "number_2": 2})
    loop.exec()
    info = runs.controller.info
    if info is None or info.status != "succeeded":
        print(f"the run did not succeed: {info}", file=sys.stderr)
        return 1
    window.scene.select_keys(["number_1_result"])
    settle(300)
    runs.panel.show_task("")  # every task's lines (selecting the node showed its own)
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
