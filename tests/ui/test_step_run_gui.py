"""Step-through runs and breakpoints through the main window: Run ▸ Step (F10) pauses the
tutorial before each task with the values its inputs get on its incoming wires and in
the run panel's step bar, Continue (F8) runs the rest, F9 puts a breakpoint (a red dot)
on the selected task and a normal run (F5) pauses there."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ui import style as S  # noqa: E402
from tests.ui.canvas_helpers import click  # noqa: E402
from tests.ui.test_run_gui import (  # noqa: E402, F401 - run_window is a fixture
    fill_and_run,
    press,
    run_window,
    wait_done,
)

LEFT = Qt.MouseButton.LeftButton


def paused(window) -> list[str]:
    return window.runs.controller.paused


def wait_paused(qtbot, window, task_id: str) -> None:
    qtbot.waitUntil(lambda: paused(window) == [task_id])


def wire_value(window, task_id: str, input_name: str) -> str:
    return window.scene.wires[(task_id, input_name)].value


def bar_text(window) -> str:
    """The step bar's text without its markup."""
    from PySide6.QtGui import QTextDocument
    doc = QTextDocument()
    doc.setHtml(window.runs.panel.step_bar.label.text())
    return doc.toPlainText()


def label_pixels_drawn(window, task_id: str, input_name: str) -> bool:
    """The wire's value box is painted: the pixels in it differ from the canvas
    background."""
    wire = window.scene.wires[(task_id, input_name)]
    rect = wire.label_rect
    image = QImage(int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_ARGB32)
    image.fill(S.theme.canvas_bg)
    painter = QPainter(image)
    window.scene.render(painter, image.rect().toRectF(), rect)
    painter.end()
    background = S.theme.canvas_bg.rgb()
    return any(image.pixel(x, y) != background
               for x in range(image.width()) for y in range(image.height()))


def test_step_runs_the_tutorial_one_task_at_a_time_showing_input_values(
        run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    scene, panel = window.scene, window.runs.panel

    press(qtbot, window, Qt.Key.Key_F10)           # Run ▸ Step
    fill_and_run(qtbot, window, {"number_1": "3", "number_2": "4"})

    # Before the first task: its input value on its wire, the bar names it.
    wait_paused(qtbot, window, "number_1_result")
    assert scene.nodes["number_1_result"].run_state == "paused"
    assert scene.nodes["number_1_result"].isSelected()
    qtbot.waitUntil(lambda: window.panes.properties.task_id == "number_1_result")
    assert window.panes.properties.run_label.text() == "paused"
    assert wire_value(window, "number_1_result", "number") == "3"
    assert label_pixels_drawn(window, "number_1_result", "number")
    assert wire_value(window, "sum_result", "number_1") == ""   # not its turn
    assert panel.step_bar.isVisible()
    assert "Paused before number_1_result" in bar_text(window)
    assert "number = 3" in bar_text(window)
    assert "href='concept:local-run'" in panel.step_bar.label.text()
    assert window.runs.act_continue.isEnabled() and not window.runs.act_run.isEnabled()
    # Nothing has run yet.
    assert all(scene.nodes[t].run_state == "pending"
               for t in ("number_2_result", "sum_result"))

    press(qtbot, window, Qt.Key.Key_F10)
    wait_paused(qtbot, window, "number_2_result")
    assert scene.nodes["number_1_result"].run_state == "succeeded"
    assert wire_value(window, "number_1_result", "number") == ""   # it has run
    assert wire_value(window, "number_2_result", "number") == "4"
    text = bar_text(window)
    assert "Paused before number_2_result" in text and "number = 4" in text
    # What the task before printed and returned.
    assert "number_1_result printed:" in text and "returned: Output = 3" in text
    assert scene.nodes["number_1_result"].run_outputs == {"Output": "3"}

    # The step bar's own button does what F10 does.
    QTest.mouseClick(panel.step_bar.step_button, LEFT)
    wait_paused(qtbot, window, "sum_result")
    assert wire_value(window, "sum_result", "number_1") == "3"
    assert wire_value(window, "sum_result", "number_2") == "4"
    assert label_pixels_drawn(window, "sum_result", "number_2")
    assert "number_1 = 3, number_2 = 4" in bar_text(window)
    assert "number_2_result printed:" in bar_text(window)

    press(qtbot, window, Qt.Key.Key_F10)
    info = wait_done(qtbot, window)
    assert info.status == "succeeded"
    assert not panel.step_bar.isVisible()
    assert all(w.value == "" for w in scene.wires.values())
    assert panel.task_lines("sum_result") == ["7"]
    assert dialogs_script.warnings == []


def test_continue_runs_the_rest_after_a_step(run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    press(qtbot, window, Qt.Key.Key_F10)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    wait_paused(qtbot, window, "number_1_result")
    press(qtbot, window, Qt.Key.Key_F8)             # Run ▸ Continue
    info = wait_done(qtbot, window)
    assert info.status == "succeeded"
    assert [window.scene.nodes[t].run_state for t in info.order] == ["succeeded"] * 3


def test_a_breakpoint_set_with_f9_pauses_a_normal_run_before_its_task(
        run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    scene = window.scene
    node = scene.nodes["sum_result"]
    click(window.view, node.mapToScene(QPointF(40, 10)))
    qtbot.waitUntil(lambda: scene.selected_task_ids() == ["sum_result"])
    press(qtbot, window, Qt.Key.Key_F9)
    assert node.breakpoint and window.runs.breakpoints == {"sum_result"}
    # The red dot is painted on the node's left edge.
    spot = node.mapToScene(QPointF(0, S.HEADER_H / 2))
    image = QImage(9, 9, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    scene.render(painter, image.rect().toRectF(),
                 node.mapRectToScene(0, 0, 1, 1).translated(spot - node.mapToScene(0, 0))
                 .adjusted(-4, -4, 4, 4))
    painter.end()
    centre = image.pixelColor(4, 4)
    assert centre.red() > 180 and centre.green() < 110, centre.name()

    press(qtbot, window, Qt.Key.Key_F5)              # a normal run
    fill_and_run(qtbot, window, {"number_1": "5", "number_2": "6"})
    wait_paused(qtbot, window, "sum_result")
    assert [scene.nodes[t].run_state for t in ("number_1_result", "number_2_result")] == \
        ["succeeded", "succeeded"]
    assert wire_value(window, "sum_result", "number_1") == "5"
    assert wire_value(window, "sum_result", "number_2") == "6"
    press(qtbot, window, Qt.Key.Key_F8)
    assert wait_done(qtbot, window).status == "succeeded"

    # F9 again takes the breakpoint away: the next run does not pause.
    click(window.view, node.mapToScene(QPointF(40, 10)))
    press(qtbot, window, Qt.Key.Key_F9)
    assert not node.breakpoint and window.runs.breakpoints == set()


def test_stop_while_paused_ends_the_run(run_window, qtbot, dialogs_script):
    window = run_window
    assert window.files.open_example()
    press(qtbot, window, Qt.Key.Key_F10)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    wait_paused(qtbot, window, "number_1_result")
    press(qtbot, window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)   # Stop
    info = wait_done(qtbot, window)
    assert info.status == "cancelled"
    assert info.tasks["number_1_result"].state == "cancelled"
    assert not window.runs.panel.step_bar.isVisible()


def test_f10_at_a_breakpoint_steps_on_from_there(run_window, qtbot, dialogs_script):
    """A normal run stops at the breakpoint on number_2_result; F10 runs that task and
    pauses before the next one (sum_result), F8 runs the rest."""
    window = run_window
    assert window.files.open_example()
    window.runs.toggle_breakpoint(["number_2_result"])
    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "1", "number_2": "2"})
    wait_paused(qtbot, window, "number_2_result")
    press(qtbot, window, Qt.Key.Key_F10)     # steps: number_2_result runs, then a pause
    wait_paused(qtbot, window, "sum_result")
    assert wire_value(window, "sum_result", "number_2") == "2"
    press(qtbot, window, Qt.Key.Key_F8)
    assert wait_done(qtbot, window).status == "succeeded"
