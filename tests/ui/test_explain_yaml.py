"""Explain this YAML in the main window: hovering a line of the v1/v2 preview shows what it
is and which node made it; clicking it selects that node on the canvas (tasks and, in
the YAML, parameters)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QHelpEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from designer.ui import i18n  # noqa: E402


def shown(qtbot, window, key: str) -> str:
    window.panes.docks["preview"].raise_()
    pane = window.panes.previews
    pane.tabs.setCurrentWidget(pane.view(key))
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view(key).generation == pane.generation
                    and bool(pane.view(key).text))
    return pane.view(key).text


def line_point(editor, line: int):
    editor.set_caret(line - 1)          # brings the line on screen
    return editor.point_of(line - 1, 2)


def hover(window, key: str, line: int) -> str:
    """A tooltip event on ``line`` of the preview ``key``: the tooltip it showed."""
    pane = window.panes.previews
    editor = pane.view(key).editor
    point = line_point(editor, line)
    viewport = editor.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point,
                                                viewport.mapToGlobal(point)))
    return pane.tips[key].last_tip


def click(qtbot, window, key: str, line: int) -> None:
    editor = window.panes.previews.view(key).editor
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton,
                     pos=line_point(editor, line))


def number(text: str, needle: str, after: int = 0) -> int:
    lines = text.split("\n")
    return next(i for i, line in enumerate(lines[after:], after + 1) if needle in line)


def test_hovering_dependencies_explains_them_and_a_click_selects_the_task(window, qtbot):
    assert window.files.open_example()
    for key, needle in (("v2", "dependentTasks:"), ("v1", "dependencies:")):
        text = shown(qtbot, window, key)
        line = number(text, needle)
        tip = hover(window, key, line)
        assert "derived from data flow: sum_result uses outputs of number_1_result, " \
               "number_2_result" in tip, tip
        assert "Made by the task sum_result" in tip
        window.scene.clearSelection()
        click(qtbot, window, key, line)
        qtbot.waitUntil(lambda: window.scene.selected_keys() == ["sum_result"])


def test_a_parameter_line_selects_the_parameter_node(window, qtbot):
    assert window.files.open_example()
    text = shown(qtbot, window, "v2")
    line = number(text, "number_2:", number(text, "inputDefinitions:", number(text, "root:")))
    tip = hover(window, "v2", line)
    assert "The pipeline parameter number_2" in tip and "Made by the parameter number_2" in tip
    window.scene.clearSelection()
    click(qtbot, window, "v2", line)
    qtbot.waitUntil(lambda: window.scene.selected_keys() == ["param:number_2"])


def test_the_explanation_is_korean_in_the_korean_ui(window, qtbot, qapp):
    assert window.files.open_example()
    text = shown(qtbot, window, "v2")
    line = number(text, "dependentTasks:")
    i18n.set_language("ko", qapp)
    QApplication.processEvents()
    tip = hover(window, "v2", line)
    assert "의존성" in tip and "sum_result" in tip, tip
    assert "derived from data flow" not in tip


def test_a_long_yaml_is_read_in_a_thread_and_explained_when_ready(window, qtbot,
                                                                  monkeypatch):
    from designer.ui.preview import explain_tips
    monkeypatch.setattr(explain_tips, "SYNC_LINES", 0)   # the tutorial counts as long
    assert window.files.open_example()
    text = shown(qtbot, window, "v2")
    line = number(text, "dependentTasks:")
    tips = window.panes.previews.tips["v2"]
    # The result comes back through the event loop: until then the tooltip says why.
    assert "Reading the YAML" in hover(window, "v2", line) and tips.building
    qtbot.waitUntil(lambda: not tips.building)
    assert "derived from data flow: sum_result uses outputs" in hover(window, "v2", line)
