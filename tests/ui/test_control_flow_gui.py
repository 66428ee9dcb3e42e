"""Control flow built with the mouse: the tutorial with "sum only when number_1 < number_2",
made on the canvas, compiles like kfp compiles the same pipeline written in Python."""
from __future__ import annotations

import yaml
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from designer.compiler import compile_pipeline
from designer.ir import ParamRef
from designer.ir.groups import Condition
from tests.golden.goldens import first_difference, normalise_v1
from tests.ui.canvas_helpers import click, mouse_drag
from tests.ui.test_i18n import click_action
from tests.ui.test_newcomer import check, when_modal
from tests.ui.test_task_settings_gui import SUM_TASK, TESTS
from tests.ui.test_tutorial import build_tutorial
from tools.make_goldens_v2 import normalise_doc, run_modules

TIME = "2023-11-14T22:13:20"
CONDITIONAL_SUM = """    with kfp.dsl.Condition(number_1 < number_2):
        sum_result = sum_and_print_numbers(
            number_1=number_1_result.output, number_2=number_2_result.output
        )
"""
# The tutorial's references (kfp 1 and kfp 2 Python), the sum task put under the condition.
KFP1_REFERENCE = (TESTS / "data" / "reference" / "example_pipeline.py").read_text("utf-8")
KFP2_REFERENCE = (TESTS / "compiler" / "data_v2" / "tutorial.py").read_text("utf-8")
assert KFP1_REFERENCE.count(SUM_TASK) == 1 and KFP2_REFERENCE.count(SUM_TASK) == 1
KFP1_CONDITION = KFP1_REFERENCE.replace(SUM_TASK, CONDITIONAL_SUM)
KFP2_CONDITION = ("import kfp\n" + KFP2_REFERENCE.replace(SUM_TASK, CONDITIONAL_SUM)
                  + "\nfrom kfp import compiler\ncompiler.Compiler().compile(example_pipeline, "
                  "'example_pipeline.yaml')\n")


def fill_condition(qtbot, dialog) -> str:
    """In the dialog, with keys: left stays number_1, operator down to "<", right typed."""
    form = dialog.form
    assert form.left.currentText() == "number_1"
    form.operator.setFocus()
    while form.operator.currentText() != "<":
        qtbot.keyClick(form.operator, Qt.Key.Key_Down)
    line = form.right.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "number_2")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), form.problem()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return dialog.windowTitle()


def condition_by_mouse(qtbot, window, task_id: str) -> None:
    """Select the task (a click on its title), then Pipeline ▸ Group in Condition…, and
    in its dialog "number_1 < number_2" with keys."""
    scene, view = window.scene, window.view
    click(view, scene.nodes[task_id].mapToScene(QPointF(30, 12)))
    assert scene.selected_task_ids() == [task_id]
    seen = when_modal(lambda dialog: fill_condition(qtbot, dialog))
    bar = window.menuBar()
    click_action(qtbot, bar, window.pipeline_menu.menuAction())
    qtbot.waitUntil(window.pipeline_menu.isVisible)
    click_action(qtbot, window.pipeline_menu, window.act_group_condition)
    qtbot.waitUntil(lambda: bool(seen))
    check(seen)
    assert seen == ["Group in Condition"]
    # The dialog has closed; the offscreen platform does not give activation back to the
    # window by itself, as a desktop does.
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def same_as_kfp(pipeline, kfp1_python, kfp2_python) -> None:
    """``pipeline`` compiles (v1 and v2) to what kfp compiles from the tutorial's Python
    with the sum under ``Condition(number_1 < number_2)``."""
    v1 = compile_pipeline(pipeline, "v1", compile_time=TIME)
    v2 = compile_pipeline(pipeline, "v2", compile_time=TIME)
    kfp1 = run_modules(kfp1_python, {"p": KFP1_CONDITION})["p"]
    kfp2 = run_modules(kfp2_python, {"p": KFP2_CONDITION})["p"]
    assert kfp1.error is None and kfp2.error is None, (kfp1.error, kfp2.error)
    expected1, actual1 = normalise_v1(kfp1.yaml), normalise_v1(v1)
    assert actual1 == expected1, first_difference(expected1, actual1)
    assert "condition-1" in v1 and "inputs.parameters.number_1" in v1
    ours2 = [normalise_doc(d) for d in yaml.safe_load_all(v2)]
    theirs2 = [normalise_doc(d) for d in yaml.safe_load_all(kfp2.yaml)]
    assert ours2 == theirs2


def test_condition_by_mouse_compiles_like_kfp(qtbot, window, dialogs_script, kfp1_python,
                                              kfp2_python):
    doc, scene, view = window.document, window.scene, window.view
    first, second, total = build_tutorial(window, dialogs_script)
    node = scene.nodes[total]
    condition_by_mouse(qtbot, window, total)

    (group,) = doc.pipeline.groups
    assert group.kind == "condition" and group.parent is None
    assert group.condition == Condition(ParamRef("number_1"), "<", ParamRef("number_2"))
    assert doc.task(total).group == group.id and doc.task(first).group is None
    assert doc.undo_stack.count() and doc.undo_stack.undoText() == \
        "Group 1 task in a condition"
    # The frame: around the sum task, titled with the condition, selected.
    frame = scene.frames[group.id]
    assert frame.title == "if number_1 < number_2" and frame.isSelected()
    assert frame.frame_rect().contains(node.sceneBoundingRect())
    assert not frame.frame_rect().intersects(scene.nodes[first].sceneBoundingRect())
    # It follows its member while dragged, before the drop is even committed.
    start = node.mapToScene(QPointF(30, 12))
    mouse_drag(view, start, start + QPointF(60, 40))
    assert frame.frame_rect().contains(node.sceneBoundingRect())
    assert doc.task(total).group == group.id   # moved within its own frame: no regrouping

    same_as_kfp(doc.pipeline, kfp1_python, kfp2_python)

    # One step back: no group, no frame, the sum task loose again.
    doc.undo_stack.undo()   # the drag
    doc.undo_stack.undo()   # the grouping
    assert doc.pipeline.groups == [] and scene.frames == {}
    assert doc.task(total).group is None


def fill_loop(qtbot, dialog) -> str:
    form = dialog.form
    line = form.items.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "[1, 2, 3]")
    form.parallelism.setFocus()
    qtbot.keyClick(form.parallelism, Qt.Key.Key_Up)
    qtbot.keyClick(form.parallelism, Qt.Key.Key_Up)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    return dialog.windowTitle()


def test_loop_by_context_menu_and_its_item_wired_by_mouse(qtbot, window, dialogs_script,
                                                          kfp1_python):
    from designer.ir import Constant
    from designer.ir.model import LoopItem
    from tests.ui.test_i18n import context_menu

    doc, scene, view = window.document, window.scene, window.view
    first, second, total = build_tutorial(window, dialogs_script)
    node = scene.nodes[first]
    click(view, node.mapToScene(QPointF(30, 12)))
    menu = context_menu(qtbot, window, node.mapToScene(QPointF(30, 12)))
    action = next(a for a in menu.actions() if a.text() == "Group in Loop…")
    menu.popup(view.viewport().mapToGlobal(view.mapFromScene(node.scenePos())))
    qtbot.waitUntil(menu.isVisible)
    seen = when_modal(lambda dialog: fill_loop(qtbot, dialog))
    click_action(qtbot, menu, action)
    qtbot.waitUntil(lambda: bool(seen))
    check(seen)
    (loop,) = doc.pipeline.groups
    assert (loop.kind, loop.items, loop.parallelism) == ("loop", Constant([1, 2, 3]), 2)
    frame = scene.frames[loop.id]
    assert frame.title == "for each item in [1, 2, 3], 2 at a time"

    # The item port to the task's input: the parameter's wire is replaced in one step.
    steps = doc.undo_stack.count()
    mouse_drag(view, frame.item_port_pos(), node.input_pos("number"))
    assert doc.task(first).arguments == {"number": LoopItem(loop.id)}
    assert doc.undo_stack.count() == steps + 1
    assert (first, "number") in scene.loop_wires and (first, "number") not in scene.wires
    # A task outside the loop cannot read the item: refused, nothing changes.
    mouse_drag(view, frame.item_port_pos(), scene.nodes[second].input_pos("number"))
    assert doc.undo_stack.count() == steps + 1
    assert window.editor.last_refusal == "Only tasks inside the loop can read its item."

    first_task = "    number_1_result = print_and_return_number(number_1)\n"
    assert KFP1_REFERENCE.count(first_task) == 1
    kfp1 = run_modules(kfp1_python, {"p": KFP1_REFERENCE.replace(
        first_task, "    with kfp.dsl.ParallelFor([1, 2, 3], parallelism=2) as item:\n"
        "        number_1_result = print_and_return_number(item)\n")})["p"]
    assert kfp1.error is None, kfp1.error
    v1 = compile_pipeline(doc.pipeline, "v1", compile_time=TIME)
    expected1, actual1 = normalise_v1(kfp1.yaml), normalise_v1(v1)
    assert actual1 == expected1, first_difference(expected1, actual1)

    # Ungroup: one step; the item's wire goes with the loop.
    scene.clearSelection()
    frame.setSelected(True)
    window.act_ungroup.trigger()
    assert doc.pipeline.groups == [] and scene.frames == {} and scene.loop_wires == {}
    assert doc.task(first).arguments == {}
    doc.undo_stack.undo()
    assert doc.task(first).arguments == {"number": LoopItem(loop.id)}
    assert list(scene.loop_wires) == [(first, "number")]
