"""A local run of a loop in the window: the tutorial with its first task and the sum in a
loop over [1, 2, 3]. The loop's frame counts its iterations on the canvas while the run
goes ("2 of 3 done"), the run panel lists each iteration under its task with its item, the
log names the iteration, and a breakpoint on a task in the loop pauses every iteration."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ir import Constant  # noqa: E402
from designer.ir.groups import Group  # noqa: E402
from designer.ir.model import LoopItem  # noqa: E402
from designer.model import commands as C  # noqa: E402
from designer.model.group_commands import GroupTasks  # noqa: E402
from designer.ui import style as S  # noqa: E402
from tests.ui.canvas_helpers import click  # noqa: E402
from tests.ui.test_run_gui import fill_and_run, press, run_window, wait_done  # noqa: E402,F401

FIRST, SUM = "number_1_result", "sum_result"


def loop_tutorial(window) -> str:
    """The example with its first task and the sum in a loop over [1, 2, 3], the loop's
    item feeding the first task; the loop group's id."""
    assert window.files.open_example()
    doc = window.document
    grouping = GroupTasks(doc, [FIRST, SUM], Group("", "loop", items=Constant([1, 2, 3])))
    doc.undo_stack.push(grouping)
    doc.undo_stack.push(C.SetArgument(doc, FIRST, "number", LoopItem(grouping.group_id)))
    return grouping.group_id


def click_row(panel, key: str) -> None:
    QTest.mouseClick(panel.tasks.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     panel.tasks.visualItemRect(panel.rows[key]).center())


def test_a_loop_shows_its_iterations_on_its_frame_and_in_the_run_panel(
        run_window, qtbot, dialogs_script):
    window = run_window
    loop = loop_tutorial(window)
    scene, panel = window.scene, window.runs.panel
    figures: list[tuple[int, int, int]] = []
    window.runs.loop_progress.connect(lambda gid, d, f, t: gid == loop and figures.append(
        (d, f, t)))

    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "0", "number_2": "10"})
    info = wait_done(qtbot, window)
    assert info.status == "succeeded", info

    # The frame counted the iterations up while the run went (after clearing the last
    # run's figures), and says how it ended.
    assert figures[0] == (0, 0, -1)
    figures = figures[1:]
    assert figures[0] == (0, 0, 3) and figures[-1] == (3, 0, 3)
    assert [d for d, _, _ in figures] == sorted(d for d, _, _ in figures)
    badge = scene.frames[loop].badge
    assert badge is not None and badge.isVisible()
    assert (badge.text, badge.state) == ("3 of 3 done", "succeeded")
    assert scene.frames[loop].title_rect().contains(badge.sceneBoundingRect())

    # The panel: each iteration under its task, with its item and state.
    for task in (FIRST, SUM):
        row = panel.rows[task]
        assert row.isExpanded() and row.childCount() == 3
        texts = [(row.child(i).text(0), row.child(i).text(1)) for i in range(3)]
        assert texts == [(f"[{i}] item {i + 1}", "succeeded") for i in range(3)]
        assert row.child(1).toolTip(0).startswith(f"{task}[1]: succeeded\nitem: 2")
    assert panel.row_texts(SUM)[1] == "succeeded"

    # The log names the iteration; an iteration's row shows its lines alone, its task's
    # row those of every iteration, named.
    assert f"[{SUM}[2]]" in panel.log_text()
    key = info.iterations_of(SUM)[2].id
    click_row(panel, key)
    assert panel.log_filter == key and panel.log_text().splitlines() == ["13"]
    assert scene.nodes[SUM].isSelected()        # the row picked the iteration's node
    click_row(panel, SUM)
    lines = panel.log_text().splitlines()
    assert [line.split()[0] for line in lines] == [f"[{SUM}[{i}]]" for i in sorted(
        range(3), key=lambda i: [n for n, line in enumerate(lines)
                                 if line.startswith(f"[{SUM}[{i}]]")])]
    assert sorted(line.split()[-1] for line in lines) == ["11", "12", "13"]
    window.grab().save("/tmp/run_loop.png")


def test_a_failed_iteration_turns_the_badge_red_and_it_goes_with_the_run(qapp):
    from designer.ui.canvas.group_frame import GroupFrame
    frame = GroupFrame("g")
    frame.set_progress(2, 1, 5)
    assert (frame.badge.text, frame.badge.state) == ("2 of 5 done, 1 failed", "failed")
    assert frame.badge.colour() == S.RUN_STATE_COLOURS["failed"]
    frame.set_progress(5, 0, 5)
    assert (frame.badge.text, frame.badge.state) == ("5 of 5 done", "succeeded")
    frame.set_progress(0, 0, -1)
    assert frame.badge is None


def test_a_breakpoint_in_a_loop_pauses_each_iteration(run_window, qtbot, dialogs_script):
    window = run_window
    loop_tutorial(window)
    scene, panel, controller = window.scene, window.runs.panel, window.runs.controller
    paused_keys: set[str] = set()
    controller.task_changed.connect(
        lambda key, state: state == "paused" and paused_keys.add(key))
    click(window.view, scene.nodes[SUM].mapToScene(QPointF(30, 12)))
    press(qtbot, window, Qt.Key.Key_F9)
    assert window.runs.breakpoints == {SUM}

    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "0", "number_2": "10"})
    qtbot.waitUntil(lambda: bool(controller.paused), timeout=60000)
    key = controller.paused[0]
    it = controller.info.iterations[key]
    assert it.parent == SUM and it.inputs and it.inputs["number_2"] == "10"
    # The node is paused with that iteration's values; its row says so, the bar shows it.
    assert scene.nodes[SUM].run_state == "paused"
    assert panel.rows[key].text(1) == "paused"
    assert panel.step_bar.isVisible() and window.runs.act_continue.isEnabled()
    # Continue (F8) until the run ends: every iteration stopped at the breakpoint once.
    for _ in range(3):
        if controller.info.done:
            break
        before = set(controller.paused)
        assert before, controller.info
        press(qtbot, window, Qt.Key.Key_F8)
        # What waited goes on; the run pauses before another iteration or ends.
        qtbot.waitUntil(lambda: controller.info.done or (
            bool(controller.paused) and not before & set(controller.paused)), timeout=60000)
    qtbot.waitUntil(lambda: controller.info.done, timeout=60000)
    assert controller.info.status == "succeeded"
    assert paused_keys == {i.id for i in controller.info.iterations_of(SUM)}
    assert len(paused_keys) == 3
    assert scene.nodes[SUM].run_state == "succeeded"
