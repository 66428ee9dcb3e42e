"""The parameter dialog: name, type and default, checked as they are typed."""
from __future__ import annotations

from designer.ir import Pipeline, PipelineParam
from designer.ui.dialogs import UNTYPED, ParamDialog, parse_default


def test_new_parameter_fields_and_validation(qtbot):
    p = Pipeline("x", params=[PipelineParam("param_1", "int")])
    dialog = ParamDialog(None, p)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "param_2"  # a free name is proposed
    assert dialog.type.currentText() == "int"
    ok = dialog._ok
    dialog.name.setText("param_1")
    assert not ok.isEnabled() and "already" in dialog.error.text()
    dialog.name.setText("1bad")
    assert not ok.isEnabled() and "not a valid Python name" in dialog.error.text()
    dialog.name.setText("rate")
    dialog.type.setCurrentText("float")
    dialog.default.setText("abc")
    assert not ok.isEnabled() and "not a literal" in dialog.error.text()
    dialog.default.setText("'x'")
    assert not ok.isEnabled() and "not a float" in dialog.error.text()
    dialog.default.setText("0.5")
    assert ok.isEnabled() and dialog.error.text() == ""
    assert dialog.param() == PipelineParam("rate", "float", 0.5, True)
    dialog.type.setCurrentText(UNTYPED)
    dialog.default.setText("")
    assert dialog.param() == PipelineParam("rate", None, None, False)


def test_editing_keeps_its_own_name_and_unquoted_strings(qtbot):
    p = Pipeline("x", params=[PipelineParam("who", "str", "Ann", True)])
    dialog = ParamDialog(None, p, p.params[0])
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "who" and dialog._ok.isEnabled()
    assert dialog.default.text() == "'Ann'"
    dialog.default.setText("Bob")  # strings may be typed without quotes
    assert dialog.param() == PipelineParam("who", "str", "Bob", True)
    assert parse_default("12", "str") == (True, "12")
    assert parse_default("[1, 2]", "list") == (True, [1, 2])
