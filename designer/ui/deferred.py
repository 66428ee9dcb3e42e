"""Start-up work that can wait until the window is on screen."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._callback)   # once this frame is out
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the event-loop turn after ``widget`` first paints (not at all
    if the widget is deleted first)."""
    _AfterFirstPaint(widget, callback)
