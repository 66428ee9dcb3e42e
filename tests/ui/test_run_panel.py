"""The run panel on its own: task rows with state and time, logs per task and for all
tasks, stderr set apart, Stop/Re-run states, the run folder link."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ui.run import panel as run_panel  # noqa: E402
from designer.ui import style as S  # noqa: E402
from designer.ui.run.controller import RunController, RunInfo, TaskRun  # noqa: E402
from designer.ui.run.panel import LOG_LIMIT, RunPanel  # noqa: E402
from designer.ui.theme import text_colour  # noqa: E402
from tests.ui.run_support import run_options, tutorial  # noqa: E402,F401


def make_info() -> RunInfo:
    info = RunInfo("demo", {"n": 1}, run_dir="/tmp/runs/demo")
    for tid, name in (("a", "prepare"), ("b", "train_model")):
        info.order.append(tid)
        info.tasks[tid] = TaskRun(tid, name)
    return info


@pytest.fixture
def panel(qtbot):
    p = RunPanel()
    qtbot.addWidget(p)
    p.resize(900, 300)
    p.show()
    return p


def set_state(panel, info, tid, state, **fields):
    task = info.tasks[tid]
    task.state = state
    for k, v in fields.items():
        setattr(task, k, v)
    panel.set_task_state(tid, state)


def test_rows_follow_task_states(panel):
    info = make_info()
    panel.begin(info)
    assert panel.row_texts("a") == ("prepare", "pending", "")
    assert panel.tasks.topLevelItem(0).text(0) == "All tasks"
    assert "0 of 2" in panel.status_label.text()
    set_state(panel, info, "a", "running", started=0.0)
    assert panel.row_texts("a")[1] == "running"
    set_state(panel, info, "a", "succeeded", duration=1.5, outputs={"Output": "42"})
    set_state(panel, info, "b", "failed", duration=0.25, error="exited with code 1: boom")
    assert panel.row_texts("a") == ("prepare", "succeeded", "1.50 s")
    assert panel.row_texts("b") == ("train_model", "failed", "0.25 s")
    assert "Output = 42" in panel.rows["a"].toolTip(1)
    assert "boom" in panel.rows["b"].toolTip(1)
    # The state's colour is on the row's icon.
    image = panel.rows["b"].icon(0).pixmap(14, 14).toImage()
    assert image.pixelColor(7, 7).name() == S.RUN_STATE_COLOURS["failed"].name()
    info.status, info.duration = "failed", 2.0
    panel.finish(info)
    text = panel.status_label.text()
    assert text.startswith("Failed in 2.00 s") and "1 succeeded" in text and "1 failed" in text


def test_logs_stream_with_task_names_and_filter_per_task(panel):
    info = make_info()
    panel.begin(info)
    panel.append_logs([("a", "prepare", "stdout", "reading data"),
                       ("b", "train_model", "stdout", "epoch 1"),
                       ("a", "prepare", "stderr", "warning: few rows")])
    panel.append_logs([("b", "train_model", "stdout", "epoch 2")])
    lines = panel.log_text().splitlines()
    assert lines == ["[prepare]     reading data", "[train_model] epoch 1",
                     "[prepare]     warning: few rows", "[train_model] epoch 2"]
    # stderr is coloured apart from stdout.
    doc = panel.log.document()
    out_colour = QTextCursor(doc.findBlockByNumber(0)).charFormat().foreground().color()
    cursor = QTextCursor(doc.findBlockByNumber(2))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    assert cursor.charFormat().foreground().color() == text_colour("error")
    assert out_colour != text_colour("error")

    seen = []
    panel.task_selected.connect(seen.append)
    QTest.mouseClick(panel.tasks.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     panel.tasks.visualItemRect(panel.rows["b"]).center())
    assert seen == ["b"] and panel.log_filter == "b"
    assert panel.log_text().splitlines() == ["epoch 1", "epoch 2"]
    panel.append_logs([("a", "prepare", "stdout", "not shown here"),
                       ("b", "train_model", "stdout", "epoch 3")])
    assert panel.log_text().splitlines() == ["epoch 1", "epoch 2", "epoch 3"]
    panel.show_task("")
    assert panel.log_text().splitlines()[-2:] == ["[prepare]     not shown here",
                                                  "[train_model] epoch 3"]
    assert panel.task_lines("a") == ["reading data", "warning: few rows", "not shown here"]


def test_a_new_run_starts_with_empty_logs_and_keeps_the_task_shown(panel):
    info = make_info()
    panel.begin(info)
    panel.append_logs([("b", "train_model", "stdout", "old line")])
    panel.show_task("b")
    panel.begin(make_info())
    assert panel.log_filter == "b" and panel.log_text() == ""
    assert panel.task_lines("b") == []


def test_the_view_keeps_the_last_lines_only(panel):
    info = make_info()
    panel.begin(info)
    total = LOG_LIMIT + 250
    panel.append_logs([("a", "prepare", "stdout", f"n{i}") for i in range(total)])
    lines = panel.log_text().splitlines()
    assert len(lines) == LOG_LIMIT
    assert lines[0].endswith(f"n{total - LOG_LIMIT}") and lines[-1].endswith(f"n{total - 1}")
    assert len(panel.task_lines("a")) == LOG_LIMIT


def test_lines_reach_the_view_in_slices_during_a_flood(panel, qtbot):
    info = make_info()
    panel.begin(info)
    panel.append_logs([("a", "prepare", "stdout", f"n{i}") for i in range(5000)])
    assert panel.log.document().blockCount() <= 1       # nothing written synchronously
    qtbot.waitUntil(lambda: panel.log.document().blockCount() >= run_panel.FLUSH_LINES)
    qtbot.waitUntil(lambda: panel.log.document().blockCount() == 5000)
    assert panel.log.toPlainText().splitlines()[-1].endswith("n4999")


def test_buttons_and_folder_link(panel, monkeypatch):
    opened = []
    monkeypatch.setattr(run_panel, "open_folder", opened.append)
    stops, reruns = [], []
    panel.stop_requested.connect(lambda: stops.append(1))
    panel.rerun_requested.connect(lambda: reruns.append(1))
    assert not panel.stop_button.isEnabled() and not panel.rerun_button.isEnabled()
    panel.begin(make_info())
    panel.set_running(True)
    assert panel.stop_button.isEnabled() and not panel.rerun_button.isEnabled()
    QTest.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert stops == [1]
    panel.set_running(False)
    assert not panel.stop_button.isEnabled() and panel.rerun_button.isEnabled()
    QTest.mouseClick(panel.rerun_button, Qt.MouseButton.LeftButton)
    assert reruns == [1]
    assert "Open run folder" in panel.folder_link.text()
    panel.folder_link.linkActivated.emit(panel.folder_link.text())
    assert opened == ["/tmp/runs/demo"]


def test_a_refused_run_is_explained(panel):
    panel.show_problem("missing parameter `n` (int): pass --param n=VALUE\nmore")
    assert panel.status_label.text() == "Not run: missing parameter `n` (int): pass --param n=VALUE"
    assert "more" in panel.status_label.toolTip()


def test_bound_to_a_controller_the_panel_shows_a_real_run(panel, qtbot, run_options):
    controller = RunController(run_options)
    panel.bind(controller)
    panel.cache_box.setChecked(False)
    assert controller.use_cache is False
    with qtbot.waitSignal(controller.finished, timeout=60000):
        assert controller.start(tutorial(), {"number_1": 1, "number_2": 2})
    assert [panel.row_texts(t)[1] for t in ("number_1_result", "number_2_result",
                                            "sum_result")] == ["succeeded"] * 3
    lines = panel.log_text().splitlines()
    assert sorted(lines) == ["[number_1_result] 1", "[number_2_result] 2",
                             "[sum_result]      3"]
    assert lines[-1] == "[sum_result]      3"
    assert panel.status_label.text().startswith("Succeeded in")
    assert panel.rerun_button.isEnabled() and not panel.stop_button.isEnabled()
    with qtbot.waitSignal(controller.finished, timeout=60000):
        QTest.mouseClick(panel.rerun_button, Qt.MouseButton.LeftButton)
    assert panel.row_texts("sum_result")[1] == "succeeded"  # cache off: ran again
