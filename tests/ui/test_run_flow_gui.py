"""A local run of control flow in the window: the tutorial with "sum only when
number_1 < number_2", built by mouse, exports what kfp compiles from the same Python, and
run with 3 and 2 by F5 shows the sum task "skipped (condition false)" on the canvas and in
the run panel (issue #12's "done means")."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from designer.ir import ParamRef  # noqa: E402
from designer.ir.groups import Condition  # noqa: E402
from designer.ui import style as S  # noqa: E402
from tests.ui.test_control_flow_gui import condition_by_mouse, same_as_kfp  # noqa: E402
from tests.ui.test_run_gui import (close_in_hue, fill_and_run, hover_tooltip,  # noqa
                                   node_pixel_hue, press, run_window, wait_done)
from tests.ui.test_tutorial import build_tutorial  # noqa: E402


def test_a_branch_not_taken_shows_skipped_condition_false(run_window, qtbot, dialogs_script,
                                                          kfp1_python, kfp2_python):
    window = run_window
    doc, scene, panel = window.document, window.scene, window.runs.panel
    tasks = build_tutorial(window, dialogs_script)
    total = tasks[2]
    condition_by_mouse(qtbot, window, total)
    (group,) = doc.pipeline.groups
    assert group.condition == Condition(ParamRef("number_1"), "<", ParamRef("number_2"))
    assert doc.task(total).group == group.id
    same_as_kfp(doc.pipeline, kfp1_python, kfp2_python)

    press(qtbot, window, Qt.Key.Key_F5)
    fill_and_run(qtbot, window, {"number_1": "3", "number_2": "2"})
    info = wait_done(qtbot, window)
    assert info.status == "succeeded", info
    assert dialogs_script.warnings == []

    # The sum task did not run: its node and its row say why, the others ran.
    states = [scene.nodes[t].run_state for t in tasks]
    assert states == ["succeeded", "succeeded", "condition_false"]
    assert [panel.row_texts(t)[1] for t in tasks] == [
        "succeeded", "succeeded", "skipped (condition false)"]
    assert info.tasks[total].error == "`3 < 2` is false"
    # Its header band is tinted with the state's colour (a light tint: a hue test only).
    band, want = node_pixel_hue(window, total), S.RUN_STATE_COLOURS["condition_false"]
    assert abs(band.hsvHue() - want.hsvHue()) <= 20 and band.hsvSaturation() > 20, band.name()
    assert close_in_hue(node_pixel_hue(window, tasks[0]), "succeeded")
    assert "skipped (condition false)" in hover_tooltip(window, qtbot, total, None)
    window.grab().save("/tmp/run_condition_false.png")
