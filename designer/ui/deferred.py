"""Start-up work that can wait until the window is on screen."""
from __future__ import annotations

import gc
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from designer.ui import heap


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)   # once this frame is out
        return False

    def _fire(self) -> None:
        self.deleteLater()        # (one per opened file: not kept with the widget)
        self._callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the event-loop turn after ``widget`` first paints (not at all
    if the widget is deleted first)."""
    _AfterFirstPaint(widget, callback)


class CollectorPause:
    """The cyclic garbage collector off until ``widget`` has painted, for work that makes
    many objects and no garbage cycles (opening a big file: ~100,000 objects). Then they
    are taken out of the collector's sight (``heap.keep_long_lived``): otherwise its first
    collections afterwards would scan them all (~20 ms at 2,000 tasks). At most
    ``limit_ms`` (a hidden widget never paints); ``resume`` ends it at once (a refusal,
    before its message box). If the collector was already off, whoever turned it off turns
    it on again."""

    def __init__(self, widget: QWidget, limit_ms: int = 2000):
        self._paused = gc.isenabled()
        if self._paused:
            gc.disable()
            # Held until resumed: the limit must come even if the widget (and the paint
            # callback holding this) is deleted first, or the collector stays off for good.
            _PAUSES.add(self)
            after_first_paint(widget, self.resume)
            QTimer.singleShot(limit_ms, self.resume)

    @property
    def paused(self) -> bool:
        return self._paused

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            _PAUSES.discard(self)
            gc.enable()
            heap.keep_long_lived()


_PAUSES: set[CollectorPause] = set()
