"""Writes docs/screenshots/light.png, dark.png and korean.png: the main window in either
theme, and in Korean (light).

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR]

Opens the tutorial example in a 1400x900 window, fits the pipeline to the canvas,
selects the task ``sum_result`` so its component is in the Code pane and the task in
the Properties pane, and grabs the window once per theme (View ▸ Theme), then once in
Korean (View ▸ Language; Hangul needs a Korean font, e.g. Debian's fonts-nanum).
Settings go to a temporary folder: the user's remembered theme and language are left
alone.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (1400, 900)
TASK = "sum_result"


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window, theme: str, out: Path, language: str = "en") -> None:
    window.set_language(language)
    if language != "en":
        window.statusBar().clearMessage()   # (said in English, on opening)
    window.set_theme(theme)
    settle(150)
    window.view.fit()
    window.scene.select_keys([TASK])
    for name in ("code", "properties"):
        window.docks[name].raise_()
    settle(400)  # previews compile in the background; the code pane lays out
    if not window.grab().save(str(out)):
        raise SystemExit(f"cannot write {out}")
    print(out)


def out_folder() -> Path:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir


def open_window():
    """(application, a shown SIZE main window), settings in a temporary folder."""
    from PySide6.QtCore import QSettings

    from designer.ui.app import application
    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="kfp-designer-shots-"))
    from designer.ui.main_window import MainWindow
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    return app, window


def close_window(app, window) -> None:
    window.set_language("system")
    window.set_theme("system")
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()


def main() -> int:
    out_dir = out_folder()
    app, window = open_window()
    window.files.open_example()
    settle(200)
    for theme in ("light", "dark"):
        shoot(window, theme, out_dir / f"{theme}.png")
    shoot(window, "light", out_dir / "korean.png", language="ko")
    close_window(app, window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
