"""The properties pane: typed value editors with validation, name, .after(), image, packages."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from designer.ir import Constant, ParamRef  # noqa: E402
from designer.ui.panes.properties import PropertiesPane, split_packages  # noqa: E402
from designer.ui.theme import text_colour  # noqa: E402
from designer.ui.panes.value_editors import (NO_VALUE, ValueTextError, format_value,  # noqa: E402
                                       parse_value)

from tests.ui.panes_support import example_pipeline, typed_pipeline  # noqa: E402


@pytest.fixture
def pane(qtbot):
    w = PropertiesPane()
    qtbot.addWidget(w)
    w.resize(380, 640)
    w.show()
    return w


def recorder(signal):
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


def retype(qtbot, line: QLineEdit, text: str) -> None:
    """Click in the field, select everything, type ``text``, press Enter: as a person does."""
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.mark.parametrize("annotation, text, value", [
    ("int", "42", 42), ("int", "-7", -7), ("float", "0.25", 0.25), ("float", "2", 2.0),
    ("str", "hello world", "hello world"), ("str", '""', ""), ("bool", "true", True),
    ("list", "[1, 2]", [1, 2]), ("list", '["a", true]', ["a", True]),
    ("dict", '{"a": 1}', {"a": 1}), ("dict", "{'b': [1]}", {"b": [1]}),
    (None, "3", 3), (None, "plain text", "plain text"), ("List[int]", "[3]", [3]),
])
def test_parse_value_by_kind(annotation, text, value):
    assert parse_value(text, annotation) == value
    assert type(parse_value(text, annotation)) is type(value)
    # What an editor shows reads back as the same value.
    assert parse_value(format_value(value, annotation), annotation) == value


@pytest.mark.parametrize("annotation, text, words", [
    ("int", "4.5", "whole number"), ("int", "abc", "whole number"), ("float", "x", "number"),
    ("list", "{1: 2}", "expects a list"), ("list", "[1,", "not a valid list"),
    ("dict", "[1]", "expects a dict"), ("bool", "yes", "True or False"),
])
def test_parse_value_rejects_with_a_sentence(annotation, text, words):
    with pytest.raises(ValueTextError, match=words):
        parse_value(text, annotation)


def test_empty_means_no_value():
    assert parse_value("", "int") is NO_VALUE
    assert parse_value("", "str") is NO_VALUE


def test_typed_editors_commit_valid_values_and_refuse_invalid_ones(qtbot, pane):
    pane.set_pipeline(typed_pipeline())
    pane.set_task("t1")
    edits = recorder(pane.argument_edited)
    count = pane.value_editors["count"]
    assert count.line.text() == "3"

    retype(qtbot, count.line, "three")
    assert edits == []                                    # refused, nothing sent
    assert count.error and "whole number" in count.error
    assert text_colour("error").name() in count.line.styleSheet()   # shown in red
    retype(qtbot, count.line, "7")
    assert edits == [("t1", "count", Constant(7))]
    assert count.error is None and count.line.styleSheet() == ""

    retype(qtbot, pane.value_editors["rate"].line, "0.75")
    retype(qtbot, pane.value_editors["label"].line, "a label")
    retype(qtbot, pane.value_editors["items"].line, "[1, 2, 3]")
    retype(qtbot, pane.value_editors["options"].line, '{"k": "v"}')
    retype(qtbot, pane.value_editors["anything"].line, "text")
    assert edits[1:] == [("t1", "rate", Constant(0.75)), ("t1", "label", Constant("a label")),
                         ("t1", "items", Constant([1, 2, 3])),
                         ("t1", "options", Constant({"k": "v"})),
                         ("t1", "anything", Constant("text"))]
    retype(qtbot, pane.value_editors["items"].line, "{}")        # a dict is not a list
    assert len(edits) == 6


def test_clearing_a_value_removes_it(qtbot, pane):
    pane.set_pipeline(typed_pipeline())
    pane.set_task("t1")
    edits = recorder(pane.argument_edited)
    retype(qtbot, pane.value_editors["count"].line, "")
    assert edits == [("t1", "count", None)]
    assert pane.value_editors["rate"].line.placeholderText() == "default: 0.5"
    assert pane.value_editors["count"].line.placeholderText() == "required"


def test_bool_is_a_choice(qtbot, pane):
    pane.set_pipeline(typed_pipeline())
    pane.set_task("t1")
    edits = recorder(pane.argument_edited)
    combo = pane.value_editors["enabled"].combo
    assert combo.currentIndex() == 0 and combo.currentText() == "default: True"
    combo.setCurrentIndex(combo.findText("False"))
    combo.setCurrentIndex(0)
    assert edits == [("t1", "enabled", Constant(False)), ("t1", "enabled", None)]


def test_refresh_keeps_what_is_being_typed(qtbot, pane):
    p = typed_pipeline()
    pane.set_pipeline(p)
    pane.set_task("t1")
    editor = pane.value_editors["label"]
    line = editor.line
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line, "half typed")
    p.tasks[0].arguments["rate"] = Constant(0.1)          # another edit elsewhere
    pane.set_pipeline(p)
    assert pane.value_editors["label"] is editor          # not rebuilt
    assert line.text() == "half typed"
    assert pane.value_editors["rate"].line.text() == "0.1"


def test_task_name_must_be_a_free_identifier(qtbot, pane):
    pane.set_pipeline(typed_pipeline())
    pane.set_task("t1")
    names = recorder(pane.name_edited)
    retype(qtbot, pane.name_edit, "not valid")
    assert names == [] and "not a valid Python identifier" in pane.name_error.text()
    retype(qtbot, pane.name_edit, "configure_2")
    assert names == [] and "already named" in pane.name_error.text()
    retype(qtbot, pane.name_edit, "setup")
    assert names == [("t1", "setup")]
    assert pane.name_error.isHidden()


def test_connected_inputs_show_their_source_and_can_be_disconnected(qtbot, pane):
    p = example_pipeline()
    pane.set_pipeline(p)
    pane.set_task("t3")
    assert pane.value_editors == {}
    assert pane.wire_labels["number_1"].text() == "← number_1_result.Output"
    pane.set_task("t1")
    assert pane.wire_labels["number"].text() == "← parameter number_1"
    edits = recorder(pane.argument_edited)
    qtbot.mouseClick(pane.disconnect_buttons["number"], Qt.MouseButton.LeftButton)
    assert edits == [("t1", "number", None)]


def test_an_argument_the_signature_lost_is_shown_not_dropped(qtbot, pane):
    p = example_pipeline()
    p.tasks[0].arguments["gone"] = ParamRef("number_2")
    pane.set_pipeline(p)
    pane.set_task("t1")
    assert "gone" in pane.wire_labels and "parameter number_2" in pane.wire_labels["gone"].text()
    edits = recorder(pane.argument_edited)
    qtbot.mouseClick(pane.disconnect_buttons["gone"], Qt.MouseButton.LeftButton)
    assert edits == [("t1", "gone", None)]


def test_after_lists_other_tasks_and_refuses_cycles(qtbot, pane):
    p = example_pipeline()
    pane.set_pipeline(p)
    pane.set_task("t1")
    items = after_rows(pane)
    assert set(items) == {"number_2_result", "sum_result"}
    model = pane.after_list.model()
    assert not model.flags(items["sum_result"]) & Qt.ItemFlag.ItemIsEnabled   # runs after t1
    edits = recorder(pane.after_edited)
    rect = pane.after_list.visualRect(items["number_2_result"])
    # Click the check box at the row's left edge.
    qtbot.mouseClick(pane.after_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 8, rect.center().y()))
    assert edits == [("t1", ["t2"])]


def test_after_shows_data_upstreams_as_already_ticked(qtbot, pane):
    pane.set_pipeline(example_pipeline())
    pane.set_task("t3")
    items = after_rows(pane)
    model = pane.after_list.model()
    for name in ("number_1_result", "number_2_result"):
        checked = items[name].data(Qt.ItemDataRole.CheckStateRole)
        assert Qt.CheckState(checked) == Qt.CheckState.Checked
        assert not model.flags(items[name]) & Qt.ItemFlag.ItemIsEnabled
        assert "uses its output" in items[name].data(Qt.ItemDataRole.ToolTipRole)


def after_rows(pane) -> dict:
    """The "runs after" list's rows by their text (model indexes)."""
    model = pane.after_list.model()
    return {model.index(i).data(): model.index(i) for i in range(model.rowCount())}


def test_component_image_and_packages(qtbot, pane):
    p = typed_pipeline()
    pane.set_pipeline(p)
    pane.set_task("t1")
    assert "Shared by 2 tasks" in pane.shared_label.text()
    images = recorder(pane.base_image_edited)
    packages = recorder(pane.packages_edited)
    retype(qtbot, pane.image_edit, "python:3.11-slim")
    retype(qtbot, pane.packages_edit, "pandas==2.1, numpy  scipy")
    assert images == [("c_conf", "python:3.11-slim")]
    assert packages == [("c_conf", ["pandas==2.1", "numpy", "scipy"])]
    p.components[0].base_image = "python:3.11-slim"
    pane.set_pipeline(p)
    retype(qtbot, pane.image_edit, "")
    assert images[-1] == ("c_conf", None)


def test_split_packages():
    assert split_packages(" a==1,b ,  c\n d ") == ["a==1", "b", "c", "d"]
    assert split_packages("") == []


def test_no_task_selected_shows_a_hint(qtbot, pane):
    pane.set_pipeline(example_pipeline())
    pane.set_task(None)
    assert pane.name_edit is None
    pane.set_task("t2")
    assert pane.name_edit.text() == "number_2_result"


def test_runs_after_follows_a_replaced_document_with_the_same_task_ids(window, qtbot):
    """The runs-after list keeps a task's downstream set between edits; a document
    loaded in its place (same ids, other wires) must not show the old one's."""
    from designer.ir import OutputRef
    from designer.persist import Project
    from tests.model.test_live_validation import chain

    def downstream_rows() -> set[str]:
        rows = window.panes.properties.after_list
        return {r.task_id for r in rows.after_model.rows if r.why == "down"} if rows else None

    window.document.load(Project(chain(6), {}))
    window.scene.select_keys(["t2"])
    qtbot.waitUntil(lambda: downstream_rows() == {"t3", "t4", "t5"})
    other = chain(6)
    other.tasks[5].arguments["number"] = OutputRef("t0", "Output")   # t5 no longer after t2
    window.document.load(Project(other, {}))
    window.scene.select_keys(["t2"])
    qtbot.waitUntil(lambda: window.panes.properties._task_id == "t2")
    qtbot.waitUntil(lambda: downstream_rows() == {"t3", "t4"})
