"""The run's parameter dialog: typed editors pre-filled with defaults, then with the values
last used for the pipeline (a temporary QSettings file), checked before a run starts."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.ir import Pipeline, PipelineParam  # noqa: E402
from designer.ui.run.dialog import RunParamsDialog, remembered  # noqa: E402


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def typed_pipeline() -> Pipeline:
    return Pipeline("typed", params=[
        PipelineParam("count", "int", 3, True),
        PipelineParam("rate", "float", 0.5, True),
        PipelineParam("label", "str", "hello", True),
        PipelineParam("enabled", "bool", True, True),
        PipelineParam("items", "list", [1, 2], True),
        PipelineParam("needed", "int"),
    ])


def make(qtbot, pipeline, settings, key="p.kfpd") -> RunParamsDialog:
    dialog = RunParamsDialog(pipeline, key, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def retype(qtbot, editor, text: str) -> None:
    editor.line.selectAll()
    QTest.keyClick(editor.line, Qt.Key.Key_Delete)
    QTest.keyClicks(editor.line, text)


def test_editors_are_typed_and_prefilled_with_defaults(qtbot, settings):
    dialog = make(qtbot, typed_pipeline(), settings)
    e = dialog.editors
    assert [e[n].text() for n in ("count", "rate", "label", "items", "needed")] == [
        "3", "0.5", "hello", "[1, 2]", ""]
    assert e["enabled"].combo is not None and e["enabled"].line is None
    assert e["enabled"].text() == "True"
    # The required parameter without a default blocks the run until it has a value.
    assert not dialog.ok_button.isEnabled()
    assert "required" in e["needed"].error_label.text() and e["needed"].error_label.isVisible()
    retype(qtbot, e["needed"], "7")
    assert dialog.ok_button.isEnabled() and not e["needed"].error_label.isVisible()
    e["enabled"].combo.setCurrentText("False")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RunParamsDialog.DialogCode.Accepted
    assert dialog.values() == {"count": 3, "rate": 0.5, "label": "hello", "enabled": False,
                               "items": [1, 2], "needed": 7}


@pytest.mark.parametrize("name, text, message", [
    ("count", "3.5", "not a whole number"),
    ("rate", "fast", "not a number"),
    ("items", "{1: 2}", "expects a list"),
    ("items", "[1,", "not a valid list"),
])
def test_values_are_checked_against_their_type_as_they_are_typed(qtbot, settings, name, text,
                                                                 message):
    dialog = make(qtbot, typed_pipeline(), settings)
    retype(qtbot, dialog.editors["needed"], "1")
    assert dialog.ok_button.isEnabled()
    retype(qtbot, dialog.editors[name], text)
    assert message in dialog.editors[name].error_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # Enter on a bad form does not close it
    assert dialog.isVisible() and dialog.values() == {}


def test_an_emptied_field_with_a_default_uses_the_default(qtbot, settings):
    dialog = make(qtbot, typed_pipeline(), settings)
    retype(qtbot, dialog.editors["needed"], "1")
    retype(qtbot, dialog.editors["count"], "")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert "count" not in dialog.values()  # the engine fills in the default, 3


def test_last_values_are_remembered_per_pipeline(qtbot, settings, tmp_path):
    first = make(qtbot, typed_pipeline(), settings, "a.kfpd")
    retype(qtbot, first.editors["needed"], "42")
    retype(qtbot, first.editors["label"], "bye")
    first.editors["enabled"].combo.setCurrentText("False")
    first.accept()
    assert first.result() == RunParamsDialog.DialogCode.Accepted
    assert (tmp_path / "settings.ini").exists()  # the temporary file, not the user's

    again = make(qtbot, typed_pipeline(), settings, "a.kfpd")
    e = again.editors
    assert (e["needed"].text(), e["label"].text(), e["enabled"].text(), e["count"].text()) == (
        "42", "bye", "False", "3")
    assert again.ok_button.isEnabled()
    other = make(qtbot, typed_pipeline(), settings, "b.kfpd")
    assert other.editors["needed"].text() == "" and other.editors["label"].text() == "hello"
    # "Defaults" puts every field back.
    QTest.mouseClick(again.defaults_button, Qt.MouseButton.LeftButton)
    assert (e["needed"].text(), e["label"].text(), e["enabled"].text()) == ("", "hello", "True")


def test_a_remembered_value_of_another_type_is_not_offered(qtbot, settings):
    old = Pipeline("p", params=[PipelineParam("x", "str", "a", True)])
    dialog = make(qtbot, old, settings, "same")
    retype(qtbot, dialog.editors["x"], "not a number")
    dialog.accept()
    assert remembered(settings, "same") == {"x": "not a number"}
    changed = Pipeline("p", params=[PipelineParam("x", "int", 5, True)])
    dialog = make(qtbot, changed, settings, "same")
    assert dialog.editors["x"].text() == "5" and dialog.ok_button.isEnabled()


def test_a_required_bool_must_be_chosen(qtbot, settings):
    p = Pipeline("p", params=[PipelineParam("flag", "bool")])
    dialog = make(qtbot, p, settings)
    assert dialog.editors["flag"].text() == "" and not dialog.ok_button.isEnabled()
    dialog.editors["flag"].combo.setCurrentText("True")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.values() == {"flag": True}
