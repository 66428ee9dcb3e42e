"""Writes docs/screenshots/containers.png: a container step made on the canvas (its form open
in the Code dock) writing a Dataset artifact that a step from a component YAML file reads; the
artifact ports are pages, the value ports dots.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_containers.py [OUT.png]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNT = """name: Count rows
description: Counts the rows of a table.
inputs:
- {name: table, type: Dataset}
outputs:
- {name: count, type: Integer}
implementation:
  container:
    image: busybox
    command: [sh, -c, 'wc -l < "$0" > "$1"', {inputPath: table}, {outputPath: count}]
"""


def main() -> int:
    out = (Path(sys.argv[1]) if len(sys.argv) > 1
           else ROOT / "docs" / "screenshots" / "containers.png")
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="kfp-designer-shot-"))   # not the user's library
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from designer.ir import PipelineParam
    from designer.ir.container_fields import PortDecl, fields_of, new_step
    from designer.ir.model import OutputRef, ParamRef
    from designer.model import commands as C
    from designer.model.rules import PARAM_PREFIX
    from designer.ui.main_window import MainWindow
    from designer.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme("light")
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    hub = Path(tempfile.mkdtemp(prefix="kfp-designer-shot-")) / "team-hub" / "count-rows"
    hub.mkdir(parents=True)
    (hub / "component.yaml").write_text(COUNT)
    window.library.add_folder(str(hub.parent))
    doc = window.document
    doc.push(C.AddParam(doc, PipelineParam("rows", "int", 100, True), (-60.0, 40.0)))
    make = C.AddTask(doc, new_step(set()), (200.0, 0.0))
    doc.push(make)
    cid = doc.task(make.task_id).component_id
    fields = fields_of(doc.component(cid))
    doc.push(C.SetContainerFields(doc, cid, fields.__class__(
        "Make rows", "python:3.11", "Writes a table of rows.", ("sh", "-c"),
        ('seq "$0" > "$1"', "{inputValue: rows}", "{outputPath: data}"),
        (PortDecl("rows", "Integer", "10"),), (PortDecl("data", "Dataset"),)), "fields"))
    spec = window.library.spec_groups[str(hub.parent)].child(0)
    count_id = window.editor.drop_payload(bytes(spec.data(0, 0x0101)), None)
    doc.push(C.MoveNodes(doc, {count_id: (520.0, 10.0)}))
    doc.push(C.SetArgument(doc, make.task_id, "rows", ParamRef("rows")))
    doc.push(C.SetArgument(doc, count_id, "table", OutputRef(make.task_id, "data")))
    window.scene.select_keys([make.task_id])
    window.panes.docks["code"].raise_()
    window.resizeDocks([window.panes.docks["code"]], [330], Qt.Orientation.Vertical)
    app.processEvents()
    window.view.fit()
    app.processEvents()
    window.grab().save(str(out))
    print(f"written {out}  ({PARAM_PREFIX}rows -> Make rows -> Count rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
