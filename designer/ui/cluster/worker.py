"""Blocking cluster calls off the GUI thread, their result back on it.

    call_async(owner, lambda: api.get_run(run_id), on_done, on_error)

``on_done(result)`` or ``on_error(exception)`` runs on the GUI thread (a queued signal);
nothing runs when ``owner`` is gone by then.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

_ALIVE: set[Job] = set()   # jobs in flight (a QObject without a Python owner is collected)


class Job(QObject):
    done = Signal(object)
    error = Signal(object)

    def __init__(self, fn: Callable[[], Any], owner: QObject):
        super().__init__()          # no parent: a closing window must not delete it mid-call
        self._fn = fn
        self.owner = owner
        self.finished = False

    def start(self) -> None:
        _ALIVE.add(self)
        threading.Thread(target=self._run, daemon=True, name="kfp-cluster").start()

    def _run(self) -> None:
        try:
            result = self._fn()
        except Exception as e:  # noqa: BLE001 - every failure is shown, never lost
            self.error.emit(e)
        else:
            self.done.emit(result)


def call_async(owner: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None]) -> Job:
    job = Job(fn, owner)

    def finish(handler, value) -> None:
        import shiboken6
        job.finished = True
        _ALIVE.discard(job)
        if shiboken6.isValid(job.owner):   # the window (or dialog) is still there
            handler(value)
        job.deleteLater()

    job.done.connect(lambda r: finish(on_done, r))
    job.error.connect(lambda e: finish(on_error, e))
    job.start()
    return job


def message_of(error: Exception) -> str:
    """The sentence to show: ours as they are, anything else with its type."""
    from designer.cluster.errors import ClusterError
    from designer.ir import InputError
    if isinstance(error, (ClusterError, InputError)):
        return str(error)
    return f"{type(error).__name__}: {error}"
