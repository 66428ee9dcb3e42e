"""A local run from the window honours task settings: the run dialog asks for the env file
holding the secrets tasks read (refusing one without them), the run panel shows display
names, and the task gets the secret's value in its environment."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ir.settings import EnvVar, TaskSettings  # noqa: E402
from designer.model import commands as C  # noqa: E402
from tests.ui.test_run_gui import press, run_window, wait_done  # noqa: E402,F401

SUM_WITH_GREETING = '''def sum_and_print_numbers(number_1: int, number_2: int):
    import os
    print(os.environ["GREETING"], number_1 + number_2)
'''


def type_line(line, text: str) -> None:
    line.setFocus()
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClicks(line, text)


def test_env_file_display_name_and_secret_in_a_gui_run(run_window, qtbot, dialogs_script,
                                                        tmp_path):
    window = run_window
    assert window.files.open_example()
    doc = window.document
    doc.push(C.SetComponentSource(doc, "sum_and_print_numbers", SUM_WITH_GREETING,
                                  merge=False))
    doc.push(C.SetTaskSettings(doc, "sum_result", TaskSettings(
        display_name="Add them up", env=(EnvVar("GREETING", secret="greeter", key="word"),))))
    env_file = tmp_path / "local.env"
    env_file.write_text("secret/greeter/word=hello\n")

    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runs.dialog is not None and window.runs.dialog.isVisible())
    dialog = window.runs.dialog
    assert dialog.env_file_edit is not None   # the pipeline reads a secret: it is asked for
    for name, text in (("number_1", "1"), ("number_2", "2")):
        type_line(dialog.editors[name].line, text)
    # Without the env file the run does not start: the dialog says which secret key.
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "secret/greeter/word=" in dialog.error.text()
    assert window.runs.controller.info is None
    type_line(dialog.env_file_edit, str(env_file))
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    info = wait_done(qtbot, window)
    assert info.status == "succeeded", info

    panel = window.runs.panel
    assert panel.row_texts("sum_result")[0] == "Add them up"
    assert "[Add them up]     hello 3" in panel.log_text().splitlines()
