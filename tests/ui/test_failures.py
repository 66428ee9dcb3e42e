"""The GUI reports its own failures: an exception in a slot or a worker thread shows a
non-modal error dialog (what failed, the traceback behind Details, Copy), is written to
the log file in the user's data folder, and leaves the document as it was."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer import persist
from designer.logs import FILE_NAME, stop_logging
from designer.ui.app import start_diagnostics


@pytest.fixture
def reporter(qapp, tmp_path, monkeypatch):
    """The diagnostics the app starts with, writing under a temporary XDG_DATA_HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KFP_DESIGNER_LOG", raising=False)
    rep = start_diagnostics(qapp)
    yield rep
    rep.uninstall()
    stop_logging()
    if rep.dialog is not None:
        rep.dialog.close()


def explode_in_a_slot():
    return {}["missing key"]


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_shows_a_non_modal_dialog_logs_it_and_keeps_the_document(
        reporter, make_window, qtbot, tmp_path):
    window = make_window()
    window.files.open_example()
    before = persist.dumps(window.document.project())
    steps = window.document.undo_stack.count()
    boom = QAction("Explode", window)
    boom.setShortcut(QKeySequence("Ctrl+Alt+F12"))
    boom.triggered.connect(explode_in_a_slot)
    window.addAction(boom)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    QTest.keyClick(window, Qt.Key.Key_F12,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert not dialog.isModal() and QApplication.activeModalWidget() is None
    assert "KeyError" in dialog.summary.text()
    assert "explode_in_a_slot" in dialog.summary.text()        # where it failed
    assert "'missing key'" in dialog.summary.text()
    log_path = tmp_path / "data"
    logs = list(log_path.rglob(FILE_NAME))
    assert len(logs) == 1 and str(logs[0]) in dialog.note.text()
    # The traceback is behind Details.
    assert not dialog.details.isVisible()
    QTest.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()
    assert "Traceback (most recent call last)" in dialog.details.toPlainText()
    assert "explode_in_a_slot" in dialog.details.toPlainText()
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.details.toPlainText()
    # Written to the log file, with the traceback.
    text = logs[0].read_text()
    assert "unhandled exception" in text and "KeyError: 'missing key'" in text
    # The window and its document are as they were; the window still takes input.
    assert persist.dumps(window.document.project()) == before
    assert window.document.undo_stack.count() == steps and window.isVisible()
    dialog.grab().save(str(tmp_path / "error_dialog.png"))

    # A second failure joins the same dialog.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F12,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.count == 2)
    assert reporter.dialog is dialog and "2 error" in dialog.headline.text()
    QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is None)   # deleted when closed


@pytest.mark.qt_no_exception_capture
def test_a_worker_thread_that_raises_is_reported_on_the_gui_thread(reporter, qtbot, tmp_path):
    def work():
        raise RuntimeError("the worker broke")
    thread = threading.Thread(target=work, name="kfp-test-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "RuntimeError" in reporter.dialog.summary.text()
    assert "kfp-test-worker" in reporter.dialog.summary.text()
    log = next((tmp_path / "data").rglob(FILE_NAME)).read_text()
    assert "RuntimeError: the worker broke" in log and "kfp-test-worker" in log


def test_diagnostics_go_to_the_log_file_at_the_level_the_environment_asks(
        qapp, make_window, tmp_path, monkeypatch, dialogs_script):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("KFP_DESIGNER_LOG", "INFO")
    rep = start_diagnostics(qapp)
    try:
        window = make_window()
        bad = tmp_path / "broken.kfpd"
        bad.write_text("{{{ not yaml")
        assert not window.files.open_path(str(bad))
        assert dialogs_script.warnings            # the person was told, in a dialog
        log = next((tmp_path / "data").rglob(FILE_NAME)).read_text()
        assert "kfp-designer" in log and "starting" in log       # versions, platform
        assert f"cannot open {bad}" in log
    finally:
        rep.uninstall()
        stop_logging()
