"""A selected frame in the Properties pane: its fields shown and edited with the keyboard
and mouse, each edit one undoable step; dragging single tasks into and out of frames."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from designer.ir import Constant, ParamRef
from designer.ir.groups import Condition, Group
from designer.model import group_commands as G
from designer.ui.canvas.group_frame import PAD
from tests.ui.canvas_helpers import click, mouse_drag
from tests.ui.test_tutorial import build_tutorial


def _select_frame(qtbot, window, group_id: str):
    """A click on the frame's title bar; the pane shows the group's form."""
    frame = window.scene.frames[group_id]
    click(window.view, frame.title_rect().center() + QPointF(40, 0))
    assert window.scene.selected_group_ids() == [group_id]
    pane = window.panes.properties
    window.panes.docks["properties"].raise_()
    qtbot.waitUntil(lambda: pane.group_view is not None and pane.group_id == group_id)
    return pane.group_view


def _type_in(qtbot, line, text: str) -> None:
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_condition_frame_fields_edited_in_properties(qtbot, window, dialogs_script):
    doc, scene = window.document, window.scene
    first, second, total = build_tutorial(window, dialogs_script)
    cmd = G.GroupTasks(doc, [total], Group("", "condition", condition=Condition(
        ParamRef("number_1"), "<", ParamRef("number_2"))))
    doc.push(cmd)
    gid = cmd.group_id
    view = _select_frame(qtbot, window, gid)
    form = view.form
    assert view.title_label.text() == "if number_1 < number_2"
    assert form.left.currentText() == "number_1" and form.operator.currentText() == "<"
    assert form.right.currentText() == "number_2"
    steps = doc.undo_stack.count()

    # The operator, one step down with the keyboard: "<" -> "<=", one command.
    form.operator.setFocus()
    qtbot.keyClick(form.operator, Qt.Key.Key_Down)
    assert doc.pipeline.group(gid).condition.operator == "<="
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Edit condition"
    assert scene.frames[gid].title == "if number_1 <= number_2"
    # The pane kept its widgets (and the focus) through the refresh.
    assert window.panes.properties.group_view is view

    # The right side typed as a literal: one command when Enter finishes it.
    _type_in(qtbot, form.right.lineEdit(), "5")
    assert doc.pipeline.group(gid).condition == Condition(ParamRef("number_1"), "<=",
                                                          Constant(5))
    assert doc.undo_stack.count() == steps + 2
    assert scene.frames[gid].title == "if number_1 <= 5"
    assert view.title_label.text() == "if number_1 <= 5"
    # Leaving the field again changes nothing more.
    form.left.setFocus()
    assert doc.undo_stack.count() == steps + 2

    # The left side picked from the list: an output of a task outside the condition.
    index = form.left.findText(f"{doc.task(first).name}.Output")
    assert index >= 0, [form.left.itemText(i) for i in range(form.left.count())]
    form.left.setFocus()
    form.left.setCurrentIndex(index)
    form.left.activated.emit(index)   # what a pick in the open list sends
    left = doc.pipeline.group(gid).condition.left
    assert left.task_id == first and doc.undo_stack.count() == steps + 3

    # Undo: the group and the form go back; the form is rebuilt from the document.
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.pipeline.group(gid).condition == Condition(ParamRef("number_1"), "<=",
                                                          ParamRef("number_2"))
    shown = window.panes.properties.group_view
    assert shown is not None and shown.form.right.currentText() == "number_2"
    assert shown.form.operator.currentText() == "<="

    # An invalid edit (empty side) says why and pushes nothing.
    count = doc.undo_stack.count()
    line = shown.form.right.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    shown.form.left.setFocus()
    assert doc.undo_stack.count() == count, (doc.undo_stack.undoText(), doc.pipeline.group(gid))
    assert shown.form.problem_label.text() == "Give both sides of the condition."
    # A list on one side: kfp compares scalars; said, nothing pushed (the project file and
    # the compilers refuse it too: fuzz).
    _type_in(qtbot, line, "[1, 2]")
    assert doc.undo_stack.count() == count
    assert shown.form.problem_label.text() == ("A condition compares strings, numbers and "
                                               "booleans, not lists or dicts.")
    assert doc.pipeline.group(gid).condition.right == ParamRef("number_2")

    # Selecting a task shows the task again; the frame once more shows the group.
    node = scene.nodes[total]
    click(window.view, node.mapToScene(QPointF(30, 12)))
    qtbot.waitUntil(lambda: window.panes.properties.task_id == total)
    assert window.panes.properties.group_view is None
    assert window.panes.properties.name_edit.text() == doc.task(total).name
    _select_frame(qtbot, window, gid)


def test_loop_and_exit_handler_fields_in_properties(qtbot, window, dialogs_script):
    doc = window.document
    first, second, total = build_tutorial(window, dialogs_script)
    loop = G.GroupTasks(doc, [second], Group("", "loop", items=Constant([1, 2])))
    doc.push(loop)
    view = _select_frame(qtbot, window, loop.group_id)
    form = view.form
    assert form.items.currentText() == "[1, 2]" and form.parallelism.value() == 0
    steps = doc.undo_stack.count()
    _type_in(qtbot, form.items.lineEdit(), "[1, 2, 3]")
    assert doc.pipeline.group(loop.group_id).items == Constant([1, 2, 3])
    assert doc.undo_stack.count() == steps + 1
    # Two arrow steps on "at a time": quick steps of one field are one command.
    form.parallelism.setFocus()
    qtbot.keyClick(form.parallelism, Qt.Key.Key_Up)
    qtbot.keyClick(form.parallelism, Qt.Key.Key_Up)
    assert doc.pipeline.group(loop.group_id).parallelism == 2
    assert doc.undo_stack.count() == steps + 2
    assert window.scene.frames[loop.group_id].title == "for each item in [1, 2, 3], 2 at a time"
    # Not a list: refused in the form, the document keeps its items.
    _type_in(qtbot, form.items.lineEdit(), "7")
    assert form.problem_label.text() == "Loop items must be a list, or a parameter or output."
    assert doc.pipeline.group(loop.group_id).items == Constant([1, 2, 3])
    doc.undo_stack.undo()
    assert doc.pipeline.group(loop.group_id).parallelism is None

    # An exit handler around the first task, the loop gone; the exit task changed.
    while doc.pipeline.groups:
        doc.undo_stack.undo()
    handler = G.GroupTasks(doc, [first], Group("", "exit_handler", exit_task=total))
    doc.push(handler)
    view = _select_frame(qtbot, window, handler.group_id)
    box = view.form.exit_task
    assert box.currentData() == total
    names = [box.itemText(i) for i in range(box.count())]
    assert doc.task(first).name not in names   # a member cannot be its own exit task
    steps = doc.undo_stack.count()
    box.setFocus()
    target = box.findData(second)
    assert target >= 0, names
    qtbot.keyClick(box, Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up)
    assert doc.pipeline.group(handler.group_id).exit_task == second
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Edit exit handler"
    assert window.scene.frames[handler.group_id].title == \
        f"exit handler: {doc.task(second).name}"


def test_drag_a_task_into_another_frame_and_out_of_its_own(qtbot, window, dialogs_script):
    doc, scene, view = window.document, window.scene, window.view
    first, second, total = build_tutorial(window, dialogs_script)
    cond = G.GroupTasks(doc, [total], Group("", "condition", condition=Condition(
        ParamRef("number_1"), "<", ParamRef("number_2"))))
    doc.push(cond)
    frame = scene.frames[cond.group_id]
    node = scene.nodes[first]
    assert not frame.frame_rect().intersects(node.sceneBoundingRect())
    steps = doc.undo_stack.count()

    # Into the condition: dropped with its centre inside the frame, in the padding under
    # the member (the frame then grows around both).
    start = node.mapToScene(QPointF(30, 12))
    member = scene.nodes[total].sceneBoundingRect()
    end = start + QPointF(member.center().x(), member.bottom() + PAD - 6) \
        - node.sceneBoundingRect().center()
    mouse_drag(view, start, end)
    assert doc.task(first).group == cond.group_id
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == f"Move {doc.task(first).name} into the condition"
    assert frame.frame_rect().contains(node.sceneBoundingRect())
    # Dropped on the frame's edge it would cover the member: it lands just below instead,
    # in the same step.
    assert not node.sceneBoundingRect().intersects(scene.nodes[total].sceneBoundingRect())
    assert node.x() == pytest.approx(end.x() - 30, abs=1)
    # Its position moved in the same step: undo puts it back where and as it was.
    doc.undo_stack.undo()
    assert doc.task(first).group is None
    assert scene.nodes[first].mapToScene(QPointF(30, 12)) == start
    doc.undo_stack.redo()

    # Out again: dragged far from the frame's other member, it leaves the condition.
    start = node.mapToScene(QPointF(30, 12))
    mouse_drag(view, start, start + QPointF(0, 400))
    assert doc.task(first).group is None
    assert doc.undo_stack.count() == steps + 2
    assert doc.undo_stack.undoText() == f"Move {doc.task(first).name} out of its group"
    assert not frame.frame_rect().intersects(node.sceneBoundingRect())
    # A move within its own frame is an ordinary move, no regrouping.
    inner = scene.nodes[total]
    start = inner.mapToScene(QPointF(30, 12))
    mouse_drag(view, start, start + QPointF(10, 10))
    assert doc.task(total).group == cond.group_id
    assert doc.undo_stack.undoText() != f"Move {doc.task(total).name} out of its group"



GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def frames_clear_of_outsiders(scene, doc) -> list[str]:
    """Frames that cover a node outside their group, or another frame beside them."""
    from designer.ir.groups import ancestors, is_inside
    p = doc.pipeline
    bad = []
    for gid, frame in scene.frames.items():
        rect = frame.frame_rect()
        for key, node in scene.nodes.items():
            if not (p.task(key) and is_inside(p, key, gid)) \
                    and rect.intersects(node.sceneBoundingRect()):
                bad.append(f"{frame.title} covers {key}")
        for other_id, other in scene.frames.items():
            related = {g.id for g in ancestors(p, gid)} | {g.id for g in ancestors(p, other_id)}
            if other_id != gid and not ({gid, other_id} <= related) \
                    and rect.intersects(other.frame_rect()):
                bad.append(f"{frame.title} overlaps {other.title}")
    return bad


@pytest.mark.parametrize("source", ["features/loops.py", "features_v2/conditions.py",
                                    "features/exit_handler.py"])
def test_auto_layout_keeps_groups_together(qtbot, window, source):
    """Opened through the importer, scrambled (every node at one spot), then Ctrl+L: no
    frame covers a node outside its group nor a frame beside it."""
    from designer.model import commands as C
    assert window.files.open_path(str(GOLDEN / source))
    doc, scene = window.document, window.scene
    assert doc.pipeline.groups
    doc.push(C.MoveNodes(doc, {k: (0.0, 0.0) for k in scene.nodes}))
    assert frames_clear_of_outsiders(scene, doc)   # scrambled: frames cover everything
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.undoText() == "Auto-layout"
    assert frames_clear_of_outsiders(scene, doc) == []
    # Nodes do not overlap each other either.
    rects = [(k, n.sceneBoundingRect()) for k, n in scene.nodes.items()]
    assert not [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:]
                if ra.intersects(rb)]
