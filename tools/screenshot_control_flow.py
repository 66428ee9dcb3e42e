"""Writes docs/screenshots/control-flow.png: the tutorial with its first task in a loop over
[1, 2, 3] (the loop's item wired to its input) and the sum under "if number_1 < number_2".

    QT_QPA_PLATFORM=offscreen python tools/screenshot_control_flow.py [OUT.png]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = (Path(sys.argv[1]) if len(sys.argv) > 1
           else ROOT / "docs" / "screenshots" / "control-flow.png")
    from PySide6.QtWidgets import QApplication

    from designer import persist
    from designer.inputs import example_path
    from designer.ir import Constant, ParamRef
    from designer.ir.groups import Condition, Group
    from designer.ir.model import LoopItem
    from designer.model import commands as C
    from designer.model import group_commands as G
    from designer.ui.main_window import MainWindow
    from designer.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme("light")
    window = MainWindow()
    window.resize(1000, 900)
    window.show()
    for dock in window.docks.values():   # the canvas alone, large enough to read
        dock.hide()
    doc = window.document
    doc.load(persist.load(example_path()), None)
    loop = G.GroupTasks(doc, ["number_1_result"],
                        Group("", "loop", items=Constant([1, 2, 3]), parallelism=2))
    doc.push(loop)
    doc.push(C.SetArgument(doc, "number_1_result", "number", LoopItem(loop.group_id)))
    doc.push(G.GroupTasks(doc, ["sum_result"], Group("", "condition", condition=Condition(
        ParamRef("number_1"), "<", ParamRef("number_2")))))
    # Room for the frames: the loop's task down and right, the sum further right.
    doc.push(C.MoveNodes(doc, {"number_1_result": (260.0, 40.0),
                               "number_2_result": (260.0, 230.0),
                               "sum_result": (560.0, 120.0)}))
    window.scene.frames[loop.group_id].setSelected(True)
    app.processEvents()
    window.view.resize(1000, 520)
    window.view.fit()
    app.processEvents()
    window.view.grab().save(str(out))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
