"""The Qt side of a local run: engine events (from worker threads) -> signals on the GUI thread.

The engine calls its callback from worker threads. This adapter only appends each event
to a locked inbox and, when the inbox was empty, wakes the GUI thread with a queued
signal; the GUI thread then handles every pending event in one go. A task printing
thousands of lines a second so costs a few wake-ups, not one queued call per line, and
the window keeps painting. Stopping kills process trees (with a grace period), so it
runs off the GUI thread too.

    controller = RunController(lambda: RunOptions(runs_dir=...))
    controller.task_changed.connect(...)
    controller.start(pipeline, {"number_1": 1, "number_2": 2})
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from designer.ir import InputError, Pipeline
from designer.runner import Event, Kind, Runner, RunOptions, cache_root
from designer.runner.gate import PauseGate

# The states a task shows, in the order a legend lists them. "cancelled" is the engine's
# word for a task killed by Stop.
# "condition_false": in a branch not taken ("skipped (condition false)").
STATES = ("pending", "paused", "running", "succeeded", "cached", "failed", "skipped",
          "condition_false", "cancelled")
DONE_STATES = frozenset(("succeeded", "cached", "failed", "skipped", "condition_false",
                         "cancelled"))
# Events handled per turn of the event loop: a flood of log lines is worked off in
# slices, with painting and input in between.
EVENTS_PER_TURN = 2000


def default_options() -> RunOptions:
    """Run folders of the GUI go under the cache root (KFP_DESIGNER_CACHE respected),
    not the process's working directory, which for a desktop app means nothing."""
    return RunOptions(runs_dir=cache_root() / "runs")


@dataclass
class TaskRun:
    """What the GUI knows of one task of a run."""
    id: str
    name: str
    state: str = "pending"
    started: float | None = None        # time.monotonic() on the GUI side, for elapsed time
    duration: float | None = None       # seconds, from the engine
    outputs: dict[str, str] = field(default_factory=dict)
    output_files: dict[str, str] = field(default_factory=dict)   # name -> file (run folder)
    error: str | None = None            # failure message or skip reason
    installing: bool = False            # a venv is being built for it
    cached_run: str | None = None       # cached: the id of the run that made its outputs
    inputs: dict[str, str] | None = None   # paused before it: the values its inputs get
    # One iteration of a task in loops: the task's id, the indices (outermost loop first)
    # and the innermost loop's item (JSON text). None / () for a task itself.
    parent: str | None = None
    iteration: tuple[int, ...] = ()
    item: str | None = None


@dataclass(frozen=True)
class LoopRun:
    """Iterations of one loop group (all its instances), as the engine counts them."""
    done: int = 0
    failed: int = 0
    total: int = 0


@dataclass
class RunInfo:
    """The current (or last) run as the GUI sees it."""
    pipeline: str
    params: dict[str, Any]
    run_dir: str | None = None
    status: str = "running"             # then succeeded | failed | cancelled
    order: list[str] = field(default_factory=list)          # task ids, run order
    tasks: dict[str, TaskRun] = field(default_factory=dict)
    # Iterations of tasks in loops, by instance key (``task#0.1``), in the order they
    # became known; each names its task in ``parent``.
    iterations: dict[str, TaskRun] = field(default_factory=dict)
    loops: dict[str, LoopRun] = field(default_factory=dict)   # loop group id -> figures
    started: float = field(default_factory=time.monotonic)
    duration: float | None = None
    error: str | None = None            # why the run itself broke (not a task's failure)
    stepping: bool = False              # a step-through run (Run ▸ Step)

    @property
    def done(self) -> bool:
        return self.status != "running"

    def task_run(self, key: str) -> TaskRun | None:
        """A task or one iteration of it."""
        return self.tasks.get(key) or self.iterations.get(key)

    def iterations_of(self, task_id: str) -> list[TaskRun]:
        return sorted((t for t in self.iterations.values() if t.parent == task_id),
                      key=lambda t: t.iteration)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.tasks.values():
            out[t.state] = out.get(t.state, 0) + 1
        return out


class _Inbox:
    """Events from the engine's threads, waiting for the GUI thread."""

    def __init__(self, wake: Callable[[], None]):
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._wake: Callable[[], None] | None = wake

    def put(self, event: Event) -> None:   # engine thread
        with self._lock:
            if self._wake is None:          # closed: the window is gone or a new run began
                return
            first = not self._events
            self._events.append(event)
            wake = self._wake
        if first:
            wake()

    def take(self, limit: int) -> tuple[list[Event], bool]:   # GUI thread
        """Up to ``limit`` events, and whether more are waiting."""
        with self._lock:
            events = self._events[:limit]
            del self._events[:limit]
            return events, bool(self._events)

    def close(self) -> None:
        with self._lock:
            self._wake = None
            self._events = []


class RunController(QObject):
    """Starts, stops and follows one run at a time; every signal fires on the GUI thread.

    - ``started(RunInfo)``: the run began, every task pending.
    - ``run_dir_known(path)``: the engine made the run folder.
    - ``task_changed(task_id, state)``: one of STATES; details in ``info.task_run(task_id)``
      ("paused": the run waits before the task, its input values in ``.inputs``, until
      ``step()`` or ``resume()``). ``task_id`` is an iteration's key (``task#0.1``) for
      one iteration of a task in loops (``.parent`` names the task).
    - ``loop_changed(group_id)``: a loop's figures changed (``info.loops[group_id]``).
    - ``log_lines(list)``: ``(task_id, task_name, stream, line)`` tuples, in arrival order.
    - ``finished(RunInfo)``: the run ended (``info.status``).
    - ``failed(message)``: the run could not start (bad parameters, pipeline errors).
    - ``running_changed(bool)``.
    """

    started = Signal(object)
    run_dir_known = Signal(str)
    task_changed = Signal(str, str)
    loop_changed = Signal(str)
    log_lines = Signal(list)
    finished = Signal(object)
    failed = Signal(str)
    running_changed = Signal(bool)
    _wake = Signal()

    def __init__(self, options_factory: Callable[[], RunOptions] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.options_factory = options_factory or default_options
        self.use_cache = True
        self.info: RunInfo | None = None
        self.last_pipeline: Pipeline | None = None
        self.last_params: dict[str, Any] | None = None
        self._last_env_file: dict[str, str] = {}
        self._runner: Runner | None = None
        self._thread: threading.Thread | None = None
        self._inbox: _Inbox | None = None
        self.gate: PauseGate | None = None
        self.breakpoints: set[str] = set()   # task ids a run pauses before
        # Queued even though sender and receiver are this object: the engine emits from
        # its own threads and the slot must run on the thread this object lives in.
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    # --- control ------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self._runner is not None

    @property
    def paused(self) -> list[str]:
        """The tasks the run waits before now."""
        info = self.info
        if info is None or info.done:
            return []
        return [tid for tid in info.order if info.tasks[tid].state == "paused"] + \
            [key for key, it in info.iterations.items() if it.state == "paused"]

    def start(self, pipeline: Pipeline, params: dict[str, Any],
              env_file: dict[str, str] | None = None, step: bool = False) -> bool:
        """Starts a run of a snapshot of ``pipeline``; False (and ``failed``) when it cannot.
        ``env_file``: values of the secrets / config map keys tasks read (kept in memory
        for Re-run, never written anywhere). ``step``: pause before every task (one task at
        a time); a run pauses before the tasks in ``breakpoints`` in any case.

        Everything that can be refused (pipeline errors, parameter types, compilation)
        is refused here, before anything runs.
        """
        if self.is_running:
            self.failed.emit(self.tr("A run is already in progress: stop it first."))
            return False
        options = self.options_factory()
        options.use_cache = options.use_cache and self.use_cache
        if step:
            options.jobs = 1   # one task at a time: the next one is the one shown
        if env_file is None and pipeline is self.last_pipeline:
            env_file = self._last_env_file
        options.env_file = dict(env_file or {})
        inbox = _Inbox(self._wake.emit)
        gate = PauseGate(step=step, breakpoints=self.breakpoints)
        try:
            runner = Runner(pipeline, params, options, on_event=inbox.put, gate=gate)
        except InputError as e:
            inbox.close()
            self.failed.emit(str(e))
            return False
        self.last_pipeline, self.last_params = pipeline, dict(params)
        self._last_env_file = dict(options.env_file)
        self.info = RunInfo(pipeline.name, dict(params), stepping=step)
        self.gate = gate
        for task in runner.order:
            self.info.order.append(task.id)
            self.info.tasks[task.id] = TaskRun(task.id,
                                               task.settings.display_name or task.name)
        self._inbox, self._runner = inbox, runner
        self._thread = threading.Thread(target=_run, args=(runner, inbox), daemon=True,
                                        name="kfp-run")
        self._thread.start()
        self.started.emit(self.info)
        self.running_changed.emit(True)
        return True

    def rerun(self, pipeline: Pipeline | None = None) -> bool:
        """The last run's parameter values again, on ``pipeline`` (default: the last one)."""
        pipeline = pipeline or self.last_pipeline
        if pipeline is None or self.last_params is None:
            self.failed.emit(self.tr("Nothing to re-run yet: run the pipeline first."))
            return False
        return self.start(pipeline, self.last_params, self._last_env_file)

    def step(self) -> None:
        """The paused task runs; the run pauses again before the next one."""
        if self.gate is not None and self.is_running:
            self.gate.step()
            if self.info is not None:
                self.info.stepping = True

    def resume(self) -> None:
        """Continue: the paused task and the rest run, pausing only at breakpoints."""
        if self.gate is not None and self.is_running:
            self.gate.resume()
            if self.info is not None:
                self.info.stepping = False

    def set_breakpoints(self, task_ids) -> None:
        """Tasks to pause before, for this run (at once) and the next ones."""
        self.breakpoints = set(task_ids)
        if self.gate is not None:
            self.gate.set_breakpoints(self.breakpoints)

    def stop(self) -> None:
        """Asks the run to stop; ``finished`` follows once its processes are gone."""
        runner = self._runner
        if runner is not None and not runner.cancelled:
            # cancel() kills process trees with a grace period: never on the GUI thread.
            threading.Thread(target=runner.cancel, daemon=True, name="kfp-cancel").start()

    def shutdown(self) -> None:
        """The window is closing: stop the run and ignore whatever it still reports."""
        self.stop()
        if self._inbox is not None:
            self._inbox.close()
        if self._runner is not None:
            self._runner = None
            self.running_changed.emit(False)

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the run thread ends (tests, shutdown); True when it did."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    # --- events, on the GUI thread ------------------------------------------------------

    def _drain(self) -> None:
        inbox = self._inbox
        if inbox is None:
            return
        lines: list[tuple[str, str, str, str]] = []
        events, more = inbox.take(EVENTS_PER_TURN)
        if more:  # put() wakes only an empty inbox: come back for the rest
            QTimer.singleShot(0, self._drain)
        for event in events:
            if event.kind == Kind.LOG:
                lines += self._log_lines(event)
                continue
            if event.kind == Kind.WARNING:
                lines.append((event.task_id or "", event.task_name or "", "warning",
                              self.tr("warning: {message}").format(
                                  message=event.data.get("message", ""))))
                continue
            if lines:  # keep the order: a task's lines come before its end
                self.log_lines.emit(lines)
                lines = []
            self._handle(event)
        if lines:
            self.log_lines.emit(lines)

    def _log_lines(self, event: Event) -> list[tuple[str, str, str, str]]:
        """A LOG event as panel lines. A line replayed from the cache gets the stream
        ``cached-stdout``/``cached-stderr``, and the first of a task is announced."""
        tid, name, d = event.task_id or "", event.task_name or "", event.data
        stream, line = d.get("stream", "stdout"), d.get("line", "")
        cached_run = d.get("cached_run")
        if not cached_run:
            return [(tid, name, stream, line)]
        out = []
        task = self.info.tasks.get(tid) if self.info is not None else None
        if task is not None and task.cached_run is None:
            task.cached_run = cached_run
            out.append((tid, name, "info",
                        self.tr("cached from run {run}; its log:").format(run=cached_run)))
        out.append((tid, name, f"cached-{stream}", line))
        return out

    def _handle(self, event: Event) -> None:
        info = self.info
        if info is None:
            return
        d = event.data
        task = info.task_run(event.task_id or "")
        if task is None and d.get("iteration") and d.get("task") in info.tasks:
            task = info.iterations[event.task_id or ""] = TaskRun(
                event.task_id or "", event.task_name or "", parent=d["task"],
                iteration=tuple(d["iteration"]), item=d.get("item"))
        if event.kind == Kind.LOOP_ITERATIONS:
            info.loops[d["loop"]] = LoopRun(d["done"], d["failed"], d["total"])
            self.loop_changed.emit(d["loop"])
        elif event.kind == Kind.RUN_STARTED:
            info.run_dir = d.get("run_dir")
            if info.run_dir:
                self.run_dir_known.emit(info.run_dir)
        elif event.kind == Kind.RUN_FINISHED:
            info.status = str(d.get("status", "failed"))
            info.duration = d.get("duration")
            info.error = d.get("error")
            info.run_dir = d.get("run_dir") or info.run_dir
            self._runner = None
            if self._inbox is not None:
                self._inbox.close()
            self.running_changed.emit(False)
            self.finished.emit(info)
        elif task is None:
            return
        elif event.kind == Kind.TASK_PAUSED:
            task.state, task.inputs = "paused", dict(d.get("inputs") or {})
            self.task_changed.emit(task.id, task.state)
        elif event.kind == Kind.TASK_RESUMED:
            task.state, task.started = "running", time.monotonic()
            self.task_changed.emit(task.id, task.state)
        elif event.kind in (Kind.TASK_STARTED, Kind.INSTALLING):
            task.installing = event.kind == Kind.INSTALLING
            if task.state != "running":
                task.state, task.started = "running", time.monotonic()
                self.task_changed.emit(task.id, task.state)
            if task.installing:
                packages = " ".join(d.get("packages", []))
                self.log_lines.emit([(task.id, task.name, "info",
                                      self.tr("installing {packages} into a cached virtual "
                                              "environment…").format(packages=packages))])
        elif event.kind in (Kind.TASK_FINISHED, Kind.TASK_CACHED):
            task.state = "cached" if event.kind == Kind.TASK_CACHED else str(d.get("status"))
            if event.kind == Kind.TASK_CACHED:
                task.cached_run = d.get("cached_run") or task.cached_run
            task.duration = d.get("duration")
            task.outputs = dict(d.get("outputs") or {})
            task.output_files = dict(d.get("output_files") or {})
            task.error = d.get("error")
            if d.get("error_template"):   # a runner sentence marked for translation
                task.error = QCoreApplication.translate(
                    "Runner", d["error_template"]).format(**d.get("error_args") or {})
            task.installing = False
            self.task_changed.emit(task.id, task.state)
        elif event.kind == Kind.TASK_SKIPPED:
            task.state, task.error = str(d.get("status") or "skipped"), d.get("reason")
            self.task_changed.emit(task.id, task.state)


def _run(runner: Runner, inbox: _Inbox) -> None:
    """The run thread. Daemon, like Runner.start(): quitting mid-run does not wait, and the
    engine's exit hook kills the tasks. An engine error still ends the run for the GUI."""
    try:
        runner.run()
    except Exception as e:  # noqa: BLE001 - shown in the panel instead of a silent hang
        inbox.put(Event(Kind.RUN_FINISHED, data={
            "status": "failed", "error": f"{type(e).__name__}: {e}",
            "run_dir": str(runner.result.run_dir) if runner.result else None}))


def run_folder(info: RunInfo | None) -> Path | None:
    return Path(info.run_dir) if info is not None and info.run_dir else None


__all__ = ["RunController", "RunInfo", "TaskRun", "LoopRun", "STATES", "DONE_STATES", "default_options",
           "run_folder"]
