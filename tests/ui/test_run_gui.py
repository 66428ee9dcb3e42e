"""Local runs through the main window: F5, the parameter dialog, node colours, the run
panel's logs, output values on port tooltips and in the properties pane, Re-run, Stop,
and a run that stops with its window.

Runs, cache and task venvs go to a temporary KFP_DESIGNER_CACHE; the parameter dialog
remembers values in a temporary settings file.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, QRectF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from designer.model import commands as C  # noqa: E402
from designer.persist import Project  # noqa: E402
from designer.runner.procs import alive  # noqa: E402
from designer.ui import style as S  # noqa: E402
from tests.runner.runner_helpers import ADD, build  # noqa: E402
from tests.ui.canvas_helpers import _send, click  # noqa: E402
from tests.ui.run_support import FAIL, SLEEPER  # noqa: E402

TASKS = ("number_1_result", "number_2_result", "sum_result")
SUM_RETURNING = '''def sum_and_print_numbers(number_1: int, number_2: int) -> int:
    print(number_1 + number_2)
    return number_1 + number_2
'''


@pytest.fixture
def run_window(window, qtbot, tmp_path, monkeypatch):
    """The main window, shown and active, with runs and settings under tmp_path."""
    monkeypatch.setenv("KFP_DESIGNER_CACHE", str(tmp_path / "cache-root"))
    window.runs.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    yield window
    window.runs.controller.shutdown()
    window.runs.controller.wait(15)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in the active window with the focus on the canvas (as after clicking
    it). The offscreen platform does not give activation back to the window when a dialog
    closes, as a desktop does: do it here."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), key, modifiers)


def fill_and_run(qtbot, window, values: dict[str, str]) -> None:
    qtbot.waitUntil(lambda: window.runs.dialog is not None and window.runs.dialog.isVisible())
    dialog = window.runs.dialog
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    for name, text in values.items():
        line = dialog.editors[name].line
        line.setFocus()
        line.selectAll()
        QTest.keyClick(line, Qt.Key.Key_Delete)
        QTest.keyClicks(line, text)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def wait_done(qtbot, window, timeout=60000):
    c = window.runs.controller
    qtbot.waitUntil(lambda: c.info is not None and c.info.done, timeout=timeout)
    return c.info


def node_pixel_hue(window, key: str) -> QColor:
    """The colour of a node's header band, left of its title, as painted."""
    node = window.scene.nodes[key]
    rect = node.sceneBoundingRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    window.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    local = node.mapToScene(QPointF(5, S.HEADER_H - 5)) - rect.topLeft()
    return image.pixelColor(int(local.x()), int(local.y()))


def close_in_hue(colour: QColor, state: str) -> bool:
    want = S.RUN_STATE_COLOURS[state]
    diff = abs(colour.hsvHue() - want.hsvHue())
    return min(diff, 360 - diff) <= 20 and colour.hsvSaturation() > 40


def hover_tooltip(window, qtbot, key: str, output: str | None) -> str:
    """Move the mouse onto an output port of a node (None: onto its title); the tooltip
    the node then carries."""
    node = window.scene.nodes[key]
    view = window.view
    view.centerOn(node)
    away = view.mapFromScene(node.sceneBoundingRect().topLeft() - QPointF(60, 60))
    _send(view, QEvent.Type.MouseMove, away, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    spot = node.output_pos(output) if output else node.mapToScene(QPointF(40, 12))
    _send(view, QEvent.Type.MouseMove, view.mapFromScene(spot), Qt.MouseButton.NoButton,
          Qt.MouseButton.NoButton)
    return node.toolTip()


def test_f5_runs_the_tutorial_and_shows_it_on_the_canvas(run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    scene, panel = window.scene, window.runs.panel
    assert all(scene.nodes[t].run_state == "" for t in TASKS)
    before = node_pixel_hue(window, "sum_result")

    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    assert window.runs.controller.is_running or window.runs.controller.info.done
    info = wait_done(qtbot, window)
    assert info.status == "succeeded", info
    assert dialogs_script.warnings == []

    # The run panel: three succeeded rows, every task's line with its name.
    assert window.docks["run"].isVisible()
    assert [panel.row_texts(t)[1] for t in TASKS] == ["succeeded"] * 3
    log = panel.log_text().splitlines()
    assert "[number_1_result] 1" in log and "[number_2_result] 2" in log
    assert log[-1] == "[sum_result]      3"
    panel.show_task("sum_result")
    assert panel.log_text() == "3"

    # Nodes are coloured by state: the state, and the pixels.
    assert [scene.nodes[t].run_state for t in TASKS] == ["succeeded"] * 3
    after = node_pixel_hue(window, "sum_result")
    assert close_in_hue(after, "succeeded") and after != before, (before.name(), after.name())

    # Produced values are on the output ports...
    assert "last run: 1" in hover_tooltip(window, qtbot, "number_1_result", "Output")
    assert "last run: 2" in hover_tooltip(window, qtbot, "number_2_result", "Output")
    # ...and in the properties pane of the selected task.
    props = window.panes.properties
    click(window.view, scene.nodes["number_2_result"].mapToScene(QPointF(40, 10)))
    qtbot.waitUntil(lambda: props.task_id == "number_2_result")
    assert props.run_label.text().startswith("succeeded in")
    assert "Output = 2" in props.run_label.text()
    assert panel.log_filter == "number_2_result"  # the panel follows the canvas selection
    assert panel.log_text() == "2"

    # The run folder holds what the run panel showed.
    run_dir = info.run_dir
    assert run_dir.startswith(os.environ["KFP_DESIGNER_CACHE"])
    with open(os.path.join(run_dir, "tasks", "sum_result", "stdout.log")) as f:
        assert f.read() == "3\n"


def test_rerun_after_an_edit_puts_the_new_output_on_its_port(run_window, qtbot,
                                                            dialogs_script):
    window = run_window
    assert window.files.open_example()
    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    first = wait_done(qtbot, window)
    assert first.status == "succeeded"

    # The sum now returns its result (what the code pane does when the source is edited).
    doc = window.document
    doc.push(C.SetComponentSource(doc, "sum_and_print_numbers", SUM_RETURNING))
    sum_node = window.scene.nodes["sum_result"]
    assert [p.name for p in sum_node.outputs] == ["Output"]
    # The edit makes the last run's result of that task stale: its colour goes.
    assert sum_node.run_state == "" and "sum_result" in window.runs.stale
    assert window.scene.nodes["number_1_result"].run_state == "succeeded"

    press(qtbot, window, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)  # Re-run: same values, no dialog
    info = wait_done(qtbot, window)
    assert info is not first and window.runs.dialog is None
    assert info.status == "succeeded" and info.params == {"number_1": 1, "number_2": 2}
    # Unchanged tasks come from the cache (their own colour); the edited one ran.
    states = {t: window.scene.nodes[t].run_state for t in TASKS}
    assert states == {"number_1_result": "cached", "number_2_result": "cached",
                      "sum_result": "succeeded"}
    assert close_in_hue(node_pixel_hue(window, "number_1_result"), "cached")
    assert info.tasks["sum_result"].outputs == {"Output": "3"}
    assert "last run: 3" in hover_tooltip(window, qtbot, "sum_result", "Output")
    window.scene.select_keys(["sum_result"])
    qtbot.waitUntil(lambda: window.panes.properties.task_id == "sum_result")
    assert "Output = 3" in window.panes.properties.run_label.text()

    # F5 again: the dialog offers the values used last time.
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runs.dialog is not None and window.runs.dialog.isVisible())
    editors = window.runs.dialog.editors
    assert (editors["number_1"].text(), editors["number_2"].text()) == ("1", "2")
    window.runs.dialog.reject()
    qtbot.waitUntil(lambda: window.runs.dialog is None)
    assert not window.runs.controller.is_running


def test_a_failing_task_is_red_and_its_dependents_skipped(run_window, qtbot, dialogs_script):
    window = run_window
    pipeline = build("failing", {"fail": FAIL, "add": ADD},
                     [("fail", "fail", {"x": 3}),
                      ("after", "add", {"a": "@fail.Output", "b": 1})])
    window.document.load(Project(pipeline, {"fail": (0.0, 0.0), "after": (300.0, 0.0)}))
    press(qtbot, window, Qt.Key.Key_F5)  # no parameters: no dialog
    info = wait_done(qtbot, window)
    assert info.status == "failed" and window.runs.dialog is None
    assert window.scene.nodes["fail"].run_state == "failed"
    assert window.scene.nodes["after"].run_state == "skipped"
    assert close_in_hue(node_pixel_hue(window, "fail"), "failed")
    tip = hover_tooltip(window, qtbot, "fail", None)
    assert "last run: failed" in tip and "bad value 3" in tip
    assert "upstream task `fail` failed" in hover_tooltip(window, qtbot, "after", None)
    assert "ValueError: bad value 3" in window.runs.panel.log_text()
    assert window.runs.panel.status_label.text().startswith("Failed")


def test_a_pipeline_with_errors_is_not_run(run_window, qtbot, dialogs_script):
    window = run_window
    pipeline = build("broken", {"add": ADD}, [("add", "add", {"a": 1})])  # b is missing
    window.document.load(Project(pipeline, {"add": (0.0, 0.0)}))
    press(qtbot, window, Qt.Key.Key_F5)
    assert len(dialogs_script.warnings) == 1
    title, text, details = dialogs_script.warnings[0]
    assert title == "Cannot run" and "errors" in text and "b" in details
    assert window.runs.controller.info is None and window.runs.dialog is None


def test_stop_and_closing_the_window_end_the_run(run_window, qtbot, dialogs_script):
    window = run_window
    pipeline = build("sleepy", {"sleeper": SLEEPER},
                     [("sleeper", "sleeper", {"seconds": 300})])
    window.document.load(Project(pipeline, {"sleeper": (0.0, 0.0)}))
    controller = window.runs.controller
    panel = window.runs.panel

    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "started" in panel.task_lines("sleeper"), timeout=30000)
    assert window.scene.nodes["sleeper"].run_state == "running"
    assert not window.runs.act_run.isEnabled() and window.runs.act_stop.isEnabled()
    QTest.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    info = wait_done(qtbot, window, timeout=15000)
    assert info.status == "cancelled"
    assert window.scene.nodes["sleeper"].run_state == "cancelled"
    assert panel.status_label.text().startswith("Stopped")
    assert window.runs.act_run.isEnabled() and window.runs.act_rerun.isEnabled()

    # Again, then close the window mid-run: the task's processes die with it.
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "started" in panel.task_lines("sleeper"), timeout=30000)
    pids = controller._runner._procs.live_pids()
    assert pids
    window.close()
    assert not controller.is_running
    qtbot.waitUntil(lambda: not any(alive(p) for p in pids), timeout=15000)


def test_run_state_goes_stale_when_a_wire_changes_and_clears_with_another_document(
        run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    assert wait_done(qtbot, window).status == "succeeded"
    nodes, props = window.scene.nodes, window.panes.properties
    assert [nodes[t].run_state for t in TASKS] == ["succeeded"] * 3

    # Disconnect sum_result's number_2 with the × in its properties: its result (and only
    # its: the others ran as they would now) no longer describes the pipeline.
    click(window.view, nodes["sum_result"].mapToScene(QPointF(40, 10)))
    qtbot.waitUntil(lambda: props.task_id == "sum_result")
    QTest.mouseClick(props.disconnect_buttons["number_2"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "number_2" not in window.document.task("sum_result").arguments)
    assert nodes["sum_result"].run_state == ""
    assert [nodes[t].run_state for t in TASKS[:2]] == ["succeeded"] * 2
    assert props.run_label.text().startswith("Changed since the last run")
    assert "last run" not in hover_tooltip(window, qtbot, "sum_result", None)

    # Undo puts the wire back, and with it the run's colour and values.
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: nodes["sum_result"].run_state == "succeeded")
    assert window.runs.stale == set()

    # Another document: nothing of that run stays on the canvas or in the properties.
    window.document.undo_stack.setClean()
    assert window.files.open_example()
    nodes = window.scene.nodes
    assert [nodes[t].run_state for t in TASKS] == [""] * 3
    assert "last run" not in hover_tooltip(window, qtbot, "number_1_result", "Output")
    click(window.view, nodes["number_1_result"].mapToScene(QPointF(40, 10)))
    qtbot.waitUntil(lambda: props.task_id == "number_1_result")
    assert props.run_label.text().startswith("Not run yet")
