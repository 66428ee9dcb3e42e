"""Help: Kubeflow concept pages in a help window, F1 and What's This? (Shift+F1) on the
canvas's nodes, ports and wires, on Properties fields and on YAML lines, each with where
the thing lands in the YAML and the Python."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from designer import concepts  # noqa: E402
from designer.ui import i18n  # noqa: E402
from tests.ui.canvas_helpers import click  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def ready(window, qtbot):
    """The tutorial open, the window's late parts (Run, Help) made, the window active."""
    assert window.files.open_example()
    assert window.help is not None
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window.help


def page_text(help_) -> str:
    return help_.browser.browser.toPlainText()


def key(window, widget, key, modifiers=NO_MOD) -> None:
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)
    widget.setFocus()
    QTest.keyClick(widget, key, modifiers)


def click_at_scene(window, pos: QPointF) -> None:
    view = window.view
    QTest.mouseClick(view.viewport(), LEFT, NO_MOD, view.mapFromScene(pos))


def test_the_concepts_window_lists_every_page_and_follows_links(window, qtbot):
    help_ = ready(window, qtbot)
    help_.act_concepts.trigger()
    browser = help_.browser
    qtbot.waitUntil(browser.isVisible)
    titles = [browser.index.item(i).text() for i in range(browser.index.count())]
    assert titles[:4] == ["Component", "Task", "Pipeline", "Parameter"]
    assert len(titles) == len(concepts.ORDER)
    assert "packaged to run in a container" in page_text(help_)
    browser.browser.anchorClicked.emit(QUrl("concept:task"))
    assert browser.page == "task" and page_text(help_).startswith("Task")
    # Picking a page in the index shows it.
    QTest.mouseClick(browser.index.viewport(), LEFT, NO_MOD,
                     browser.index.visualItemRect(browser.index.item(6)).center())
    assert browser.page == "dependency"
    assert "derives them from data flow" in page_text(help_)


def test_f1_on_a_selected_node_explains_the_task_and_where_it_lands(window, qtbot):
    help_ = ready(window, qtbot)
    node = window.scene.nodes["sum_result"]
    click(window.view, node.mapToScene(QPointF(40, 10)))
    qtbot.waitUntil(lambda: window.scene.selected_keys() == ["sum_result"])
    key(window, window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: help_.browser.isVisible())
    text = page_text(help_)
    assert help_.browser.page == "task"
    assert "In this pipeline: the task sum_result" in text
    assert "KFP v1 YAML, lines" in text and "- name: sum-and-print-numbers" in text
    assert "KFP v2 YAML, lines" in text and "dependentTasks:" in text
    assert "sum_result = sum_and_print_numbers(" in text


def test_whats_this_on_a_wire_a_port_and_a_parameter(window, qtbot):
    help_ = ready(window, qtbot)
    scene = window.scene
    # A data wire from a task: the dependency it makes, with the input's v2 lines.
    wire = scene.wires[("sum_result", "number_2")]
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert help_.picking
    click_at_scene(window, wire.path().pointAtPercent(0.5))
    qtbot.waitUntil(lambda: not help_.picking)
    text = page_text(help_)
    assert help_.browser.page == "dependency"
    assert "the wire from number_2_result to sum_result.number_2" in text
    assert "producerTask: print-and-return-number-2" in text
    assert scene.selected_keys() == []      # the click explained, it did not select

    # An input port of the first task: fed by a parameter.
    node = scene.nodes["number_1_result"]
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    click_at_scene(window, node.input_pos("number"))
    qtbot.waitUntil(lambda: not help_.picking)
    assert help_.browser.page == "parameter"
    assert "the input number of number_1_result" in page_text(help_)
    assert "componentInputParameter: number_1" in page_text(help_)

    # A parameter node: its entry in the YAML and its line in the pipeline's signature.
    param = scene.nodes["param:number_2"]
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    click_at_scene(window, param.mapToScene(QPointF(30, 10)))
    qtbot.waitUntil(lambda: not help_.picking)
    assert help_.browser.page == "parameter"
    assert "the parameter number_2" in page_text(help_)
    assert "def example_pipeline(number_1: int, number_2: int)" in page_text(help_)

    # Escape leaves the mode without explaining anything.
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    topic = help_.last_topic
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert not help_.picking and help_.last_topic is topic


def test_f1_in_a_properties_field_explains_its_concept(window, qtbot):
    help_ = ready(window, qtbot)
    window.scene.select_keys(["number_2_result"])
    props = window.panes.properties
    qtbot.waitUntil(lambda: props.task_id == "number_2_result")
    window.panes.docks["properties"].raise_()
    key(window, props.image_edit, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: help_.browser.isVisible())
    assert help_.browser.page == "component"
    assert "the component print_and_return_number" in page_text(help_)
    assert "comp-print-and-return-number:" in page_text(help_)   # its first v2 block
    assert "def print_and_return_number(number: int) -> int:" in page_text(help_)
    key(window, props.after_list, Qt.Key.Key_F1)
    assert help_.browser.page == "dependency"


def test_f1_on_a_yaml_line_explains_the_line_and_its_concept(window, qtbot):
    help_ = ready(window, qtbot)
    window.panes.docks["preview"].raise_()
    pane = window.panes.previews
    pane.tabs.setCurrentWidget(pane.view("v2"))
    qtbot.waitUntil(lambda: pane.is_idle() and bool(pane.view("v2").text))
    editor = pane.view("v2").editor
    line = next(i for i, t in enumerate(pane.view("v2").text.split("\n")) if "enableCache" in t)
    editor.set_caret(line)
    key(window, editor, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: help_.browser.isVisible())
    assert help_.browser.page == "caching"
    assert "Caching: when a task's component and inputs are the same" in page_text(help_)


def test_whats_this_on_a_yaml_line_explains_the_line_under_the_mouse(window, qtbot):
    help_ = ready(window, qtbot)
    window.panes.docks["preview"].raise_()
    pane = window.panes.previews
    pane.tabs.setCurrentWidget(pane.view("v2"))
    qtbot.waitUntil(lambda: pane.is_idle() and bool(pane.view("v2").text))
    editor = pane.view("v2").editor
    line = next(i for i, t in enumerate(pane.view("v2").text.split("\n")) if "enableCache" in t)
    editor.set_caret(0)
    editor.verticalScrollBar().setValue(max(0, line - 3))     # the caret is elsewhere
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert help_.picking
    QTest.mouseClick(editor.viewport(), LEFT, NO_MOD, editor.point_of(line, 4))
    qtbot.waitUntil(lambda: not help_.picking and help_.browser.isVisible())
    assert help_.browser.page == "caching"


def test_pages_follow_the_language(window, qtbot, qapp):
    help_ = ready(window, qtbot)
    window.scene.select_keys(["sum_result"])
    key(window, window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: help_.browser.isVisible())
    i18n.set_language("ko", qapp)
    QApplication.processEvents()
    assert page_text(help_).startswith("태스크")
    assert "이 파이프라인에서: 태스크 sum_result" in page_text(help_)
    assert "KFP v2 YAML, 151–170행" in page_text(help_)
    assert help_.browser.index.item(0).text() == "컴포넌트"
    assert help_.browser.windowTitle() != "Kubeflow Concepts"


def test_concept_links_in_the_panes_open_their_page(window, qtbot):
    """The "?" after a Properties section title opens the concept page in this window's
    help (the step bar's link too: test_step_run_gui.py)."""
    from PySide6.QtGui import QDesktopServices
    help_ = ready(window, qtbot)
    window.scene.select_keys(["sum_result"])
    props = window.panes.properties
    qtbot.waitUntil(lambda: props.task_id == "sum_result")
    from PySide6.QtWidgets import QLabel
    headers = [label for label in props.findChildren(QLabel) if "concept:" in label.text()]
    hrefs = sorted(label.text().split("concept:")[1].split("'")[0] for label in headers)
    assert hrefs == ["component", "dependency", "local-run", "parameter", "task"]
    assert all(label.openExternalLinks() for label in headers)
    # A link opened as Qt opens it (QDesktopServices) lands in this window's help.
    QDesktopServices.openUrl(QUrl("concept:dependency"))
    qtbot.waitUntil(lambda: help_.browser.isVisible() and help_.browser.page == "dependency")


def test_whats_this_on_a_control_flow_frame_opens_the_control_flow_page(window, qtbot):
    from designer.ir import ParamRef
    from designer.ir.groups import Condition, Group
    from designer.model.group_commands import GroupTasks
    help_ = ready(window, qtbot)
    doc, scene = window.document, window.scene
    doc.undo_stack.push(GroupTasks(doc, ["sum_result"], Group("", "condition", condition=Condition(
        ParamRef("number_1"), "<", ParamRef("number_2")))))
    frame = next(iter(scene.frames.values()))
    key(window, window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    click_at_scene(window, frame.title_rect().center())
    qtbot.waitUntil(lambda: not help_.picking)
    assert help_.browser.page == "control-flow"
    text = page_text(help_)
    assert "the frame “if number_1 < number_2”" in text
    assert "triggerPolicy" in text
