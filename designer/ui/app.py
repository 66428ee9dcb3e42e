"""`run_gui`: the designer's entry point (called by ``designer.cli`` for `gui`)."""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

# Set by the cold-start benchmark: print the time of the first painted frame and quit.
EXIT_AFTER_PAINT = "KFP_DESIGNER_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    """Quits the app right after the canvas has painted once (benchmarks only)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        print(f"first-paint {time.time():.6f}", flush=True)
        QApplication.instance().quit()


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        from designer.ui.memory import keep_big_blocks_mapped
        keep_big_blocks_mapped()
        app = QApplication(sys.argv[:1])
    app.setApplicationName("kfp-designer")
    app.setOrganizationName("kfp-designer")
    app.setApplicationDisplayName("kfp-designer")
    from designer.ui.i18n import ensure_language
    ensure_language(app)   # the saved language (System: the locale's), before any widget
    return app


def start_diagnostics(app: QApplication):
    """The log file in the user's data folder and the failure dialog (``failures.py``)."""
    import logging
    import platform

    from PySide6 import __version__ as pyside_version

    from designer import __version__
    from designer.logs import setup_logging

    from .failures import data_folder, install_failure_reporter
    try:
        log_path = setup_logging(data_folder())
    except OSError as e:   # a read-only home: the dialog still shows, nothing is written
        print(f"kfp-designer: cannot write a log file: {e}", file=sys.stderr)
        log_path = None
    logging.getLogger("designer").info(
        "kfp-designer %s starting: Python %s, PySide6 %s, platform %s (%s)", __version__,
        platform.python_version(), pyside_version, app.platformName(), platform.platform())
    return install_failure_reporter(app, log_path)


def run_gui(path: str | None = None, example: bool = False) -> int:
    app = application()
    reporter = start_diagnostics(app)  # noqa: F841  (lives as long as the app: its child)
    from .main_window import new_window
    window = new_window(path, example)
    if os.environ.get(EXIT_AFTER_PAINT):
        watcher = _FirstPaint(app)
        window.view.viewport().installEventFilter(watcher)
    return app.exec()
