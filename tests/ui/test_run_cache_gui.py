"""Cached tasks in the window (issue 9, part 2): a second F5 of the tutorial shows every
task cached, replays the log of the run that made the outputs, marked and greyed, in the
Run panel, with the values on the ports as for a fresh run; "Reuse cached results" is
remembered."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ui.run.dialog import default_settings  # noqa: E402
from designer.ui.run.panel import _STREAM_ROLES  # noqa: E402
from designer.ui.theme import text_colour  # noqa: E402
from designer.ui.run.session import REUSE_CACHE_KEY  # noqa: E402
from tests.ui.test_run_gui import (  # noqa: E402
    TASKS,
    fill_and_run,
    hover_tooltip,
    press,
    run_window,  # noqa: F401 - a fixture
    wait_done,
)


def line_colour(panel, text: str) -> str:
    """The colour the log view paints the line ``text`` in."""
    doc = panel.log.document()
    block = next(doc.findBlockByNumber(i) for i in range(doc.blockCount())
                 if doc.findBlockByNumber(i).text() == text)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    return cursor.charFormat().foreground().color().name()


def test_a_second_run_replays_the_cached_logs_marked(run_window, qtbot,  # noqa: F811
                                                      dialogs_script):
    window = run_window
    panel = window.runs.panel
    assert window.files.open_example()
    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    first = wait_done(qtbot, window)
    assert first.status == "succeeded"
    first_id = Path(first.run_dir).name

    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    info = wait_done(qtbot, window)
    assert info is not first and info.status == "succeeded"
    assert [panel.row_texts(t)[1] for t in TASKS] == ["cached"] * 3
    assert [window.scene.nodes[t].run_state for t in TASKS] == ["cached"] * 3
    # Every task's log, as its producing run printed it, after a line naming that run.
    log = panel.log_text().splitlines()
    header = f"[sum_result]      cached from run {first_id}; its log:"
    assert header in log and log[log.index(header) + 1] == "[sum_result]      3"
    assert f"[number_1_result] cached from run {first_id}; its log:" in log
    assert "[number_1_result] 1" in log and "[number_2_result] 2" in log
    # Replayed lines are set apart from what a task prints now.
    assert line_colour(panel, "[sum_result]      3") == text_colour(_STREAM_ROLES["cached-stdout"]).name()
    panel.show_task("sum_result")
    assert panel.log_text() == f"cached from run {first_id}; its log:\n3"
    assert f"(from run {first_id})" in panel.rows["sum_result"].toolTip(1)
    # The values are where a fresh run puts them.
    assert info.tasks["number_1_result"].outputs == {"Output": "1"}
    assert "last run: 2" in hover_tooltip(window, qtbot, "number_2_result", "Output")
    assert dialogs_script.warnings == []


def test_the_reuse_cached_results_choice_is_remembered(make_window, qtbot, tmp_path,
                                                       monkeypatch, dialogs_script):
    """In the app's own settings file (tests/ui/conftest.py puts it in a fresh folder)."""
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(tmp_path / "cache-root"))
    window = make_window()
    box = window.runs.panel.cache_box
    assert box.isChecked() and window.runs.controller.use_cache
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked() and window.runs.controller.use_cache is False
    assert default_settings().value(REUSE_CACHE_KEY) in (False, "false")
    # The next window (the next start of the app) reads it back.
    second = make_window()
    assert not second.runs.panel.cache_box.isChecked()
    assert second.runs.controller.use_cache is False

    # And it is honoured: a second run of the tutorial runs every task again.
    second.activateWindow()
    assert QTest.qWaitForWindowActive(second)
    assert second.files.open_example()
    for _ in range(2):
        press(qtbot, second, Qt.Key.Key_F5)
        fill_and_run(qtbot, second, {"number_1": "1", "number_2": "2"})
        info = wait_done(qtbot, second)
    assert [t.state for t in info.tasks.values()] == ["succeeded"] * 3
    QTest.mouseClick(second.runs.panel.cache_box, Qt.MouseButton.LeftButton)
    assert default_settings().value(REUSE_CACHE_KEY) in (True, "true")
    assert make_window().runs.panel.cache_box.isChecked()
    second.runs.controller.shutdown()
    second.runs.controller.wait(15)


def test_a_warning_of_the_run_shows_in_the_panel(qtbot, tmp_path):
    from designer.runner import RunOptions
    from designer.ui.run.controller import RunController
    from designer.ui.run.panel import RunPanel
    from tests.runner.runner_helpers import build
    from tests.runner.test_runner_names import THREE
    controller = RunController(lambda: RunOptions(runs_dir=tmp_path / "runs",
                                                  cache_dir=tmp_path / "cache", jobs=1))
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.bind(controller)
    with qtbot.waitSignal(controller.finished, timeout=60000):
        assert controller.start(build("outs", {"three": THREE}, [("three", "three", {})]), {})
    log = panel.log_text().splitlines()
    line = next(x for x in log if "`a b`" in x)
    assert line.startswith("[three] warning: on a cluster kfp writes outputs `a b` and `a/b`")
    assert line_colour(panel, line) == text_colour(_STREAM_ROLES["warning"]).name()
