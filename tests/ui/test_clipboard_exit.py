"""Quitting after a copy exits cleanly. Qt deletes the clipboard's data after Python has
gone, and deleting the QMimeData our copy made in Python crashed the exit (exit 139 on
PySide6 6.11; the README's test line ended that way once a test had copied nodes). The
designer hands the copied nodes over as plain text made by Qt before Python exits."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    from designer.ui.canvas.editor import MIME_PROJECT
    from designer.ui.main_window import MainWindow

    app = QApplication(sys.argv)
    window = MainWindow()
    window.show()
    window.files.open_example()
    key = next(iter(window.scene.nodes))
    window.scene.select_keys([key])
    assert window.editor.copy_selection()
    mime = QGuiApplication.clipboard().mimeData()
    print("copied", mime.hasFormat(MIME_PROJECT), flush=True)
""")


def test_quitting_after_copying_nodes_exits_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert "copied True" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])


def test_the_handed_over_text_still_pastes_as_nodes(window):
    from PySide6.QtGui import QGuiApplication

    from designer.ui.canvas.editor import MIME_PROJECT, hand_over_clipboard
    window.files.open_example()
    before = len(window.scene.nodes)
    window.scene.select_keys([next(iter(window.scene.nodes))])
    window.editor.copy_selection()
    hand_over_clipboard()
    mime = QGuiApplication.clipboard().mimeData()
    assert not mime.hasFormat(MIME_PROJECT) and mime.text()
    window.editor.paste()
    assert len(window.scene.nodes) == before + 1
