"""The GUI reports its own failures: an exception nobody caught (in a slot, an event
handler, a worker thread) is logged with its traceback and shown in a non-modal dialog,
and the window, its document and its undo history stay as they were.

    reporter = install_failure_reporter(app, log_path)   # app.py, once

``sys.excepthook`` covers the GUI thread (PySide6 hands exceptions raised in slots and
virtual overrides to it) and ``threading.excepthook`` the worker threads; a failure in a
worker reaches the dialog through a queued signal, on the GUI thread. One dialog is
shown at a time: later failures are added to it, not stacked on top.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


def data_folder() -> Path:
    """The user's data folder for the designer (XDG_DATA_HOME on Linux)."""
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))


def describe(exc_type: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> tuple[str, str]:
    """(one line saying what failed and where, the whole traceback)."""
    text = "".join(traceback.format_exception(exc_type, value, tb))
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = ""
    if frames:
        last = frames[-1]
        where = f" in {last.name} ({Path(last.filename).name}:{last.lineno})"
    message = str(value).strip().splitlines()[0] if str(value).strip() else ""
    summary = f"{exc_type.__name__}{where}" + (f": {message}" if message else "")
    return summary, text


class ErrorDialog(QDialog):
    """What failed, the traceback behind "Details", "Copy" and "Close". Non-modal."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Internal error"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.count = 0
        self._texts: list[str] = []
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = (self.tr("The details were written to {path}.").format(path=log_path)
                 if log_path else self.tr("The details could not be written to a log file."))
        self.note = QLabel(self.tr("The designer is still running and your pipeline is still "
                                   "open: save it (File ▸ Save As… keeps the original) to be "
                                   "safe. ") + where)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(180)
        self.details.hide()
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy what failed and the traceback, to paste in "
                                            "a bug report"))
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.summary)
        text.addWidget(self.note)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def add(self, summary: str, text: str) -> None:
        self.count += 1
        self._texts.append(text)
        if self.count == 1:
            self.headline.setText(self.tr("Something went wrong inside the designer."))
        else:
            self.headline.setText(self.tr("%n error(s) inside the designer.", "", self.count))
        self.summary.setText(summary)
        self.details.setPlainText("\n".join(self._texts))

    def report_text(self) -> str:
        return "\n".join(self._texts)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.adjustSize()


class FailureReporter(QObject):
    """Installs the hooks; ``dialog`` is the error dialog shown (None before a failure)."""

    failed = Signal(str, str)      # summary, traceback: queued from any thread

    def __init__(self, log_path: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: ErrorDialog | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.failed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(self, exc_type, value, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, value, tb)
            return
        self.report(exc_type, value, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f" (thread {name})")

    def report(self, exc_type, value, tb, suffix: str = "") -> None:
        summary, text = describe(exc_type, value, tb)
        # Never raise from here: a failing hook would lose the original failure.
        try:
            log.error("unhandled exception%s: %s\n%s", suffix, summary, text.rstrip())
        except Exception:  # noqa: BLE001
            pass
        self.failed.emit(summary + suffix, text)

    def _show(self, summary: str, text: str) -> None:
        if self.dialog is None:
            parent = QApplication.activeWindow()
            self.dialog = ErrorDialog(self.log_path, parent)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget)
        self.dialog.add(summary, text)
        self.dialog.show()
        self.dialog.raise_()

    def _forget(self) -> None:
        self.dialog = None


def install_failure_reporter(app: QApplication, log_path: Path | None) -> FailureReporter:
    reporter = FailureReporter(log_path, app)
    reporter.install()
    return reporter


__all__ = ["FailureReporter", "ErrorDialog", "install_failure_reporter", "data_folder",
           "describe"]
