"""What a newcomer tripped on (issue 9, part 4), each through the interface a person uses:
real keys and clicks, then what is on screen."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QApplication, QDialog, QLabel, QLineEdit, QMenu, QMessageBox,
                               QToolButton)

from designer.model import commands as C
from designer.ui import dialogs
from designer.ui.run.controller import RunInfo, TaskRun
from designer.ui.run.panel import RunPanel
from tests.ui.canvas_helpers import click

REAL_EDIT_PARAM = dialogs.edit_param      # (the window fixtures script the dialogs)
REAL_WARN = dialogs.warn
SHOTS = Path("/tmp") / "kfp-designer-shots"


def shot(widget, name: str) -> None:
    """Keep a picture of what the test looked at (for a person to open)."""
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def when_modal(callback) -> list:
    """Run ``callback(dialog)`` on the modal dialog that opens next; returns what it saw
    (an exception raised inside is re-raised by ``check``)."""
    seen: list = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(5, poll)
            return
        try:
            seen.append(callback(dialog))
        except BaseException as e:  # noqa: BLE001 - handed to the test
            seen.append(e)
            dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
    QTimer.singleShot(0, poll)
    return seen


def check(seen: list) -> None:
    assert seen, "no dialog opened"
    if isinstance(seen[0], BaseException):
        raise seen[0]


def fully_shown(widget, ancestor) -> bool:
    """``widget`` lies entirely inside ``ancestor``'s visible rectangle."""
    top_left = widget.mapTo(ancestor, QPoint(0, 0))
    return ancestor.rect().contains(QRect(top_left, widget.size()))


# --------------------------------------------------------------------------- the parameter dialog

def test_add_parameter_dialog_selects_the_proposed_name_and_cuts_nothing(
        make_window, monkeypatch, qtbot):
    monkeypatch.setattr(dialogs, "edit_param", REAL_EDIT_PARAM)
    window = make_window()
    window.files.open_example()

    def fill(dialog):
        assert dialog.windowTitle() == "Add Parameter"
        QTest.qWaitForWindowActive(dialog)
        assert dialog.focusWidget() is dialog.name and dialog.name.selectedText() == "param_1"
        fm = dialog.fontMetrics()
        # Wide enough for the title (with the title bar's buttons) and the Default hint.
        assert dialog.width() >= fm.horizontalAdvance(dialog.windowTitle()) + 120
        hint = dialog.default.placeholderText()
        assert dialog.default.width() > fm.horizontalAdvance(hint) + 8
        for label in dialog.findChildren(QLabel):
            if label.isVisible() and label.text() and not label.wordWrap():
                assert label.width() >= label.sizeHint().width(), label.text()
        shot(dialog, "add_parameter")
        QTest.keyClicks(dialog.focusWidget(), "rate")        # typing replaces the name
        assert dialog.name.text() == "rate"
        dialog.name.setFocus()
        QTest.keyClick(dialog.type.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.type.lineEdit(), "float")
        QTest.keyClicks(dialog.default, "0.5")
        QTest.keyClick(dialog.default, Qt.Key.Key_Return)
        return dialog.result()

    seen = when_modal(fill)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)     # window shortcuts need an active window
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    check(seen)
    prm = window.document.param("rate")
    assert prm is not None and prm.annotation == "float" and prm.default == 0.5


# --------------------------------------------------------------------------- properties

def test_the_properties_pane_never_scrolls_sideways(make_window, qtbot):
    """Long names after wiring: elided (whole in the tooltip), the × buttons on screen."""
    window = make_window()
    window.files.open_example()
    doc = window.document
    long = ("def print_and_return_a_rather_long_number(number_to_print_and_return_again: int,"
            " another_very_long_parameter_name_here: str = 'x') -> int:\n"
            "    return number_to_print_and_return_again\n")
    doc.push(C.SetComponentSource(doc, "print_and_return_number", long))
    doc.push(C.RenameTask(doc, "number_1_result", "number_1_result_with_a_long_long_name"))
    dock = window.docks["properties"]
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [250], Qt.Orientation.Horizontal)
    click(window.view, window.scene.nodes["sum_result"].mapToScene(QPointF(40, 10)))
    props = window.panes.properties
    qtbot.waitUntil(lambda: props.task_id == "sum_result")
    window.panes.properties.set_run_results({"sum_result": "succeeded\nOutput = " + "7" * 180})
    QCoreApplication.processEvents()
    scroll = props._scroll
    viewport = scroll.viewport()
    assert scroll.horizontalScrollBar().maximum() == 0
    assert scroll.widget().width() <= viewport.width()
    for name, button in props.disconnect_buttons.items():
        assert button.isVisible() and fully_shown(button, viewport), name
    label = props.wire_labels["number_1"]
    assert label.text() == "← number_1_result_with_a_long_long_name.Output"
    assert fully_shown(label, viewport)
    if label.is_elided():
        QTest.mouseMove(label)
        assert label.toolTip() == label.text()
    shot(dock, "properties_narrow")

    # The × disconnects, by a click.
    QTest.mouseClick(props.disconnect_buttons["number_1"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "number_1" not in doc.task("sum_result").arguments)


# --------------------------------------------------------------------------- run panel

def test_the_run_panel_elides_long_task_names_in_the_middle(qtbot):
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 260)
    panel.show()
    names = ["print_and_return_number_task_1", "print_and_return_number_task_2"]
    info = RunInfo("p", {}, order=names,
                   tasks={n: TaskRun(n, n, state="succeeded", duration=0.5) for n in names})
    panel.begin(info)
    panel.tasks.header().resizeSection(0, 120)
    QCoreApplication.processEvents()
    view = panel.tasks
    rows = [view.visualItemRect(panel.rows[n]) for n in names]
    image = view.viewport().grab().toImage()

    def row_pixels(rect):
        return [image.pixel(x, y) for y in range(rect.top() + 2, rect.bottom() - 2)
                for x in range(rect.left() + 20, rect.left() + view.columnWidth(0) - 2)]
    # Elided at the end both rows would read "print_and_return_nu…": the same pixels.
    assert row_pixels(rows[0]) != row_pixels(rows[1])
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert view.fontMetrics().horizontalAdvance(names[0]) > view.columnWidth(0)
    for n in names:
        assert panel.rows[n].toolTip(0).startswith(f"{n}: succeeded")   # the whole name
    shot(panel, "run_panel_elided")


def test_open_run_folder_shows_and_copies_the_path_when_nothing_opens_it(qtbot, tmp_path):
    """The offscreen platform, like a desktop with no file manager registered, opens
    nothing: the path is copied and shown instead of nothing happening."""
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    folder = tmp_path / "runs" / "20261206-013700-example"
    folder.mkdir(parents=True)
    panel.set_run_dir(str(folder))
    QGuiApplication.clipboard().setText("")
    link = panel.folder_link
    QTest.mouseClick(link, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, link.height() // 2))
    qtbot.waitUntil(lambda: panel.folder_message is not None and panel.folder_message.isVisible())
    assert QGuiApplication.clipboard().text() == str(folder)
    box = panel.folder_message
    assert box.informativeText() == str(folder)
    shot(box, "run_folder_fallback")
    QTest.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.folder_message is None)     # closed and deleted


# --------------------------------------------------------------------------- menus

def test_the_run_menu_has_no_two_items_of_the_same_name(make_window, qtbot):
    window = make_window()
    menu = window.runs.menu
    texts = [a.text().replace("&", "").rstrip("…").strip() for a in menu.actions()
             if not a.isSeparator()]
    assert len(texts) == len(set(texts)), texts
    assert "Run" in texts and "Run Panel" in texts
    panel = next(a for a in menu.actions() if a.text().replace("&", "") == "Run Panel")
    dock = window.docks["run"]
    panel.trigger()
    assert dock.isVisible() is panel.isChecked()


def test_help_is_the_last_menu(make_window, qtbot):
    """The Help menu is made with the window; Run and Settings come later (with the
    runner): Help still ends the menu bar, as in every desktop application."""
    window = make_window()
    window.runs     # the Run, Settings and Help controllers
    menus = [a.menu() for a in window.menuBar().actions()]
    assert menus[-1] is window.help_menu
    assert window.runs.menu in menus


# --------------------------------------------------------------------------- new nodes

def node_rects(window):
    return {k: n.sceneBoundingRect() for k, n in window.scene.nodes.items()}


def assert_free_and_in_view(window, key):
    rects = node_rects(window)
    mine = rects.pop(key)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(mine), (mine, visible)
    assert not any(mine.intersects(r) for r in rects.values()), key
    legend = window.view.mapToScene(window.view.legend_rect().toRect()).boundingRect()
    assert not mine.intersects(legend)                  # not under the type legend either


def test_double_clicked_library_items_and_new_components_land_on_free_spots_in_view(
        make_window, qtbot):
    window = make_window()
    window.files.open_example()
    window.view.fit()
    QCoreApplication.processEvents()
    tree = window.library.tree
    item = window.library.find("greet")
    added = []
    for _ in range(3):
        before = set(window.scene.nodes)
        rect = tree.visualItemRect(item)
        # A double click: press and release, then the second press (a double-click event)
        for send in (QTest.mouseClick, QTest.mouseDClick):
            send(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                 rect.center())
        qtbot.waitUntil(lambda b=before: len(window.scene.nodes) == len(b) + 1)
        key = (set(window.scene.nodes) - before).pop()
        assert_free_and_in_view(window, key)
        added.append(key)
    # "New component" in the code pane: its task too.
    code = window.panes.code
    window.docks["code"].show()
    window.docks["code"].raise_()
    before = set(window.scene.nodes)
    QTest.mouseClick(code.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.scene.nodes) == len(before) + 1)
    key = (set(window.scene.nodes) - before).pop()
    assert_free_and_in_view(window, key)
    shot(window.view, "free_spots")


# --------------------------------------------------------------------------- no leaks

def live(window) -> dict[str, int]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return {"dialogs": len(window.findChildren(QDialog)),
            "menus": len(window.findChildren(QMenu)),
            "view menus": len(window.view.findChildren(QMenu))}


def test_warnings_parameter_dialogs_and_context_menus_are_deleted_when_closed(
        make_window, monkeypatch, tmp_path, qtbot):
    monkeypatch.setattr(dialogs, "edit_param", REAL_EDIT_PARAM)
    monkeypatch.setattr(dialogs, "warn", REAL_WARN)
    window = make_window()
    window.files.open_example()
    window.runs  # noqa: B018  (its Run menu exists before counting)
    before = live(window)
    bad = tmp_path / "bad.kfpd"
    bad.write_text("{{{ not yaml")
    for _ in range(5):
        seen = when_modal(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
        assert not window.files.open_path(str(bad))         # a warning, closed
        check(seen)
        seen = when_modal(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
        window.editor.add_param()                             # the parameter dialog, cancelled
        check(seen)
        viewport = window.view.viewport()
        spot = QPoint(5, 5)
        QApplication.sendEvent(viewport, QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, spot, viewport.mapToGlobal(spot)))
        menu = window.editor._menu
        qtbot.waitUntil(menu.isVisible)
        QTest.keyClick(menu, Qt.Key.Key_Escape)              # the canvas menu, closed
        qtbot.waitUntil(lambda m=menu: not m.isVisible())
    assert live(window) == before


# keep linters quiet about helpers some tests use only on failure
_ = (QLineEdit, QToolButton)
