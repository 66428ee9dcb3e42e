"""The panes inside the real main window: edits become commands, previews and problems follow."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from designer.ir import Constant, ParamRef, errors, validate  # noqa: E402
from designer.model import commands as C  # noqa: E402
from designer.persist import Project  # noqa: E402

from tests.ui.panes_support import PRINT_AND_RETURN, example_pipeline  # noqa: E402

LAYOUT = {"t1": (0.0, 0.0), "t2": (0.0, 160.0), "t3": (320.0, 80.0),
          "param:number_1": (-300.0, 0.0), "param:number_2": (-300.0, 160.0)}


@pytest.fixture
def win(window, qtbot):
    window.document.load(Project(example_pipeline(), dict(LAYOUT)))
    window.panes.code._timer.setInterval(60)       # a shorter pause keeps the tests quick
    window.panes.previews._timer.setInterval(20)
    yield window
    window.panes.previews.shutdown()


def select(qtbot, win, task_id: str) -> None:
    """Select a node on the canvas, as a click would, and let the panes follow."""
    win.scene.select_keys([task_id])
    qtbot.waitUntil(lambda: win.panes.selected_task == task_id, timeout=2000)


def preview(qtbot, win, key: str = "v1") -> str:
    """The preview once it shows the newest state of the document (a hidden preview
    waits until it is shown to compile)."""
    win.panes.docks["preview"].raise_()
    pane = win.panes.previews
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view(key).generation == pane.generation,
                    timeout=20000)
    return pane.view(key).text


def retype(qtbot, line, text: str) -> None:
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_selecting_a_node_fills_the_panes(qtbot, win):
    panes = win.panes
    select(qtbot, win, "t2")
    assert panes.properties.name_edit.text() == "number_2_result"
    assert panes.code.component_id == "c_par"
    assert panes.code.editor.toPlainText() == PRINT_AND_RETURN
    text = preview(qtbot, win)
    lines = text.split("\n")
    assert [lines[a - 1].strip() for a, _ in panes.previews.view("v1").editor.located] == \
        ["- name: print-and-return-number-2"] * 2


def test_typing_a_parameter_adds_a_port_and_the_preview_follows(qtbot, win, monkeypatch):
    monkeypatch.setattr(C, "PAUSE", 0.5)
    doc = win.document
    select(qtbot, win, "t1")
    editor = win.panes.code.editor
    c = editor.textCursor()
    c.setPosition(len("def print_and_return_number(number: int"))
    editor.setTextCursor(c)
    qtbot.keyClicks(editor, ", times: int = 2")
    qtbot.waitUntil(lambda: doc.component("c_par").signature.input("times") is not None,
                    timeout=3000)
    node = win.scene.nodes["t1"]
    qtbot.waitUntil(lambda: [p.name for p in node.inputs] == ["number", "times"], timeout=2000)
    assert [p.name for p in win.scene.nodes["t2"].inputs] == ["number", "times"]
    assert doc.undo_stack.count() == 1
    assert "--times" in preview(qtbot, win)
    doc.undo_stack.undo()
    assert [p.name for p in node.inputs] == ["number"]
    assert "--times" not in preview(qtbot, win)
    assert editor.toPlainText() == PRINT_AND_RETURN


def test_property_edits_change_the_compiled_yaml_one_undo_step_each(qtbot, win):
    doc = win.document
    original = preview(qtbot, win)
    select(qtbot, win, "t1")
    props = win.panes.properties
    qtbot.mouseClick(props.disconnect_buttons["number"], Qt.MouseButton.LeftButton)
    assert "number" not in doc.task("t1").arguments
    retype(qtbot, props.value_editors["number"].line, "41")
    retype(qtbot, props.image_edit, "python:3.11-slim")
    assert doc.undo_stack.count() == 3
    text = preview(qtbot, win)
    assert "[--number, '41'," in text
    assert "image: python:3.11-slim" in text
    assert "{{inputs.parameters.number_1}}" not in text
    for _ in range(3):
        doc.undo_stack.undo()
    assert preview(qtbot, win).split("\n")[5:] == original.split("\n")[5:]  # but the timestamp


def test_renaming_a_parameter_keeps_its_wires(qtbot, win):
    doc = win.document
    win.panes.docks["pipeline"].raise_()
    row = win.panes.form.rows[0]
    retype(qtbot, row.name_edit, "first")
    assert doc.param("first") is not None and doc.param("number_1") is None
    assert doc.task("t1").arguments["number"] == ParamRef("first")
    assert errors(doc.pipeline) == []
    qtbot.waitUntil(lambda: ("t1", "number") in win.scene.wires, timeout=2000)
    assert "{{inputs.parameters.first}}" in preview(qtbot, win)
    doc.undo_stack.undo()
    assert doc.task("t1").arguments["number"] == ParamRef("number_1")


def test_problems_appear_select_their_node_and_clear(qtbot, win):
    doc = win.document
    panes = win.panes
    good = preview(qtbot, win)
    select(qtbot, win, "t3")
    qtbot.mouseClick(panes.properties.disconnect_buttons["number_2"], Qt.MouseButton.LeftButton)
    texts = [panes.problems.tree.topLevelItem(i).text(0)
             for i in range(panes.problems.tree.topLevelItemCount())]
    assert "Task sum_result: required input number_2 has no value." in texts
    # The preview says why it cannot compile, and keeps the last good YAML.
    assert preview(qtbot, win) == good
    banner = panes.previews.view("v1").banner.text()
    assert "sum_result" in banner and "number_2" in banner and "last result" in banner

    select(qtbot, win, "t1")
    item = panes.problems.tree.topLevelItem(texts.index(
        "Task sum_result: required input number_2 has no value."))
    rect = panes.problems.tree.visualItemRect(item)
    viewport = panes.problems.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.scene.selected_task_ids() == ["t3"], timeout=2000)
    assert panes.selected_task == "t3"
    assert panes.properties.value_editors["number_2"].line.hasFocus()

    doc.undo_stack.undo()
    assert panes.problems.tree.topLevelItemCount() == 0
    assert "No problems" in panes.problems.summary.text()


def test_a_syntax_error_is_listed_and_recovers(qtbot, win):
    doc = win.document
    select(qtbot, win, "t1")
    editor = win.panes.code.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "    x = [")
    qtbot.waitUntil(lambda: doc.component("c_par").source.endswith("x = ["), timeout=3000)
    diag = next(d for d in win.panes.problems.diagnostics if d.component_id == "c_par")
    assert diag.line == 4 and "syntax error" in diag.message
    assert editor.error_line == 4
    qtbot.keyClicks(editor, "]")
    qtbot.waitUntil(lambda: not win.panes.problems.diagnostics, timeout=3000)
    assert editor.error_line is None


def test_export_refuses_a_pipeline_with_errors(qtbot, win, dialogs_script, tmp_path):
    doc = win.document
    doc.push(C.SetArgument(doc, "t3", "number_2", None))
    target = tmp_path / "out.yaml"
    assert win.files.export_yaml("v1", str(target)) is False          # the File menu's export
    assert not target.exists()
    assert "required input number_2 has no value" in dialogs_script.warnings[-1][2].replace("`", "")
    assert win.panes.check_export(win) is False                        # the panes' guard
    box = win.findChild(QMessageBox, "export_refused")
    assert "required input number_2 has no value" in box.text()
    box.accept()
    doc.undo_stack.undo()
    assert win.panes.check_export(win) is True
    assert win.files.export_yaml("v1", str(target)) is True and target.exists()


def test_clicking_in_the_preview_selects_the_node(qtbot, win):
    text = preview(qtbot, win)
    view = win.panes.previews.view("v1")
    win.panes.docks["preview"].raise_()
    qtbot.waitUntil(view.editor.isVisible, timeout=2000)
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "def sum_and_print_numbers" in ln)
    view.editor.verticalScrollBar().setValue(line - 5)
    qtbot.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.editor.point_of(line - 1, 4))
    qtbot.waitUntil(lambda: win.scene.selected_task_ids() == ["t3"], timeout=2000)
    assert win.panes.properties.name_edit.text() == "sum_result"


def test_new_component_adds_a_task_from_the_skeleton(qtbot, win):
    doc = win.document
    code = win.panes.code
    select(qtbot, win, "t1")
    qtbot.mouseClick(code.new_button, Qt.MouseButton.LeftButton)
    assert len(doc.pipeline.tasks) == 4
    new = doc.pipeline.tasks[-1]
    assert win.panes.selected_task == new.id
    assert code.editor.toPlainText().startswith("def new_component(text: str")
    qtbot.waitUntil(lambda: win.scene.selected_task_ids() == [new.id], timeout=2000)
    doc.undo_stack.undo()
    assert len(doc.pipeline.tasks) == 3
    assert code.component_id is None


def test_ctrl_z_in_the_code_pane_undoes_through_the_window(qtbot, win, monkeypatch):
    monkeypatch.setattr(C, "PAUSE", 30.0)
    doc = win.document
    select(qtbot, win, "t1")
    editor = win.panes.code.editor
    win.panes.code._timer.setInterval(10_000)          # the pause has not come yet
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "    # note")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.index() == 0
    assert editor.toPlainText() == PRINT_AND_RETURN
    qtbot.keyClick(editor, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == PRINT_AND_RETURN + "    # note"


def test_edits_change_only_the_rows_they_touch(qtbot, win):
    """Issue 16: the problems list and the runs-after list follow an edit by difference:
    rows an edit did not touch stay the same objects, a rename relabels its own rows."""
    doc, problems = win.document, win.panes.problems
    select(qtbot, win, "t3")
    doc.push(C.SetArgument(doc, "t1", "number", Constant("seven")))   # wrong type in t1
    assert [d.code for d in problems.diagnostics] == ["constant-type", "param-unused"]
    items = [problems.tree.topLevelItem(i) for i in range(2)]
    doc.push(C.RenameTask(doc, "t2", "1bad"))               # an invalid name in t2
    assert [d.code for d in problems.diagnostics] == ["task-name", "constant-type",
                                                      "param-unused"]
    kept = [problems.tree.topLevelItem(i) for i in (1, 2)]
    assert all(a is b for a, b in zip(kept, items))          # kept, not rebuilt
    assert doc.problems.diagnostics() == validate(doc.pipeline)
    # Renaming t1 rewrites its message and where it is, and nothing else.
    doc.push(C.RenameTask(doc, "t1", "first"))
    assert "first" in problems.tree.topLevelItem(1).text(0)
    assert problems.tree.topLevelItem(1).text(1) == "task first · input number"
    assert problems.tree.topLevelItem(2) is items[1]
    # The runs-after list (t3 shown) changed that one row, by a dataChanged of one row.
    model = win.panes.properties.after_list.model()
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    doc.push(C.RenameTask(doc, "t2", "second"))
    assert [model.index(i).data() for i in range(model.rowCount())] == ["first", "second"]
    assert changed == [(1, 1)]
    doc.undo_stack.undo()
    assert model.index(1).data() == "1bad"
