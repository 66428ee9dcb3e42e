"""Writes docs/screenshots/help.png: F1 on the tutorial's sum_result, the help window with
the Task concept page (in Korean) and where the task lands in the YAML and the Python.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_help.py [OUT.png]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "help.png"
    tmp = tempfile.mkdtemp(prefix="kfp-designer-shot-")
    os.environ["KFP_DESIGNER_CACHE"] = tmp
    from PySide6.QtCore import QSettings

    from designer.ui import i18n
    from designer.ui.app import application
    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    i18n.set_language("ko", app)
    from designer.ui.main_window import MainWindow
    window = MainWindow()
    window.show()
    window.files.open_example()
    app.processEvents()
    window.scene.select_keys(["sum_result"])
    window.help.context_help()          # F1 with sum_result selected
    browser = window.help.browser
    browser.resize(820, 760)
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not browser.grab().save(str(out)):
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    print(out)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
