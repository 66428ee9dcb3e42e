"""What a run reports while it goes: events delivered to one callback.

The engine calls the callback from its worker threads, one call at a time (it holds a
lock around each call), so a consumer never sees two events at once. A GUI adapts the
callback to queued Qt signals; the CLI prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable


# Events of one iteration of a task in a loop carry ``iteration`` (its indices, outermost
# loop first), ``task`` (the task's id) and ``item`` (the innermost loop's item, as JSON
# text); the task's own events sum its iterations up.


class Kind(str, Enum):
    RUN_STARTED = "run_started"        # data: run_dir, jobs, tasks / task_ids (run order)
    TASK_PAUSED = "task_paused"        # data: inputs (input name -> value as the task gets
                                       # it); the run waits at its PauseGate (gate.py)
    TASK_RESUMED = "task_resumed"      # data: stepping (the gate pauses before the next)
    TASK_STARTED = "task_started"      # data: argv, pid (its process group leader)
    INSTALLING = "installing"          # data: packages (a venv is being built for them)
    LOG = "log"                        # data: stream ("stdout" | "stderr" | "info"), line (no
                                       # newline, at most LINE_LIMIT bytes: longer ones come in
                                       # pieces); cached_run: replayed from that run's log
    WARNING = "warning"                # data: message (the task may not run so on a cluster)
    TASK_FINISHED = "task_finished"    # data: status, outputs, duration, exit_code, error
    TASK_CACHED = "task_cached"        # data: outputs, cache_key, cached_from (run folder),
                                       # cached_run (its id), duration; after its log replay
    TASK_SKIPPED = "task_skipped"      # data: reason, status ("skipped" | "condition_false")
    LOOP_PROGRESS = "loop_progress"    # data: done, total (iterations of the task, a loop's)
    LOOP_ITERATIONS = "loop_iterations"   # data: loop (group id), done, failed, total: the
                                          # iterations of a loop group (all its instances);
                                          # sent when the figures change
    RUN_FINISHED = "run_finished"      # data: status, duration, run_dir


class Status(str, Enum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    CACHED = "cached"
    FAILED = "failed"
    SKIPPED = "skipped"
    CONDITION_FALSE = "condition_false"   # in a branch not taken: "skipped (condition false)"
    CANCELLED = "cancelled"

    @property
    def ok(self) -> bool:
        return self in (Status.SUCCEEDED, Status.CACHED)

    @property
    def fine(self) -> bool:
        """Ended as the pipeline meant: ran, or in a branch not taken."""
        return self.ok or self is Status.CONDITION_FALSE

    @property
    def done(self) -> bool:
        return self not in (Status.PENDING, Status.RUNNING)


@dataclass(frozen=True)
class Event:
    kind: Kind
    task_id: str | None = None
    task_name: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


Callback = Callable[[Event], None]
