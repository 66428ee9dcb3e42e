"""One task of a run (no Qt): its arguments, its program launched (or its container under
a runtime, containers.py), its attempts with retries, its outputs collected, cached and
restored. A mixin of engine.Runner, which owns the run as a whole; split from it by what
each owns.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path
from typing import Any, Mapping

from designer.ir import Constant, OutputRef, ParamRef
from designer.ir.errors import InputError
from designer.ir.model import Collected, Concat, LoopItem, OneOf, RunPlaceholder
from designer.ir.importer import OUTPUT, URI, ImporterComponent
from designer.ir.volumes import VolumeComponent

from . import (containers, launch, local_importer, local_volume_steps, local_volumes,
               task_process)
from . import local_settings as local_settings_mod
from .cache import LOG_LIMIT, LogLine, cache_key
from .events import Kind, Status
from .flow import item_field
from .instances import TaskInst
from .program import Program, resolve
from .records import TaskRecord
from .v2_program import METADATA
from .values import serialize
from .venvs import InstallError

# Variables that would point a task's Python at the user's environment.
_SCRUBBED_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONUSERBASE",
                 "__PYVENV_LAUNCHER__", "CONDA_PREFIX")


class TaskRunning:
    """The task half of Runner (engine.py): everything here runs on a pool thread for one
    task instance, using the run's state that Runner sets up."""

    # --- one task ------------------------------------------------------------------------

    def _run_task(self, inst: TaskInst) -> None:
        task, rec = inst.task, inst.rec
        if not self._pass_gate(inst):
            rec.status, rec.error = Status.CANCELLED, "cancelled"
            self._finish_record(rec)
            self._emit(Kind.TASK_FINISHED, rec, status=rec.status.value, outputs={},
                       duration=0.0, exit_code=None, error=rec.error)
            return
        t0 = time.monotonic()
        rec.started = time.time()
        assert self.result is not None
        # An iteration's folder: the task's, then its indices (``add-0``, ``add-1-3``).
        folder = self.result.run_dir / "tasks" / "-".join(
            [self._folders[task.name]] + [str(i) for i in inst.path])
        rec.folder = str(folder)
        try:
            (folder / "outputs").mkdir(parents=True, exist_ok=True)
            (folder / "tmp").mkdir(exist_ok=True)
            self._run_task_in(inst, folder)
        except InstallError as e:
            rec.status, rec.error = Status.FAILED, str(e)
        except Exception as e:  # noqa: BLE001 - any failure is this task's, with its message
            rec.status, rec.error = Status.FAILED, f"{type(e).__name__}: {e}"
        if self.cancelled and not rec.status.ok:
            rec.status = Status.CANCELLED
            rec.error = rec.error if rec.error and "timed out" in rec.error else "cancelled"
        rec.finished = time.time()
        rec.duration = time.monotonic() - t0
        self._finish_record(rec)
        if rec.status == Status.CACHED:
            self._emit(Kind.TASK_CACHED, rec, outputs=dict(rec.outputs),
                       output_files=dict(rec.output_files),
                       cache_key=rec.cache_key, cached_from=rec.cached_from,
                       cached_run=run_id(rec.cached_from), duration=rec.duration)
        else:
            template, args = self._error_texts.get(rec.id, (None, {}))
            self._emit(Kind.TASK_FINISHED, rec, status=rec.status.value,
                       outputs=dict(rec.outputs), duration=rec.duration,
                       exit_code=rec.exit_code, error=rec.error,
                       output_files=dict(rec.output_files),
                       **({"error_template": template, "error_args": args} if template else {}))

    def _pass_gate(self, inst: TaskInst) -> bool:
        """Pauses before ``task`` when the gate says so, reporting the values its inputs
        will get; False when the run is cancelled meanwhile."""
        gate, task, rec = self.gate, inst.task, inst.rec
        if gate is None or not gate.should_pause(task.id):
            return True
        try:
            values, _files = self._arguments(inst)
        except OSError as e:   # the task itself will fail on it, with its message
            values = {"?": f"{type(e).__name__}: {e}"}
        self._emit(Kind.TASK_PAUSED, rec, inputs=dict(values))
        # Waits under the instance's key: iterations of a task with a breakpoint pause
        # (and are released) one by one, even when several wait at once.
        if not gate.wait(rec.id) or self.cancelled:
            return False
        self._emit(Kind.TASK_RESUMED, rec, stepping=gate.stepping)
        return True

    def _arguments(self, inst: TaskInst) -> tuple[dict[str, str], dict[str, Path]]:
        """Input name -> serialized value, and input name -> upstream output file."""
        assert self.result is not None
        task, loops = inst.task, self.flow.loops_of(inst.task.id)
        values: dict[str, str] = {}
        files: dict[str, Path] = {}

        def from_file(name: str, ref: OutputRef, key: str) -> None:
            path = Path(self.flow.tasks[key].rec.output_files[ref.output])
            # Bytes that are not UTF-8 survive the trip to argv (surrogateescape).
            values[name] = path.read_bytes().decode("utf-8", "surrogateescape")
            files[name] = path

        for name, arg in task.arguments.items():
            if isinstance(arg, Constant):
                if name in self._constants[task.id]:
                    values[name] = self._constants[task.id][name]
            elif isinstance(arg, ParamRef):
                values[name] = self.values[arg.name]
            elif isinstance(arg, OutputRef):
                from_file(name, arg, self.flow.target(arg.task_id, loops, inst.path)[1])
            elif isinstance(arg, LoopItem):
                values[name] = serialize(item_field(inst.items[arg.loop], arg.fields))
            elif isinstance(arg, OneOf):
                for ref in arg.refs:
                    kind, key = self.flow.target(ref.task_id, loops, inst.path)
                    if kind == "task" and self.flow.tasks[key].rec.status.ok:
                        from_file(name, ref, key)
                        break
            elif isinstance(arg, Collected):
                values[name] = serialize(self._collected(arg.ref, loops, inst.path))
            elif isinstance(arg, (Concat, RunPlaceholder)):
                values[name] = self._expression(inst, arg, loops)
        return values, files

    def _expression(self, inst: TaskInst, arg: Concat | RunPlaceholder,
                    loops: tuple[str, ...]) -> str:
        """An expression argument as the string kfp would pass: its parts' values joined;
        run values are this run's (its folder's name is the run id and the job name)."""
        assert self.result is not None
        task = inst.task
        parts = arg.parts if isinstance(arg, Concat) else (arg,)
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, Constant):
                out.append(str(part.value))
            elif isinstance(part, ParamRef):
                out.append(self.values[part.name])
            elif isinstance(part, OutputRef):
                key = self.flow.target(part.task_id, loops, inst.path)[1]
                path = Path(self.flow.tasks[key].rec.output_files[part.output])
                out.append(path.read_bytes().decode("utf-8", "surrogateescape"))
            elif isinstance(part, RunPlaceholder) and part.name in _RUN_VALUES:
                out.append(_RUN_VALUES[part.name](self.result.run_dir, task))
            else:
                raise InputError(f"task `{task.name}`: a local run cannot give "
                                 f"{getattr(part, 'name', type(part).__name__)!r}")
        return "".join(out)

    def _collected(self, ref: OutputRef, loops: tuple[str, ...],
                   path: tuple[int, ...]) -> list[Any]:
        """``dsl.Collected``: the output of every iteration that ran, in iteration order,
        each as its declared type (an int stays an int: kfp.local makes it a float)."""
        depth = len(path)
        return [self._typed(i.rec, ref) for i in self.flow.iterations(ref.task_id)
                if i.path[:depth] == path and i.rec.status.ok]

    def _run_task_in(self, inst: TaskInst, folder: Path) -> None:
        task, rec = inst.task, inst.rec
        program = self.programs[task.component_id]
        local = self.local[task.id]
        values, files = self._arguments(inst)
        if program.container:   # kfp fills an input left out with its spec's default
            for name, spec in program.inputs.items():
                if name not in values and spec.get("default") is not None:
                    values[name] = str(spec["default"])
        rec.inputs = dict(values)
        comp = self.pipeline.component_of(task)
        if isinstance(comp, VolumeComponent):
            self._volume_step(rec, comp, values, folder)
            return
        if isinstance(comp, ImporterComponent):
            self._importer_step(rec, values)
            return
        # The task's own environment variables change what it does: part of the key (as a
        # hash only; a secret's value is never written to the run folder or the cache).
        keyed = dict(values) | {f"env:{k}": v for k, v in local.env.items()}
        rec.cache_key = cache_key(program.spec, program.image, keyed)
        out_dir = folder / "outputs"
        out_names = self._out_names[task.component_id]
        in_names = self._in_names[task.component_id]
        use_cache = self.options.use_cache and local.use_cache   # caching off: always runs
        if use_cache and self._use_cached(rec, program, out_dir, out_names):
            return
        if self.cancelled:
            rec.status = Status.CANCELLED
            return
        runtime = containers.find_runtime(self._task_env_base()) if program.container else None
        if program.container and runtime is None:
            rec.status = Status.FAILED
            self._fail_with(rec, containers.NO_RUNTIME, image=program.image)
            return
        bin_dir = None
        if not program.container:
            packages = program.packages
            bin_dir = self._venvs.ensure(
                packages, index_urls=program.index_urls, procs=self._procs,
                on_build=lambda: packages and self._emit(Kind.INSTALLING, rec,
                                                         packages=list(packages)))

        def input_path(name: str) -> str:
            path = folder / "inputs" / in_names[name] / "data"
            path.parent.mkdir(parents=True, exist_ok=True)
            if name in files:
                shutil.copyfile(files[name], path)
                meta = files[name].parent / METADATA   # an artifact's metadata comes along
                if meta.is_file():
                    shutil.copyfile(meta, path.parent / METADATA)
            else:
                path.write_bytes(values[name].encode("utf-8", "surrogateescape"))
            if program.container:   # the folder is mounted at kfp's /tmp/inputs
                return f"{containers.INPUTS_AT}/{in_names[name]}/data"
            return str(path)

        def output_path(name: str) -> str:
            if program.container:
                (out_dir / out_names[name]).mkdir(parents=True, exist_ok=True)
                return f"{containers.OUTPUTS_AT}/{out_names[name]}/data"
            return str(out_dir / out_names[name] / "data")

        resolved = resolve(program, values, input_path, output_path)
        mounts = self._mount(inst, local, folder)
        env = self._task_env_base()
        env.update(local.env)   # the task's own variables (secrets from the env file)
        box: containers.ContainerRun | None = None
        if program.container:
            box = self._container_run(inst, program, resolved, folder, mounts, env,
                                      runtime, input_path)
            argv = rec.argv = box.argv()
        else:
            rec.argv = local_volumes.rewrite(resolved.argv, mounts)
            try:
                argv = launch.launchable(rec.argv, folder / "launch")
            except launch.TooLong as e:
                rec.status, rec.error = Status.FAILED, str(e)
                return
            why = launch.oversize(resolved.argv)   # what the cluster would be given
            if argv is not rec.argv and why:
                self._emit(Kind.WARNING, rec, message=(
                    f"{why}: the runner passed its program and "
                    "arguments through files, but on a cluster it may not start"))
            env.update({f"KFP_VOLUME_{i}": str(p) for i, p in enumerate(mounts.values(), 1)})
            # `python3` in the compiled wrapper is the task venv's interpreter.
            env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", os.defpath)
            env["TMPDIR"] = str(folder / "tmp")
        output_paths = {name: str(out_dir / out_names[name] / "data")
                        for name in list(resolved.output_paths) + list(
                            box.copies if box is not None else ())}
        timeout = local.timeout if local.timeout is not None else self.options.timeout
        for attempt in range(1, local.attempts + 1):
            if attempt > 1 and not self._retry(rec, folder, out_dir, attempt, local):
                return
            log = _ReplayLog()
            try:
                self._attempt(rec, argv, folder, env, timeout, log, output_paths, box)
            finally:
                if box is not None:
                    box.remove()
            if rec.status == Status.SUCCEEDED or self.cancelled:
                break
        if rec.status == Status.SUCCEEDED and use_cache and self.result is not None:
            self._cache.put(rec.cache_key, _stored_files(rec.output_files),
                            {"run_dir": str(self.result.run_dir), "task": rec.name},
                            log.lines, log.cut)

    def _task_env_base(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
        env.update(self.options.env)
        return env

    def _fail_with(self, rec: TaskRecord, template: str, **args: Any) -> None:
        """A failure whose message the GUI shows translated (a QT_TRANSLATE_NOOP
        template of the "Runner" context); the record keeps the English text."""
        rec.error = template.format(**args)
        self._error_texts[rec.id] = (template, args)

    def _container_run(self, inst: TaskInst, program: Program, resolved: Any, folder: Path,
                       mounts: Mapping[str, Path], env: dict[str, str], runtime: str | None,
                       input_path: Any) -> containers.ContainerRun:
        """The container of a container task: its variables (passed by name, so that a
        secret's value stays off the command line and out of task.json), volumes, and a
        ContainerOp's artifact inputs mounted at their own paths."""
        assert self.result is not None and runtime is not None
        # Both mounted folders exist before the runtime sees them (a missing one it would
        # make itself, owned by its daemon's user).
        (folder / "inputs").mkdir(exist_ok=True)
        variables = dict(program.env)
        variables.update({k: v for k, v in self.local[inst.task.id].env.items()})
        env.update(variables)
        binds = [(str(host), inside, False) for inside, host in mounts.items()]
        for name, inside in program.input_at.items():
            if name in inst.task.arguments:
                input_path(name)
                host = folder / "inputs" / self._in_names[inst.task.component_id][name] / "data"
                binds.append((str(host), inside, True))
        out_names = self._out_names[inst.task.component_id]
        copies = {name: (inside, folder / "outputs" / out_names[name] / "data")
                  for name, inside in program.output_at.items()}
        return containers.ContainerRun(
            runtime=runtime, name=containers.container_name(self.result.run_dir.name,
                                                            folder.name),
            image=program.image, command=resolved.argv[:resolved.command_length],
            args=resolved.argv[resolved.command_length:], folder=folder,
            env_names=tuple(variables), mounts=tuple(binds), copies=copies)

    def _volume_step(self, rec: TaskRecord, comp: VolumeComponent, values: dict[str, str],
                     folder: Path) -> None:
        """A CreatePVC / DeletePVC step, carried out here (``local_volume_steps``)."""
        assert self.result is not None
        try:
            done = local_volume_steps.carry_out(comp, values, self.result.run_dir,
                                                self._volumes_dir, self._folders[rec.name],
                                                self._claims)
        except ValueError as e:
            rec.status, rec.error = Status.FAILED, str(e)
            return
        if done.claim is not None:
            self._claims[done.claim[0]] = done.claim[1]
        self._emit_lines(rec, "info", done.lines)
        for name, value in done.outputs.items():
            path = folder / "outputs" / self._out_names[comp.id][name] / "data"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(value, encoding="utf-8")
            rec.output_files[name] = str(path)
            rec.outputs[name] = value
        rec.status = Status.SUCCEEDED

    def _importer_step(self, rec: TaskRecord, values: dict[str, str]) -> None:
        """An importer: its artifact is the local file the URI names (``local_importer``)."""
        found = local_importer.resolve(values.get(URI, ""))
        if isinstance(found, local_importer.Failure):
            rec.status = Status.FAILED
            self._fail_with(rec, found.template, **found.args)
            return
        self._emit_lines(rec, "info", [f"imported {found}"])
        rec.output_files[OUTPUT] = str(found)
        rec.status = Status.SUCCEEDED

    def _mount(self, inst: TaskInst, local: local_settings_mod.LocalSettings,
               folder: Path) -> dict[str, Path]:
        """Makes the folders standing in for the task's volumes: mount path -> folder."""
        rec = inst.rec
        out: dict[str, Path] = {}
        for index, mount in enumerate(local.mounts, 1):
            if mount.claim_ref is not None:   # the claim a task's output names
                key = self.flow.target(mount.claim_ref.task_id,
                                       self.flow.loops_of(inst.task.id), inst.path)[1]
                named = Path(self.flow.tasks[key].rec.output_files[mount.claim_ref.output])
                mount = dataclasses.replace(mount, claim=named.read_text(encoding="utf-8"))
            path = mount.folder(self._volumes_dir, folder, index, self._claims).resolve()
            path.mkdir(parents=True, exist_ok=True)
            out[mount.mount_path] = path
            self._emit_lines(rec, "info", [local_volumes.describe(mount, path)])
        return out

    def _retry(self, rec: TaskRecord, folder: Path, out_dir: Path, attempt: int,
               local: local_settings_mod.LocalSettings) -> bool:
        """Prepares attempt ``attempt`` (2, 3...) after a failure: the failed attempt's
        logs are kept as stdout.<n>.log / stderr.<n>.log, its outputs cleared; waits the
        backoff. False when the run was cancelled meanwhile."""
        for stream in ("stdout", "stderr"):
            log = folder / f"{stream}.log"
            if log.exists():
                log.replace(folder / f"{stream}.{attempt - 1}.log")
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir()
        wait = local.wait_before(attempt)
        self._emit_lines(rec, "info", [
            f"attempt {attempt - 1} {rec.error}; retry {attempt - 1} of {local.attempts - 1}"
            + (f" in {wait:g} s" if wait else "")])
        rec.status, rec.error, rec.exit_code = Status.RUNNING, None, None
        rec.output_files.clear()
        rec.outputs.clear()
        if wait and self._cancel.wait(wait):
            rec.status = Status.CANCELLED
            return False
        return not self.cancelled

    def _attempt(self, rec: TaskRecord, argv: list[str], folder: Path, env: dict[str, str],
                 timeout: float | None, log: "_ReplayLog",
                 output_paths: Mapping[str, str],
                 box: containers.ContainerRun | None = None) -> None:
        """Runs the task's program once; sets rec's status, error, outputs."""
        def on_lines(stream: str, lines: list[str]) -> None:
            log.add(stream, lines)
            self._emit_lines(rec, stream, lines)

        code, timed_out = task_process.run(
            argv, cwd=folder, env=env, timeout=timeout, procs=self._procs,
            on_started=lambda pid: self._emit(Kind.TASK_STARTED, rec, argv=list(rec.argv),
                                              pid=pid),
            on_lines=on_lines, pool=self._supervisors)
        rec.exit_code = code
        if timed_out:
            rec.status = Status.FAILED
            rec.error = f"timed out after {timeout:g} s; its processes were killed"
            return
        if self.cancelled:
            rec.status = Status.CANCELLED
            return
        if code != 0:
            rec.status = Status.FAILED
            rec.error = f"exited with code {code}" + _last_error_line(folder / "stderr.log")
            return
        for name, (inside, host) in (box.copies if box is not None else {}).items():
            # A ContainerOp's file_outputs: copied out of the stopped container.
            why = box.copy_out(inside, host)  # type: ignore[union-attr]
            if why is not None:
                rec.status = Status.FAILED
                rec.error = f"the step did not write its output `{name}` ({inside}): {why}"
                return
        for name, path in output_paths.items():
            if not os.path.isfile(path):
                rec.status = Status.FAILED
                rec.error = f"the program did not write its output `{name}` ({path})"
                return
            rec.output_files[name] = path
            rec.outputs[name] = Path(path).read_bytes().decode("utf-8", "replace")
        rec.status = Status.SUCCEEDED

    def _use_cached(self, rec: TaskRecord, program: Program, out_dir: Path,
                    out_names: Mapping[str, str]) -> bool:
        """Restores a cache hit's outputs (each checked against its hash) and replays its
        log; False, with nothing restored, on a miss or any mismatch."""
        hit = self._cache.get(rec.cache_key or "")
        if hit is None or {n for n in hit.outputs if _META_KEY not in n} != set(program.outputs):
            return False
        replay = hit.log()
        if replay is None:
            return False
        restored: dict[str, str] = {}
        for name in program.outputs:
            dst = out_dir / out_names[name] / "data"
            dst.parent.mkdir(parents=True, exist_ok=True)
            if not hit.restore(name, dst):
                for path in restored.values():
                    Path(path).unlink(missing_ok=True)
                return False
            restored[name] = str(dst)
            meta = f"{name}{_META_KEY}"
            if meta in hit.outputs and not hit.restore(meta, dst.parent / METADATA):
                for path in restored.values():
                    Path(path).unlink(missing_ok=True)
                return False
        for name, path in restored.items():
            rec.output_files[name] = path
            rec.outputs[name] = Path(path).read_bytes().decode("utf-8", "replace")
        rec.cached_from = hit.run_dir
        lines, cut = replay
        cached_run = run_id(hit.run_dir)
        # One batch per stream change keeps the order the producing run printed.
        start = 0
        for i in range(1, len(lines) + 1):
            if i == len(lines) or lines[i][0] != lines[start][0]:
                self._emit_lines(rec, lines[start][0], [t for _, t in lines[start:i]],
                                 cached_run=cached_run)
                start = i
        if cut:
            self._emit_lines(rec, "info", [f"(log cut after {LOG_LIMIT // 1024} KiB; the "
                                           f"full log is in {hit.run_dir})"],
                             cached_run=cached_run)
        rec.status = Status.CACHED
        return True


# How an artifact's metadata file is named among a cache entry's outputs (no port name
# holds a NUL).
_META_KEY = "\0" + METADATA


def _stored_files(output_files: Mapping[str, str]) -> dict[str, Path]:
    """What the cache keeps of a task: its output files, and the metadata of artifacts."""
    out: dict[str, Path] = {}
    for name, path in output_files.items():
        out[name] = Path(path)
        meta = Path(path).parent / METADATA
        if meta.is_file():
            out[f"{name}{_META_KEY}"] = meta
    return out


class _ReplayLog:
    """A task's lines as it printed them, up to LOG_LIMIT bytes, for the cache to replay."""

    def __init__(self) -> None:
        self.lines: list[LogLine] = []
        self.cut = False
        self._size = 0

    def add(self, stream: str, lines: list[str]) -> None:
        for line in lines:
            self._size += len(line) + 16
            if self._size > LOG_LIMIT:
                self.cut = True
                return
            self.lines.append((stream, line))


# Run values (``{{run_id}}``...) in a local run: the run folder's name is the run's id and
# name; the task's name is its id; the pipeline root is the run folder.
_RUN_VALUES = {
    "run_id": lambda run_dir, task: run_dir.name,
    "workflow_uid": lambda run_dir, task: run_dir.name,
    "job_name": lambda run_dir, task: run_dir.name,
    "job_resource_name": lambda run_dir, task: run_dir.name,
    "execution_id": lambda run_dir, task: f"{run_dir.name}-{task.name}",
    "task_name": lambda run_dir, task: task.name,
    "task_id": lambda run_dir, task: f"{run_dir.name}-{task.name}",
    "pipeline_root": lambda run_dir, task: str(run_dir),
}


def run_id(run_dir: str | None) -> str | None:
    """A run's id: its folder's name (``20261206-013712-my-pipeline``)."""
    return Path(run_dir).name if run_dir else None


def _last_error_line(stderr_log: Path, tail: int = 65536) -> str:
    try:
        with open(stderr_log, "rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - tail))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [ln for ln in (ln.strip()[:500] for ln in text.splitlines()) if ln]
    return f": {lines[-1]}" if lines else ""
