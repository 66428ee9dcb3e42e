"""Local execution of a pipeline's compiled programs (no Qt).

Tasks run in dependency order, independent ones in parallel (``jobs`` at a time), each
as its own process tree running the container command and arguments the v1 compiler
emits, with outputs in the run folder. A failed task fails the run and skips what
depends on it (independent branches go on, as on a cluster); cancel and timeouts kill
whole process trees. Progress goes to one callback as Events.

    runner = Runner(pipeline, {"number_1": 1}, RunOptions(jobs=2), on_event=print)
    result = runner.run()          # blocking; runner.cancel() from another thread

A PauseGate (``gate=``) pauses the run before chosen tasks: step-through runs and
breakpoints (gate.py).
"""
from __future__ import annotations

import copy
import json
import math
import os
import queue
import signal
import sys
import threading
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from designer.ir import Constant, OutputRef, Pipeline, Task, errors
from designer.ir.errors import InputError
from designer.ir.model import Concat, RunPlaceholder
from designer.ir.subpipeline_inline import InlineError, inline, located
from designer.ir.importer import ImporterComponent
from designer.ir.volumes import VolumeComponent
from designer.compiler.guard import refuse_unsupported

from . import task_process
from . import local_settings as local_settings_mod
from . import local_importer, local_volume_steps
from .cache import Cache
from .events import Callback, Event, Kind, Status
from .flow import FlowError, chain, compare, condition_text, loop_items, operand, typed
from .instances import Flow, LoopInst, TaskInst, inst_key, summed
from .gate import PauseGate
from .names import cluster_collisions, safe_names
from .procs import ProcessRegistry
from .program import Program, SpecProvider, compiled_spec, program_for
from .records import RunResult, TaskRecord, new_run_dir, write_json
from .task_run import _RUN_VALUES, TaskRunning
from .values import resolve_params
from .venvs import VenvCache

# IR features (designer.ir.features) local runs carry out as a cluster would, or report as
# cluster-only (task resources, node placement...: local_settings.py).
SUPPORTED: frozenset[str] = local_settings_mod.FEATURES | frozenset((
    "arg:concat", "arg:run_placeholder", "volume:create", "volume:delete", "volume:snapshot",
    "importer",
    "group:condition", "group:if", "group:loop", "group:exit_handler", "arg:loop_item",
    "arg:collected", "arg:one_of",
    "container", "container:op", "container:spec", "container:v2", "port:path",
    "port:artifact",
    # (where a cluster's container gets kfp, or an image with the function already in it:
    # a local run runs the function itself, with the packages it installs, from the
    # component's package indexes)
    "component:kfp_package_path", "component:target_image", "component:pip_index_urls"))


def cache_root() -> Path:
    env = os.environ.get("KFP_DESIGNER_CACHE", "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "kfp-designer"


@dataclass
class RunOptions:
    jobs: int | None = None                # None: the CPU count
    timeout: float | None = None           # per task, seconds
    use_cache: bool = True
    runs_dir: Path = Path("runs")          # a run gets runs_dir/<timestamp>-<pipeline>/
    run_dir: Path | None = None            # ...unless given exactly (must not exist or be empty)
    cache_dir: Path | None = None          # default: <cache root>/runs-cache
    venvs_dir: Path | None = None          # default: <cache root>/venvs
    # Folders standing in for claims (PVCs) named in volume mounts, shared across runs.
    volumes_dir: Path | None = None        # default: <cache root>/volumes
    python: str = sys.executable           # base interpreter of the task venvs
    extra_pip_args: tuple[str, ...] = ()
    spec_provider: SpecProvider = compiled_spec
    env: Mapping[str, str] = field(default_factory=dict)   # extra variables for tasks
    # Values of secret / config map keys (local_settings.read_env_file): never in a project.
    env_file: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:  # accept str paths
        for name in ("runs_dir", "run_dir", "cache_dir", "venvs_dir", "volumes_dir"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                setattr(self, name, Path(value).expanduser())
        if self.timeout is not None and not (math.isfinite(self.timeout) and self.timeout > 0):
            raise InputError(f"timeout {self.timeout!r}: give a number of seconds above 0")

    def effective_jobs(self) -> int:
        return max(1, self.jobs or os.cpu_count() or 1)


class _DaemonPool:
    """A minimal thread pool of daemon threads. concurrent.futures' pool joins its
    threads at interpreter exit *before* atexit handlers run, so an app quitting during
    a run would wait for its tasks; with daemon workers the atexit hook in procs kills
    the task processes instead."""

    def __init__(self, workers: int):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, daemon=True, name=f"kfp-task-{i}")
                         for i in range(workers)]
        for t in self._threads:
            t.start()

    def submit(self, fn, *args) -> Future:
        fut: Future = Future()
        self._queue.put((fut, fn, args))
        return fut

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            fut, fn, args = item
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn(*args))
                except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
                    fut.set_exception(e)

    def shutdown(self) -> None:
        for _ in self._threads:
            self._queue.put(None)


class Runner(TaskRunning):
    """One run of one pipeline. Construction checks everything that can be checked
    before running (pipeline errors, parameters, compilation) and raises InputError.
    The run uses a snapshot of the pipeline: editing it meanwhile changes nothing."""

    def __init__(self, pipeline: Pipeline, params: Mapping[str, Any] | None = None,
                 options: RunOptions | None = None, on_event: Callback | None = None,
                 gate: PauseGate | None = None):
        pipeline = copy.deepcopy(pipeline)
        try:    # a sub-pipeline's tasks run in place of the task that runs it
            pipeline = inline(pipeline)
        except InlineError as e:
            raise located(e, "cannot run the pipeline locally") from None
        self.gate = gate
        self.pipeline = pipeline
        self.options = options or RunOptions()
        self._on_event = on_event
        refuse_unsupported(pipeline, SUPPORTED, "cannot run the pipeline locally")
        local_volume_steps.check(pipeline)
        _after_claim_producers(pipeline)
        problems = errors(pipeline)
        if problems:
            raise InputError("the pipeline has errors:\n  " +
                             "\n  ".join(d.message for d in problems))
        self.values = resolve_params(pipeline, params or {})
        for task in pipeline.tasks:
            for arg in task.arguments.values():
                parts = arg.parts if isinstance(arg, Concat) else (arg,)
                for part in parts:
                    if isinstance(part, RunPlaceholder) and part.name not in _RUN_VALUES:
                        raise InputError(f"task `{task.name}`: a local run has no "
                                         f"`{part.name}` to give (it is the cluster's)")
        self.order: list[Task] = pipeline.topological_tasks()
        self.flow = Flow(pipeline)
        self._groups = {g.id: g for g in pipeline.groups}
        self._param_types = {prm.name: prm.annotation for prm in pipeline.params}
        self.local = {t.id: local_settings_mod.local_settings(t, self.values,
                                                              self.options.env_file)
                      for t in self.order}
        self.programs: dict[str, Program] = {}
        for task in self.order:
            comp = pipeline.component_of(task)
            if comp.id not in self.programs and isinstance(comp, VolumeComponent):
                self.programs[comp.id] = local_volume_steps.program(comp)
            elif comp.id not in self.programs and isinstance(comp, ImporterComponent):
                self.programs[comp.id] = local_importer.program(comp)
            elif comp.id not in self.programs:
                try:
                    self.programs[comp.id] = program_for(pipeline, comp,
                                                         self.options.spec_provider)
                except (ValueError, KeyError, TypeError) as e:
                    raise InputError(f"component `{comp.name}` cannot be compiled: {e}") from e
        self._constants = self._serialize_constants()
        # Folder and file names in the run: unique and contained whatever the names are.
        self._folders = safe_names(t.name for t in self.order)
        self._in_names = {cid: safe_names(p.inputs) for cid, p in self.programs.items()}
        self._out_names = {cid: safe_names(p.outputs) for cid, p in self.programs.items()}
        # (task id, message): where the same pipeline would go wrong on a cluster.
        self.warnings: list[tuple[str, str]] = []
        # Task record id -> (template, fields) of a failure the GUI translates (_fail_with).
        self._error_texts: dict[str, tuple[str, dict[str, Any]]] = {}
        for task in self.order:
            program = self.programs[task.component_id]
            for message in (cluster_collisions("outputs", program.outputs)
                            + cluster_collisions("inputs", program.path_inputs)):
                self.warnings.append((task.id, message))
            if self.local[task.id].cluster_only:
                self.warnings.append((task.id, local_settings_mod.cluster_only_message(
                    self.local[task.id].cluster_only)))
        conf = local_settings_mod.conf_cluster_only(pipeline)
        # Pipeline-wide settings with a meaning on a cluster only: said once, at the start.
        self.run_warnings = ([f"pipeline settings: {local_settings_mod.cluster_only_message(conf)}"]
                             if conf else [])
        self._procs = ProcessRegistry()
        self._supervisors = task_process.SupervisorPool()
        self._emit_lock = threading.Lock()
        self._loop_shown: dict[str, tuple[int, int, int]] = {}   # LOOP_ITERATIONS sent
        self._cancel = threading.Event()
        # After a cancel, exit handlers' tasks still run (as on a cluster), under a registry
        # of their own; another cancel request stops them too.
        self._exit_phase = False
        self._cancel_exits = threading.Event()
        self._cancel_requests = 0
        root = cache_root()
        self._cache = Cache(self.options.cache_dir or root / "runs-cache")
        self._venvs = VenvCache(self.options.venvs_dir or root / "venvs", self.options.python,
                                tuple(self.options.extra_pip_args))
        self._volumes_dir = self.options.volumes_dir or root / "volumes"
        self._claims: dict[str, Path] = {}     # claims this run's CreatePVC steps made
        self.result: RunResult | None = None

    def _serialize_constants(self) -> dict[str, dict[str, str]]:
        """Constant arguments as the compiler bakes them into a workflow (kfp's
        serialize_value for the input's type); a value kfp would refuse is refused here."""
        from designer.compiler.v1_types import SerializationError, serialize_value
        out: dict[str, dict[str, str]] = {}
        for task in self.order:
            spec_inputs = self.programs[task.component_id].inputs
            out[task.id] = {}
            for name, arg in task.arguments.items():
                if isinstance(arg, Constant) and arg.value is not None:
                    try:
                        out[task.id][name] = serialize_value(
                            arg.value, spec_inputs.get(name, {}).get("type"))
                    except SerializationError as e:
                        raise InputError(f"task `{task.name}`, input `{name}`: {e}") from None
        return out

    # --- control -------------------------------------------------------------------------

    def cancel(self, wait: bool = True) -> None:
        """Stops the run: kills every running task's process tree, starts nothing new.
        Safe from any thread, and before or after run(). ``wait=False`` returns at once
        (signal handlers): the killing goes on in a thread, and a second such request
        kills without the grace period."""
        if self._exit_phase:   # a request while exit handlers run after a cancel stops them
            self._cancel_exits.set()
        self._cancel.set()
        self._cancel_requests += 1
        if self.gate is not None:
            self.gate.cancel()   # a task paused before it starts is not started
        if wait:
            self._procs.cancel()
            return
        grace = None if self._cancel_requests == 1 else 0.0
        threading.Thread(target=self._procs.cancel, args=(grace,), daemon=True,
                         name="kfp-cancel").start()

    def start(self) -> threading.Thread:
        """run() in a daemon thread (the result lands in ``self.result``), for GUIs: an
        app that quits mid-run does not wait for it, and its tasks are killed at exit."""
        thread = threading.Thread(target=self.run, daemon=True, name="kfp-run")
        thread.start()
        return thread

    @property
    def cancelled(self) -> bool:
        """Whether what runs now is to stop: the run's cancel, or during the exit handlers
        that run after it, a further cancel request."""
        return self._cancel_exits.is_set() if self._exit_phase else self._cancel.is_set()

    def _emit(self, kind: Kind, task: TaskRecord | None = None, **data: Any) -> None:
        if self._on_event is None:
            return
        if task is not None and task.iteration:
            data = dict(self._iteration_data(task), **data)
        event = Event(kind, task.id if task else None, task.shown if task else None, data)
        with self._emit_lock:
            self._deliver(event)

    def _emit_lines(self, rec: TaskRecord, stream: str, lines: list[str],
                    **extra: Any) -> None:
        """LOG events for ``lines``, none of another task's in between."""
        if self._on_event is None:
            return
        with self._emit_lock:
            for line in lines:
                self._deliver(Event(Kind.LOG, rec.id, rec.shown,
                                    dict(extra, stream=stream, line=line)))

    def _deliver(self, event: Event) -> None:
        try:
            self._on_event(event)  # type: ignore[misc]
        except Exception:  # a broken consumer must not break the run
            traceback.print_exc()

    # --- the run -------------------------------------------------------------------------

    def run(self) -> RunResult:
        """Runs every task; the run folder's run.json says how it ended whatever happens
        (Ctrl+C included: on the main thread it cancels the run, as Runner.cancel does)."""
        restore = self._take_sigint()
        try:
            return self._run()
        finally:
            restore()

    def _take_sigint(self):
        """Ctrl+C as a cancel request while run() goes, when nobody else handles it: a
        KeyboardInterrupt could strike anywhere in the scheduler and lose track of a task."""
        if threading.current_thread() is not threading.main_thread() or \
                signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return lambda: None

        def on_sigint(signum, frame):  # noqa: ARG001
            if self.result is not None:
                self.result.interrupted = True
            self.cancel(wait=False)

        signal.signal(signal.SIGINT, on_sigint)
        return lambda: signal.signal(signal.SIGINT, signal.default_int_handler)

    def _run(self) -> RunResult:
        opts = self.options
        run_dir = self._make_run_dir()
        result = RunResult(run_dir, self.pipeline.name, params=dict(self.values))
        self.result = result
        for task in self.order:
            comp = self.pipeline.component_of(task)
            result.tasks[task.id] = TaskRecord(task.id, task.name, comp.name,
                                               task.upstream_ids(),
                                               display_name=task.settings.display_name)
        started = time.monotonic()
        pool: _DaemonPool | None = None
        try:
            self._write_pipeline_yaml(run_dir)
            write_json(run_dir / "run.json", result.to_json())
            jobs = opts.effective_jobs()
            self._emit(Kind.RUN_STARTED, run_dir=str(run_dir), jobs=jobs,
                       tasks=[result.tasks[t.id].shown for t in self.order],
                       task_ids=[t.id for t in self.order])
            for message in self.run_warnings:
                self._emit(Kind.WARNING, message=message)
            for task_id, message in self.warnings:
                self._emit(Kind.WARNING, result.tasks[task_id], message=message)
            for task in self.flow.tasks_in_loop(None):
                self.flow.tasks[task.id] = TaskInst(task, (), {}, result.tasks[task.id])
            for loop in self.flow.nested_loops(None):
                self.flow.loops[(loop, ())] = LoopInst(loop, (), {})
            running: dict[Future, str] = {}
            pool = _DaemonPool(jobs)
            while self._schedule(pool, running):
                pass
            if self._cancel.is_set() and not self._cancel_exits.is_set():
                self._run_exit_handlers(pool, running)
            for rec in list(result.tasks.values()):
                if rec.status == Status.PENDING:
                    self._skip(rec, "the run was cancelled")
            self._loop_figures()
        finally:
            if pool is not None:
                pool.shutdown()
            self._supervisors.close()
            result.duration = time.monotonic() - started
            statuses = [r.status for r in result.tasks.values()]
            if self._cancel.is_set():
                result.status = Status.CANCELLED
            elif all(s.fine for s in statuses):
                result.status = Status.SUCCEEDED
            else:
                result.status = Status.FAILED
            write_json(run_dir / "run.json", result.to_json())
        self._emit(Kind.RUN_FINISHED, status=result.status.value, duration=result.duration,
                   run_dir=str(run_dir))
        return result

    def _schedule(self, pool: _DaemonPool, running: dict[Future, str]) -> bool:
        """Expands loops whose items are known, ends what cannot run, starts every ready
        task instance; waits for one to end. False when nothing is left."""
        flow = self.flow
        progress = True
        while progress and not self.cancelled:
            progress = self._expand_loops()
            for key, inst in list(flow.tasks.items()):
                if inst.rec.status != Status.PENDING or not self._room_in_loops(inst):
                    continue
                verdict = self._verdict(inst)
                if verdict is None:
                    continue
                if verdict is not True:
                    self._skip(inst.rec, verdict[1], verdict[0])
                    progress = True
                    continue
                inst.rec.status = Status.RUNNING
                self._template_started(inst)
                running[pool.submit(self._run_task, inst)] = key
            self._finish_templates()
        self._loop_figures()
        if not running:
            self._finish_templates()
            return False
        done, _ = wait(list(running), return_when=FIRST_COMPLETED)
        for fut in done:
            inst = flow.tasks[running.pop(fut)]
            exc = fut.exception()
            if exc is not None:  # a bug in the engine: record it rather than hang
                inst.rec.status, inst.rec.error = Status.FAILED, f"runner error: {exc!r}"
                self._finish_record(inst.rec)
            if inst.path:
                its = self.flow.iterations(inst.task.id)
                self._emit(Kind.LOOP_PROGRESS, self.result.tasks[inst.task.id],  # type: ignore
                           done=sum(1 for i in its if i.rec.status.done), total=len(its))
        self._loop_figures()
        return True

    def _run_exit_handlers(self, pool: _DaemonPool, running: dict[Future, str]) -> None:
        """After a cancel: what waits ends as cancelled, then the exit tasks of the handlers
        run, as a cluster runs them when a run is stopped."""
        exits = {g.exit_task for g in self.pipeline.groups if g.kind == "exit_handler"}
        pending = [i for i in self.flow.tasks.values()
                   if i.rec.status == Status.PENDING and i.task.id in exits]
        if not pending:
            return
        for inst in list(self.flow.tasks.values()):
            if inst.rec.status == Status.PENDING and inst.task.id not in exits:
                self._skip(inst.rec, "the run was cancelled")
        for li in self.flow.loops.values():
            if not li.expanded and li.status is None:
                li.status, li.reason = Status.SKIPPED, "the run was cancelled"
        self._procs = ProcessRegistry()
        self._exit_phase = True
        if self._cancel_requests > 1:     # asked twice already: stop everything
            self._cancel_exits.set()
        while self._schedule(pool, running):
            pass

    def _room_in_loops(self, inst: TaskInst) -> bool:
        """Below every loop's ``parallelism``, counting the iterations running now."""
        for depth, loop in enumerate(self.flow.loops_of(inst.task.id)):
            limit = self._groups[loop].parallelism
            if limit and self.flow.running_in(loop, inst.path[:depth]) >= limit:
                return False
        return True

    def _verdict(self, inst: TaskInst) -> bool | tuple[Status, str] | None:
        """None: wait; True: run it; else (status, reason) it ends with unrun."""
        deps = self.flow.deps(inst)
        states = [(self.flow.status(target), mode, u) for target, mode, u in deps]
        if any(not s.done for s, _, _ in states):
            return None
        oneof_ran = False
        oneof = False
        for s, mode, u in states:
            name = self.pipeline.task(u).name  # type: ignore[union-attr]
            if mode == "exit":
                continue
            if mode == "oneof":
                oneof, oneof_ran = True, oneof_ran or s.ok
                continue
            if s.ok or (mode == "after" and s == Status.CONDITION_FALSE):
                continue
            if s == Status.CONDITION_FALSE:
                return (Status.CONDITION_FALSE, f"upstream task `{name}` did not run")
            what = "was cancelled" if s == Status.CANCELLED else s.value
            return (Status.SKIPPED, f"upstream task `{name}` {what}")
        if oneof and not oneof_ran:
            return (Status.SKIPPED, "no branch of its dsl.OneOf ran")
        try:
            failed = self._false_condition(inst)
        except (FlowError, OSError) as e:
            return (Status.FAILED, f"its condition cannot be evaluated: {e}")
        return True if failed is None else (Status.CONDITION_FALSE, failed)

    def _false_condition(self, inst: TaskInst) -> str | None:
        """The first condition around the task that does not hold, in words; None: all do."""
        for group in self.flow.shape[inst.task.id].conditions:
            for g, wanted in chain(self.pipeline, group):
                cond = g.condition
                if cond is None:
                    continue
                loops = self.flow.loops_of(inst.task.id)
                left, right = (operand(a, self.values, self._param_types,
                                       lambda r: self._typed_output(r, loops, inst.path),
                                       inst.items) for a in (cond.left, cond.right))
                if compare(left, cond.operator, right) != wanted:
                    text = condition_text(cond, left, right)
                    return (f"`{text}` is false" if wanted else
                            f"an earlier branch ran (`{text}` is true)")
        return None

    def _typed_output(self, ref: OutputRef, loops: tuple[str, ...],
                      path: tuple[int, ...]) -> Any:
        kind, key = self.flow.target(ref.task_id, loops, path)
        if kind != "task":
            raise FlowError(f"`{ref.output}` of a task in a loop is a list of values here")
        return self._typed(self.flow.tasks[key].rec, ref)

    def _typed(self, rec: TaskRecord, ref: OutputRef) -> Any:
        text = Path(rec.output_files[ref.output]).read_bytes().decode("utf-8", "surrogateescape")
        task = self.pipeline.task(ref.task_id)
        comp = self.pipeline.component_of(task)  # type: ignore[arg-type]
        spec = next((o for o in comp.signature.outputs if o.name == ref.output), None)
        return typed(text, spec and (spec.annotation or spec.type))

    def _expand_loops(self) -> bool:
        """Expands every loop instance whose items are known now; True when one changed."""
        changed = False
        for li in list(self.flow.loops.values()):
            if li.expanded or li.status is not None:
                continue
            states = [(self.flow.status(t), u) for t, _, u in self.flow.loop_deps(li)]
            if any(not s.done for s, _ in states):
                continue
            changed = True
            bad = next(((s, u) for s, u in states if not s.ok), None)
            if bad is not None:
                name = self.pipeline.task(bad[1]).name  # type: ignore[union-attr]
                li.status = Status.CONDITION_FALSE if bad[0] == Status.CONDITION_FALSE \
                    else Status.SKIPPED
                li.reason = f"the loop's items come from task `{name}`, which did not run"
                continue
            group = self._groups[li.loop]
            try:
                items = loop_items(operand(
                    group.items, self.values, self._param_types,
                    lambda r: self._typed_output(r, tuple(li.items), li.path), li.items))
            except (FlowError, OSError) as e:
                li.status, li.reason = Status.FAILED, f"loop items: {e}"
                continue
            li.expanded, li.count = True, len(items)
            for i, item in enumerate(items):
                path, scope = li.path + (i,), dict(li.items, **{li.loop: item})
                for task in self.flow.tasks_in_loop(li.loop):
                    self._add_iteration(task, path, scope)
                for nested in self.flow.nested_loops(li.loop):
                    self.flow.loops[(nested, path)] = LoopInst(nested, path, scope)
        return changed

    def _add_iteration(self, task: Task, path: tuple[int, ...], items: dict[str, Any]) -> None:
        assert self.result is not None
        template = self.result.tasks[task.id]
        key = inst_key(task.id, path)
        rec = TaskRecord(key, task.name, template.component, template.upstream,
                         display_name=template.display_name, iteration=list(path),
                         task=task.id)
        self.result.tasks[key] = rec
        self.flow.tasks[key] = TaskInst(task, path, items, rec)

    def _template_started(self, inst: TaskInst) -> None:
        """A task in loops is running from its first iteration on."""
        if not inst.path:
            return
        template = self.result.tasks[inst.task.id]  # type: ignore[union-attr]
        if template.status == Status.PENDING:
            template.status, template.started = Status.RUNNING, time.time()
            self._emit(Kind.TASK_STARTED, template, argv=[], pid=None)

    def _finish_templates(self) -> None:
        """Sums up the iterations of tasks in loops whose outermost loop is over."""
        assert self.result is not None
        for task in self.order:
            loops = self.flow.loops_of(task.id)
            template = self.result.tasks[task.id]
            if not loops or template.status.done:
                continue
            outer = self.flow.loops.get((loops[0], ()))
            if outer is None or not self.flow.loop_status(loops[0], ()).done:
                continue
            its = self.flow.iterations(task.id)
            if not its:
                reasons = [li.reason for li in self.flow.loops.values()
                           if li.reason and li.loop in loops]
                status = next((li.status for li in self.flow.loops.values()
                               if li.status is not None and li.loop in loops), Status.SUCCEEDED)
                if status != Status.SUCCEEDED:
                    self._skip(template, reasons[0] if reasons else "its loop did not run",
                               status if status != Status.FAILED else Status.SKIPPED)
                    continue
            template.status = summed([i.rec.status for i in its])
            template.finished = time.time()
            template.duration = (template.finished - template.started
                                 if template.started else 0.0)
            template.outputs = {}
            failed = next((i.rec for i in its if i.rec.status == template.status
                           and i.rec.error), None)
            template.error = f"iteration {failed.shown}: {failed.error}" if failed and \
                not template.status.ok else None
            self._emit(Kind.TASK_FINISHED, template, status=template.status.value,
                       outputs={}, duration=template.duration, exit_code=None,
                       error=template.error, iterations=len(its))

    def _iteration_data(self, rec: TaskRecord) -> dict[str, Any]:
        if not rec.iteration:
            return {}
        data: dict[str, Any] = {"iteration": list(rec.iteration), "task": rec.task}
        inst = self.flow.tasks.get(rec.id)
        loops = self.flow.loops_of(inst.task.id) if inst is not None else ()
        if inst is not None and loops and loops[-1] in inst.items:
            data["item"] = json.dumps(inst.items[loops[-1]], default=str)
        return data

    def _loop_figures(self) -> None:
        """LOOP_ITERATIONS for every loop whose (done, failed, total) changed."""
        for loop in {lid for lid, _ in self.flow.loops}:
            figures = self.flow.loop_progress(loop)
            if self._loop_shown.get(loop) != figures and figures[2]:
                self._loop_shown[loop] = figures
                done, failed, total = figures
                self._emit(Kind.LOOP_ITERATIONS, loop=loop, done=done, failed=failed,
                           total=total)


    def _make_run_dir(self) -> Path:
        opts = self.options
        path = Path(opts.runs_dir if opts.run_dir is None else opts.run_dir)
        try:
            if opts.run_dir is None:
                return new_run_dir(path, self.pipeline.name).resolve()
            path.mkdir(parents=True, exist_ok=True)
            if any(path.iterdir()):
                raise InputError("the run folder is not empty", str(path))
            return path.resolve()
        except OSError as e:  # read-only, a file in the way, no space: nothing has run
            raise InputError(f"cannot make the run folder: {e.strerror or e}",
                             str(e.filename or path)) from None

    def _write_pipeline_yaml(self, run_dir: Path) -> None:
        # What a cluster would run, for the person reading the run folder. Best effort: the
        # run itself depends only on the component specs.
        try:
            from designer.compiler.v1 import compile_v1
            (run_dir / "pipeline.yaml").write_text(compile_v1(self.pipeline))
        except Exception:  # noqa: BLE001 - an unreadable extra must not stop the run
            pass

    def _skip(self, rec: TaskRecord, reason: str,
              status: Status = Status.SKIPPED) -> None:
        rec.status, rec.error = status, reason
        self._finish_record(rec)
        self._emit(Kind.TASK_SKIPPED, rec, reason=reason, status=status.value)

    def _finish_record(self, rec: TaskRecord) -> None:
        if rec.folder:
            try:
                write_json(Path(rec.folder) / "task.json", rec.to_json())
            except OSError:
                pass


def _after_claim_producers(pipeline: Pipeline) -> None:
    """A task mounting a claim a task output names runs after that task (kfp-kubernetes'
    ``mount_pvc`` adds the ``.after``; the runner schedules by arguments and ``after``)."""
    ids = {t.id for t in pipeline.tasks}
    for task in pipeline.tasks:
        for m in task.settings.volumes:
            producer = m.name.task_id if isinstance(m.name, OutputRef) else m.volume_task
            if producer in ids and producer not in task.after and producer != task.id:
                task.after.append(producer)
