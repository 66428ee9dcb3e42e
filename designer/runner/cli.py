"""`kfp-designer run INPUT`: run a pipeline locally, streaming its tasks' logs.

    kfp-designer run pipeline.py --param number_1=1 --param number_2=2 [--jobs N]
        [--timeout S] [--no-cache] [--workdir DIR] [--cache-dir DIR]
        [--step] [--break TASK]...

``--step`` pauses before every task (one at a time), ``--break TASK`` before that task:
the values its inputs get are printed, then Enter runs it, ``c`` runs the rest (pausing
only at breakpoints), ``q`` stops the run. Without a terminal (stdin at its end) the run
goes on as if ``c`` was typed.

Task output lines are printed prefixed with the task name (stderr lines on stderr),
with one line per finished task and a summary table at the end. A task served from the
execution cache replays the log of the run that produced its outputs, after a line
naming that run. Exit status: 0 when every task succeeded (or was cached), 1 when a task
failed, 2 for bad input (nothing ran), 130 when interrupted (Ctrl+C, SIGTERM, SIGHUP:
the tasks are killed and run.json says "cancelled"; a second Ctrl+C kills at once).
"""
from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
from pathlib import Path
from typing import TextIO

from designer.ir.errors import InputError

from .engine import Runner, RunOptions
from .events import Event, Kind, Status
from .gate import PauseGate
from .local_settings import read_env_file
from .records import RunResult
from .values import parse_assignments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the `run` subcommand (INPUT is added by designer.cli)."""
    parser.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", default=[],
                        help="a pipeline parameter value (repeat for each parameter)")
    parser.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                        help="tasks run at once (default: the CPU count)")
    parser.add_argument("--timeout", metavar="S",
                        help="kill a task (and everything it started) after S seconds")
    parser.add_argument("--no-cache", action="store_true",
                        help="run every task, even when an identical earlier run can be reused")
    parser.add_argument("--workdir", metavar="DIR", default="runs",
                        help="folder receiving the run folder <timestamp>-<pipeline>/ "
                        "(default: ./runs; made if its parent exists)")
    parser.add_argument("--step", action="store_true",
                        help="pause before every task, showing its input values (Enter runs "
                        "it, c continues, q stops)")
    parser.add_argument("--break", dest="breakpoints", action="append", metavar="TASK",
                        default=[], help="pause before TASK (repeat for more tasks)")
    parser.add_argument("--env-file", metavar="FILE",
                        help="values of the secrets and config map keys tasks read into "
                        "environment variables: lines secret/<name>/<key>=VALUE and "
                        "configmap/<name>/<key>=VALUE (never stored in the project)")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="execution cache (default: $KFP_DESIGNER_CACHE/runs-cache, "
                        "KFP_DESIGNER_CACHE defaulting to ~/.cache/kfp-designer)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def parse_timeout(text: str | None) -> float | None:
    """``--timeout`` as seconds; nan, inf, 0 and below are refused (a deadline that never
    comes or has passed is not a timeout)."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise InputError(f"--timeout {text}: give a number of seconds above 0, e.g. 60")
    return value


def check_workdir(text: str) -> Path:
    """``--workdir``: an existing folder, or a new one whose parent exists."""
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise InputError(f"--workdir {text}: not a folder")
    if not path.exists() and not path.absolute().parent.is_dir():
        raise InputError(f"--workdir {text}: its parent folder {path.absolute().parent} "
                         "does not exist")
    return path


class ConsolePrinter:
    """Turns run events into console lines."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.width = 0
        self.total = 0
        self.done = 0
        self._replaying: set[str] = set()   # tasks whose replayed log has begun

    def __call__(self, event: Event) -> None:
        name = event.task_name or ""
        d = event.data
        if event.kind == Kind.RUN_STARTED:
            self.total = len(d["tasks"])
            self.width = max((len(n) for n in d["tasks"]), default=0)
            self._print(f"running {self.total} task{'s' * (self.total != 1)}, "
                        f"{d['jobs']} at a time; records in {d['run_dir']}")
        elif event.kind == Kind.LOG:
            stream = self.err if d["stream"] == "stderr" else self.out
            if d.get("cached_run") and event.task_id not in self._replaying:
                self._replaying.add(event.task_id or "")
                self._print(f"{self._tag(name)} cached from run {d['cached_run']}; "
                            "its log:")
            self._print(f"{self._tag(name)} {d['line']}", stream)
        elif event.kind == Kind.WARNING:
            self._print(f"{self._tag(name)} warning: {d['message']}", self.err)
        elif event.kind == Kind.TASK_PAUSED:
            inputs = ", ".join(f"{k} = {v}" for k, v in d["inputs"].items()) or "no inputs"
            self._print(f"{self._tag(name)} paused before it; its inputs: {inputs}")
        elif event.kind == Kind.INSTALLING:
            self._print(f"{self._tag(name)} installing {' '.join(d['packages'])} "
                        "into a cached virtual environment")
        elif event.kind in (Kind.TASK_CACHED, Kind.TASK_FINISHED, Kind.TASK_SKIPPED) and \
                d.get("iteration"):
            self._iteration(name, event.kind, d)
        elif event.kind == Kind.TASK_CACHED:
            self.done += 1
            origin = f" from run {d['cached_run']}" if d.get("cached_run") and \
                event.task_id not in self._replaying else ""
            self._print(f"{self._tag(name)} cached{origin} ({self._progress()}): "
                        f"{_outputs_text(d['outputs'])}")
        elif event.kind == Kind.TASK_FINISHED:
            self.done += 1
            line = f"{self._tag(name)} {d['status']} in {d['duration']:.2f}s ({self._progress()})"
            if d.get("iterations") is not None:
                line += f", {d['iterations']} iterations"
            if d.get("error"):
                line += f": {d['error']}"
            self._print(line)
        elif event.kind == Kind.TASK_SKIPPED:
            self.done += 1
            self._print(f"{self._tag(name)} {status_words(d.get('status', 'skipped'))} "
                        f"({self._progress()}): {d['reason']}")

    def _iteration(self, name: str, kind: Kind, d: dict) -> None:
        """One iteration of a task in a loop ended: said, but counted with its task."""
        if kind == Kind.TASK_CACHED:
            text = f"cached: {_outputs_text(d['outputs'])}"
        elif kind == Kind.TASK_SKIPPED:
            text = f"{status_words(d.get('status', 'skipped'))}: {d['reason']}"
        else:
            text = f"{d['status']} in {d['duration']:.2f}s"
            if d.get("error"):
                text += f": {d['error']}"
        self._print(f"{self._tag(name)} {text}")

    def _tag(self, name: str) -> str:
        return f"[{name}]".ljust(self.width + 2)

    def _progress(self) -> str:
        return f"{self.done}/{self.total}"

    def _print(self, text: str, stream: TextIO | None = None) -> None:
        stream = stream or self.out
        print(text, file=stream, flush=True)


def status_words(status: "Status | str") -> str:
    """A status as the console says it: a branch not taken is "skipped (condition false)"."""
    value = Status(status).value
    return "skipped (condition false)" if value == Status.CONDITION_FALSE.value else value


def _outputs_text(outputs: dict[str, str], limit: int = 40) -> str:
    if not outputs:
        return "-"
    parts = []
    for name, value in outputs.items():
        shown = value.replace("\n", "\\n")
        if len(shown) > limit:
            shown = shown[:limit - 3] + "..."
        parts.append(f"{name}={shown}")
    return ", ".join(parts)


def summary_table(result: RunResult) -> str:
    rows = [("task", "status", "duration", "outputs")]
    for rec in result.tasks.values():
        duration = f"{rec.duration:.2f}s" if rec.duration is not None and rec.status not in (
            Status.SKIPPED, Status.CONDITION_FALSE) else "-"
        rows.append((rec.shown, status_words(rec.status), duration, _outputs_text(rec.outputs)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 7)
    return "\n".join(line.rstrip() for line in lines)


def run_main(args: argparse.Namespace) -> int:
    """Runs INPUT; InputError (bad file, parameters, pipeline) propagates to the caller,
    which prints it: nothing has run by then."""
    from designer.inputs import load_project, read_options
    timeout = parse_timeout(args.timeout)
    workdir = check_workdir(args.workdir)
    pipeline = load_project(args.input, read_options(args)).pipeline
    params = parse_assignments(args.param)
    env_file = read_env_file(args.env_file) if args.env_file else {}
    options = RunOptions(jobs=1 if args.step else args.jobs, timeout=timeout,
                         use_cache=not args.no_cache, runs_dir=workdir, env_file=env_file,
                         cache_dir=Path(args.cache_dir).expanduser() if args.cache_dir else None)
    gate = None
    if args.step or args.breakpoints:
        gate = PauseGate(step=args.step, breakpoints=_task_ids(pipeline, args.breakpoints))
    printer = ConsolePrinter()
    runner = Runner(pipeline, params, options, on_event=printer, gate=gate)
    restore = _cancel_on_signals(runner)
    if gate is not None:
        threading.Thread(target=_prompt, args=(runner, gate), daemon=True,
                         name="kfp-step-prompt").start()
    try:
        result = runner.run()
        _print_summary(result)
    finally:
        restore()
    if result.interrupted or result.status == Status.CANCELLED:
        return 130
    return 0 if result.ok else 1


def _task_ids(pipeline, names: list[str]) -> list[str]:
    """``--break`` names (or ids) as task ids; an unknown one is refused."""
    ids = []
    for name in names:
        task = next((t for t in pipeline.tasks if name in (t.name, t.id)), None)
        if task is None:
            known = ", ".join(t.name for t in pipeline.tasks)
            raise InputError(f"--break {name}: no such task (the tasks: {known})")
        ids.append(task.id)
    return ids


def _prompt(runner: Runner, gate: PauseGate, stdin: TextIO | None = None) -> None:
    """Answers pauses from stdin: Enter steps, c continues, q stops; at the end of stdin
    the run continues."""
    stdin = stdin or sys.stdin
    while not runner.cancelled and gate.wait_paused():
        if runner.cancelled:
            return
        print("  Enter: run it · c: continue · q: stop > ", end="", flush=True)
        answer = stdin.readline()
        if not answer:            # no terminal, or it was closed
            print(flush=True)
            gate.resume()
            continue
        answer = answer.strip().lower()
        if answer == "q":
            runner.cancel(wait=False)
            return
        if answer == "c":
            gate.resume()
        else:
            gate.step()


def _print_summary(result: RunResult) -> None:
    print(file=sys.stdout)
    print(summary_table(result), flush=True)
    counts: dict[str, int] = {}
    for rec in result.tasks.values():
        counts[status_words(rec.status)] = counts.get(status_words(rec.status), 0) + 1
    tally = ", ".join(f"{n} {s}" for s, n in counts.items())
    print(f"\nrun {result.status.value} in {result.duration or 0:.2f}s ({tally}); "
          f"records in {result.run_dir}", flush=True)


def _cancel_on_signals(runner: Runner):
    """Ctrl+C, SIGTERM and SIGHUP cancel the run (a second one kills without the grace
    period), so the tasks, which run in sessions of their own, die with us. The handler
    only asks: the run goes on to its end, writes run.json and the summary. Once
    interrupted, later signals are ignored until exit, so none can cut that short."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    signals = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None))
               if s is not None]
    previous = {sig: signal.getsignal(sig) for sig in signals}
    interrupted = []

    def handler(signum, frame):  # noqa: ARG001
        interrupted.append(signum)
        if runner.result is not None:
            runner.result.interrupted = True
        runner.cancel(wait=False)

    for sig in signals:
        signal.signal(sig, handler)

    def restore() -> None:
        if runner.result is not None and interrupted:
            runner.result.interrupted = True
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_IGN if interrupted else old)
    return restore
