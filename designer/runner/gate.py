"""Pausing a run before a task: step-through runs and breakpoints (no Qt).

The engine asks the gate, on the task's worker thread and before the task starts,
whether to pause there (``should_pause``); when it does, it reports TASK_PAUSED with the
task's resolved input values and blocks in ``wait`` until the task is released: by
``step`` (this task runs, the run pauses again before the next one), ``resume`` (the run
goes on and pauses only at breakpoints) or ``cancel`` (the run is stopped; ``wait``
returns False).

    gate = PauseGate(step=True, breakpoints={"sum_result"})
    runner = Runner(pipeline, params, RunOptions(jobs=1), on_event=print, gate=gate)
    ...   # on TASK_PAUSED: gate.step() or gate.resume(), from any thread

Breakpoints may change while the run goes (``set_breakpoints``). A step-through run is
meant to run one task at a time (``jobs=1``): with more workers, independent tasks can
be paused at the same time, and ``step`` releases all of them.
"""
from __future__ import annotations

import threading
from typing import Iterable


class PauseGate:
    def __init__(self, step: bool = False, breakpoints: Iterable[str] = ()):
        self._cond = threading.Condition()
        self._stepping = step
        self._breakpoints = set(breakpoints)
        self._waiting: set[str] = set()     # task ids paused now
        self._released: set[str] = set()
        self._cancelled = False

    # --- the engine's side -----------------------------------------------------------------

    def should_pause(self, task_id: str) -> bool:
        with self._cond:
            return not self._cancelled and (self._stepping or task_id in self._breakpoints)

    def wait(self, task_id: str) -> bool:
        """Blocks until ``task_id`` is released; False when the run was cancelled."""
        with self._cond:
            self._waiting.add(task_id)
            self._cond.notify_all()
            try:
                self._cond.wait_for(lambda: self._cancelled or task_id in self._released)
                return not self._cancelled
            finally:
                self._waiting.discard(task_id)
                self._released.discard(task_id)

    # --- the person's side (any thread) ----------------------------------------------------

    @property
    def stepping(self) -> bool:
        with self._cond:
            return self._stepping

    @property
    def paused(self) -> frozenset[str]:
        """The tasks waiting now."""
        with self._cond:
            return frozenset(self._waiting)

    def step(self) -> None:
        """Run the paused task(s) and pause again before the next one."""
        with self._cond:
            self._stepping = True
            self._release()

    def resume(self) -> None:
        """Run the paused task(s) and the rest, pausing only at breakpoints."""
        with self._cond:
            self._stepping = False
            self._release()

    def _release(self) -> None:
        # Not paused from now on (``paused`` and ``wait_paused`` say so at once, before
        # the tasks' threads wake).
        self._released |= self._waiting
        self._waiting.clear()
        self._cond.notify_all()

    def set_breakpoints(self, task_ids: Iterable[str]) -> None:
        with self._cond:
            self._breakpoints = set(task_ids)

    def cancel(self) -> None:
        with self._cond:
            self._cancelled = True
            self._cond.notify_all()

    def wait_paused(self, timeout: float | None = None) -> bool:
        """Blocks until some task is paused (tests, the CLI); True when one is."""
        with self._cond:
            return self._cond.wait_for(lambda: bool(self._waiting) or self._cancelled,
                                       timeout)


__all__ = ["PauseGate"]
