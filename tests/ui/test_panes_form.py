"""The pipeline form: name, description, parameters (add, remove, rename, type, default)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from designer.ir import PipelineParam  # noqa: E402
from designer.ui.panes.pipeline_form import PipelineForm  # noqa: E402

from tests.ui.panes_support import example_pipeline  # noqa: E402


@pytest.fixture
def form(qtbot):
    w = PipelineForm()
    qtbot.addWidget(w)
    w.resize(460, 400)
    w.show()
    w.set_pipeline(example_pipeline())
    return w


def recorder(signal):
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


def retype(qtbot, line: QLineEdit, text: str) -> None:
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_shows_the_pipeline(form):
    assert form.name_edit.text() == "example_pipeline"
    assert [r.name_edit.text() for r in form.rows] == ["number_1", "number_2"]
    assert [r.type_combo.currentText() for r in form.rows] == ["int", "int"]
    assert "Used by 1 task input" in form.rows[0].name_edit.toolTip()


def test_rename_pipeline_and_describe_it(qtbot, form):
    names = recorder(form.renamed)
    descriptions = recorder(form.description_edited)
    retype(qtbot, form.name_edit, "numbers")
    assert names == [("numbers",)]
    retype(qtbot, form.name_edit, "")
    assert names == [("numbers",)] and form.message.isVisible()   # a name is required
    qtbot.mouseClick(form.description_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.description_edit, "Adds two numbers.")
    form.name_edit.setFocus()                                       # leaving the field commits
    qtbot.waitUntil(lambda: descriptions == [("Adds two numbers.",)], timeout=1000)


def test_add_and_remove_parameters(qtbot, form):
    added = recorder(form.param_added)
    removed = recorder(form.param_removed)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert added == [(PipelineParam("param", "str"),)]
    qtbot.mouseClick(form.rows[1].remove_button, Qt.MouseButton.LeftButton)
    assert removed == [("number_2",)]


def test_rename_parameter_validates(qtbot, form):
    renames = recorder(form.param_renamed)
    row = form.rows[0]
    retype(qtbot, row.name_edit, "2bad")
    assert renames == [] and row.name_edit.text() == "number_1"
    assert "not a valid Python identifier" in form.message.text()
    retype(qtbot, row.name_edit, "number_2")
    assert renames == [] and "already named" in form.message.text()
    retype(qtbot, row.name_edit, "first")
    assert renames == [("number_1", "first")]


def test_type_and_default_edits(qtbot, form):
    changes = recorder(form.param_changed)
    row = form.rows[0]
    retype(qtbot, row.default_edit.line, "ten")             # not an int: refused
    assert changes == []
    retype(qtbot, row.default_edit.line, "10")
    assert changes == [("number_1", PipelineParam("number_1", "int", 10, True))]
    row.type_combo.setCurrentText("float")
    assert changes[-1] == ("number_1", PipelineParam("number_1", "float", None, False))
    row.type_combo.setCurrentText("(untyped)")
    assert changes[-1] == ("number_1", PipelineParam("number_1", None, None, False))


def test_rows_follow_the_document(qtbot, form):
    p = example_pipeline()
    p.params.append(PipelineParam("flag", "bool", True, True))
    p.params[0] = PipelineParam("renamed", "int")
    form.set_pipeline(p)
    assert [r.name_edit.text() for r in form.rows] == ["renamed", "number_2", "flag"]
    assert form.rows[2].default_edit.line.text() == "True"
    p.params.clear()
    form.set_pipeline(p)
    assert form.rows == []
