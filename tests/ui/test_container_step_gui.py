"""A container step made on the canvas (issue #11): dropped from the library's "Container
step" entry, then edited in the form that takes the code editor's place — image, command and
args typed, input/output placeholders inserted from a menu, inputs and outputs declared —
by mouse and keys, each edit one undo step. The step compiles to what kfp 1.8.9 and kfp
2.17.3 compile from ``load_component_from_text`` of the same spec text, and a step loaded
from a file is shown read-only."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from designer.ir.signature import PATH, VALUE
from designer.model.document import snapshot

from tests.ui.canvas_helpers import click, drop_component
from tests.ui.kfp_compare import assert_compiles_like_kfp

EXPECTED = """name: Make rows
description: Writes some rows.
inputs:
- name: rows
  type: Integer
  default: '3'
  optional: true
outputs:
- name: data
  type: Dataset
implementation:
  container:
    image: python:3.11
    command:
    - sh
    - -c
    args:
    - seq "$0" > "$1"
    - inputValue: rows
    - outputPath: data
"""
KFP = '''from kfp import compiler, dsl
from kfp.components import load_component_from_text

make_rows = load_component_from_text(TEXT)


@dsl.pipeline(name=NAME)
def pipeline():
    make_rows()


compiler.Compiler().compile(pipeline, "pipeline.yaml")
'''


def form_of(window):
    return window.panes.container


def type_line(qtbot, widget, text: str) -> None:
    """Click into a field, replace its text by typing, press Enter."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Click a table cell, press F2 and type its new text."""
    rect = table.visualItemRect(table.item(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                     rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.isAncestorOf(QApplication.focusWidget() or table)
                    and QApplication.focusWidget() is not table.viewport())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)   # (the view commits it from the event loop)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)
    assert table.item(row, column).text() == text


def set_type(qtbot, table, row: int, text: str) -> None:
    combo = table.cellWidget(row, 1)
    type_line(qtbot, combo.lineEdit(), text)


def one_step(doc, steps: int) -> int:
    assert doc.undo_stack.count() == steps + 1, doc.undo_stack.undoText()
    return steps + 1


def test_a_container_step_is_built_in_its_form(qtbot, window, tmp_path, kfp1_python,
                                               kfp2_python):
    window.resize(1300, 900)
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    drop_component(window, "Container step", QPointF(0, 0), window.library.steps)
    task = doc.pipeline.tasks[0]
    comp = doc.pipeline.component(task.component_id)
    assert (task.name, comp.name, comp.image) == ("container_step", "Container step", "alpine")
    node = window.scene.nodes[task.id]
    click(window.view, node.pos() + QPointF(20, 12))
    qtbot.waitUntil(lambda: window.panes.selected_task == task.id)
    window.panes.docks["code"].raise_()
    form = form_of(window)
    assert window.panes.code_stack.currentWidget() is form
    qtbot.waitUntil(lambda: form.isVisible())
    assert form.image_edit.text() == "alpine" and form.args_edit.toPlainText() == "hello"

    steps = doc.undo_stack.count()
    type_line(qtbot, form.image_edit, "python:3.11")
    assert comp.image == "python:3.11"
    steps = one_step(doc, steps)
    type_line(qtbot, form.name_edit, "Make rows")
    steps = one_step(doc, steps)
    assert task.name == "make_rows"   # the task named after the step follows it
    type_line(qtbot, form.description_edit, "Writes some rows.")
    steps = one_step(doc, steps)

    # Ports: "+" declares one (a step), its cells are typed (a step each).
    qtbot.mouseClick(form.add_input, Qt.MouseButton.LeftButton)
    steps = one_step(doc, steps)
    assert [i.name for i in comp.signature.inputs] == ["input"]
    edit_cell(qtbot, form.inputs_table, 0, 0, "rows")
    steps = one_step(doc, steps)
    set_type(qtbot, form.inputs_table, 0, "Integer")
    steps = one_step(doc, steps)
    edit_cell(qtbot, form.inputs_table, 0, 2, "3")
    steps = one_step(doc, steps)
    qtbot.mouseClick(form.add_output, Qt.MouseButton.LeftButton)
    steps = one_step(doc, steps)
    edit_cell(qtbot, form.outputs_table, 0, 0, "data")
    steps = one_step(doc, steps)
    set_type(qtbot, form.outputs_table, 0, "Dataset")
    steps = one_step(doc, steps)
    # The canvas follows: an Integer value input, a Dataset artifact output (a page).
    node = window.scene.nodes[task.id]
    assert [(p.name, p.ptype.artifact) for p in node.inputs] == [("rows", False)]
    assert [(p.name, p.ptype.label) for p in node.outputs] == [("data", "Dataset")]

    # Command typed line by line; the focus leaving finishes it (one step).
    qtbot.mouseClick(form.command_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.command_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.command_edit, "sh")
    qtbot.keyClick(form.command_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.command_edit, "-c")
    qtbot.mouseClick(form.args_edit.viewport(), Qt.MouseButton.LeftButton)
    assert comp.command == ["sh", "-c"]
    steps = one_step(doc, steps)
    qtbot.keyClick(form.args_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.args_edit, 'seq "$0" > "$1"')
    qtbot.keyClick(form.args_edit, Qt.Key.Key_Return)
    # Placeholders from the menu, by mouse: each insertion is one step.
    for choice in ("Value of input rows", "File path of output data"):
        qtbot.mouseClick(form.insert_button, Qt.MouseButton.LeftButton)
        menu = form.placeholder_menu
        qtbot.waitUntil(lambda: menu.isVisible())
        action = next(a for a in menu.actions() if a.text() == choice)
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                         menu.actionGeometry(action).center())
        qtbot.waitUntil(lambda: not menu.isVisible())
        if choice.startswith("Value"):
            qtbot.keyClick(form.args_edit, Qt.Key.Key_Return)
    assert doc.undo_stack.count() == steps + 3   # typed text, then the two insertions
    steps += 3
    assert comp.spec_text == EXPECTED
    assert [(i.name, i.passing) for i in comp.signature.inputs] == [("rows", VALUE)]
    assert [(o.name, o.passing) for o in comp.signature.outputs] == [("data", PATH)]
    window.panes.docks["code"].grab().save("/tmp/container_form.png")   # looked at

    # Undo takes one edit back at a time (the form follows), redo puts it back.
    before = snapshot(doc)
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: "{outputPath: data}" not in form.args_edit.toPlainText())
    doc.undo_stack.redo()
    assert snapshot(doc) == before
    qtbot.waitUntil(lambda: form.args_edit.toPlainText().endswith("{outputPath: data}"))

    # A placeholder naming a port that is not declared is refused, saying why.
    qtbot.mouseClick(form.args_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.args_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.args_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.args_edit, "{inputValue: nobody}")
    qtbot.mouseClick(form.image_edit, Qt.MouseButton.LeftButton)
    assert "nobody" in form.error.text() and form.error.isVisible()
    assert snapshot(doc) == before and doc.undo_stack.count() == steps

    source = KFP.replace("TEXT", repr(comp.spec_text)).replace("NAME", repr(doc.pipeline.name))
    for target, python in (("v1", kfp1_python), ("v2", kfp2_python)):
        assert_compiles_like_kfp(doc.pipeline, target, python, source, tmp_path)


def test_a_step_loaded_from_a_file_is_read_only(qtbot, window, tmp_path):
    path = tmp_path / "echo.yaml"
    path.write_text("name: Echo\ninputs:\n- {name: word, type: String}\nimplementation:\n"
                    "  container:\n    image: alpine\n    command: [echo, {inputValue: word}]\n")
    window.library.add_file(str(path))
    drop_component(window, "Echo", QPointF(0, 0), window.library.spec_groups["\0files"])
    task = window.document.pipeline.tasks[0]
    window.scene.select_keys([task.id])
    form = form_of(window)
    qtbot.waitUntil(lambda: form.component_id == task.component_id)
    assert str(path) in form.note.text() and form.image_edit.isReadOnly()
    assert not form.add_input.isEnabled() and not form.insert_button.isEnabled()
    assert form.command_edit.toPlainText() == "echo\n{inputValue: word}"
