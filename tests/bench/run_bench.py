"""Benchmark of `kfp-designer run`: per-task overhead of local runs.

    python tests/bench/run_bench.py [--size 100] [--jobs N] [--no-kfp] [--kfp-python PY]

Three pipelines: the tutorial (3 tasks), a chain of SIZE trivial tasks (each adds 1 to
the previous output) and a fan-out (one source, SIZE tasks reading its output). For each
it reports the wall time of

  * in-process: the same Python functions called one after another in this process;
  * engine:     designer.runner's Runner.run() (execution cache off);
  * cli:        `python -m designer run` end to end (interpreter start included);
  * kfp.local:  when a kfp 2.x side venv is present (--kfp-python, KFP_DESIGNER_KFP2_PYTHON,
                /work/venvs/kfp2 or the tests' oracle cache), kfp.local's SubprocessRunner
                (use_venv=False, its fastest mode) on the same pipeline written with kfp.dsl,
                timed around the pipeline call inside its interpreter,

and the overhead per task ((engine - in-process) / tasks) and the speed-up over kfp.local.

    python tests/bench/run_bench.py --loop [--items 50] [--kfp-python PY]

control flow: a ParallelFor over ITEMS numbers (each iteration doubles its item) whose
outputs are dsl.Collected into a sum, the same kfp 2 Python file run by our engine (read
with the importer), by `kfp-designer run`, and by kfp.local (SubprocessRunner,
use_venv=False) in the same run: wall times, the ratio, and the collected list each
handed the sum task (ours keeps the ints ints; kfp.local passes floats).

    python tests/bench/run_bench.py --gui [--lines 60000]

measures what the test suite only checks as order and counts (tests/ui/test_run_controller.py,
tests/runner/test_runner_engine.py): while a task prints --lines lines through the GUI's
RunController into a RunPanel, the gaps between the ticks of a 10 ms timer on the GUI
thread (median, 99th percentile, longest), next to the same timer's gaps on an idle event
loop in the same run (the reference); how long Stop takes from the click to the run's end,
and how long after its --timeout a task that sleeps is reported timed out.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from designer import persist  # noqa: E402
from designer.ir import (Component, Constant, OutputRef, ParamRef, Pipeline,  # noqa: E402
                         PipelineParam, Task)
from designer.runner.engine import RunOptions, Runner  # noqa: E402
from designer.runner.events import Status  # noqa: E402

INC = "def inc(x: int) -> int:\n    return x + 1\n"
SCALE = "def scale(x: int, k: int) -> int:\n    return x * k\n"


def chain(size: int) -> Pipeline:
    comp = Component.from_source(INC, id="inc")
    tasks = [Task("t0", "t0", "inc", {"x": ParamRef("start")})]
    tasks += [Task(f"t{i}", f"t{i}", "inc", {"x": OutputRef(f"t{i - 1}", "Output")})
              for i in range(1, size)]
    return Pipeline("chain", params=[PipelineParam("start", "int")], components=[comp],
                    tasks=tasks)


def fan_out(size: int) -> Pipeline:
    inc, scale = Component.from_source(INC, id="inc"), Component.from_source(SCALE, id="scale")
    tasks = [Task("source", "source", "inc", {"x": ParamRef("start")})]
    tasks += [Task(f"t{i}", f"t{i}", "scale", {"x": OutputRef("source", "Output"),
                                              "k": Constant(i)}) for i in range(size)]
    return Pipeline("fan_out", params=[PipelineParam("start", "int")],
                    components=[inc, scale], tasks=tasks)


def tutorial() -> Pipeline:
    """The tutorial pipeline (print_and_return_number x2 -> sum_and_print_numbers), with
    its two parameters renamed to the benchmark's one."""
    from designer.resources_path import resources_dir
    project = persist.load(resources_dir() / "examples" / "example_pipeline.kfpd")
    pipeline = project.pipeline
    pipeline.name = "tutorial"
    pipeline.params = [PipelineParam("start", "int")]
    for task in pipeline.tasks:
        for name, arg in list(task.arguments.items()):
            if isinstance(arg, ParamRef):
                task.arguments[name] = ParamRef("start")
    return pipeline


def in_process(pipeline: Pipeline, start: int) -> tuple[float, dict[str, int]]:
    """The same functions, called in order in this process (their prints discarded)."""
    funcs = {}
    for comp in pipeline.components:
        ns: dict = {}
        exec(comp.source, ns)  # noqa: S102 - our own benchmark components
        funcs[comp.id] = ns[comp.name]
    t0 = time.perf_counter()
    values: dict[str, int] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for task in pipeline.topological_tasks():
            kwargs = {}
            for name, arg in task.arguments.items():
                if isinstance(arg, ParamRef):
                    kwargs[name] = start
                elif isinstance(arg, OutputRef):
                    kwargs[name] = values[arg.task_id]
                else:
                    kwargs[name] = arg.value
            values[task.id] = funcs[task.component_id](**kwargs)
    return time.perf_counter() - t0, values


def engine_run(pipeline: Pipeline, start: int, jobs: int, work: Path) -> tuple[float, dict]:
    opts = RunOptions(jobs=jobs, use_cache=False, runs_dir=work / "runs",
                      cache_dir=work / "cache", venvs_dir=work / "venvs")
    t0 = time.perf_counter()
    result = Runner(pipeline, {"start": start}, opts).run()
    wall = time.perf_counter() - t0
    if result.status != Status.SUCCEEDED:
        bad = [(r.name, r.error) for r in result.tasks.values() if not r.status.ok][:3]
        raise SystemExit(f"engine run of {pipeline.name} failed: {bad}")
    return wall, {r.id: int(r.outputs["Output"]) if r.outputs else None
                  for r in result.tasks.values()}


def cli_run(pipeline: Pipeline, start: int, jobs: int, work: Path) -> float:
    project = work / f"{pipeline.name}.kfpd"
    persist.save(persist.Project(pipeline), project)
    env = dict(os.environ, KFP_DESIGNER_CACHE=str(work),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "designer", "run", str(project), "-p",
                          f"start={start}", "--jobs", str(jobs), "--no-cache",
                          "--workdir", str(work / "cli-runs")],
                         capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"cli run of {pipeline.name} failed:\n{out.stdout[-2000:]}{out.stderr}")
    return wall


KFP_SCRIPT = '''
import json, sys, time, warnings
warnings.simplefilter("ignore")
from kfp import dsl, local
local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root={root!r})

@dsl.component
def inc(x: int) -> int:
    return x + 1

@dsl.component
def scale(x: int, k: int) -> int:
    return x * k

@dsl.component
def print_and_return_number(number: int) -> int:
    print(number)
    return number

@dsl.component
def sum_and_print_numbers(number_1: int, number_2: int):
    print(number_1 + number_2)

@dsl.pipeline(name="tutorial")
def tutorial(start: int):
    a = print_and_return_number(number=start)
    b = print_and_return_number(number=start)
    sum_and_print_numbers(number_1=a.output, number_2=b.output)

@dsl.pipeline(name="chain")
def chain(start: int):
    t = inc(x=start)
    for _ in range({size} - 1):
        t = inc(x=t.output)

@dsl.pipeline(name="fan-out")
def fan_out(start: int):
    source = inc(x=start)
    for i in range({size}):
        scale(x=source.output, k=i)

t0 = time.perf_counter()
{which}(start=3)
print(json.dumps({{"wall": time.perf_counter() - t0}}))
'''


def find_kfp2_python(explicit: str | None) -> str | None:
    candidates = [explicit, os.environ.get("KFP_DESIGNER_KFP2_PYTHON"),
                  "/work/venvs/kfp2/bin/python"]
    try:
        from tests import oracle
        root = oracle.oracles_root()
        candidates += sorted(str(p / "bin" / "python") for p in root.glob("kfp2-*")
                             if (p / oracle.MARKER).is_file())
    except Exception:  # noqa: BLE001 - the oracle cache is optional here
        pass
    for c in candidates:
        if c and Path(c).exists():
            probe = subprocess.run([c, "-c", "import kfp.local, kfp; print(kfp.__version__)"],
                                   capture_output=True, text=True)
            if probe.returncode == 0 and probe.stdout.startswith("2."):
                return c
    return None


def kfp_local_run(python: str, which: str, size: int, work: Path) -> float:
    script = work / f"kfp_{which}.py"
    script.write_text(KFP_SCRIPT.format(root=str(work / "kfp-out"), size=size, which=which))
    out = subprocess.run([python, str(script)], capture_output=True, text=True, cwd=work)
    if out.returncode != 0:
        raise SystemExit(f"kfp.local {which} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])["wall"]


LOOP_SOURCE = '''
import json
from typing import List
from kfp import dsl


@dsl.component
def double(n: int) -> int:
    return 2 * n


@dsl.component
def total(values: List[int], out_file: str) -> int:
    import json
    with open(out_file, "w") as f:
        json.dump(values, f)
    return int(sum(values))


@dsl.pipeline(name="loop-sum")
def loop_sum(out_file: str):
    with dsl.ParallelFor({items}) as n:
        d = double(n=n)
    total(values=dsl.Collected(d.output), out_file=out_file)
'''

KFP_LOOP_SCRIPT = '''
import json, sys, time, warnings
warnings.simplefilter("ignore")
from kfp import local
local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root={root!r})
sys.path.insert(0, {folder!r})
from loop_pipeline import loop_sum
t0 = time.perf_counter()
loop_sum(out_file={out!r})
print(json.dumps({{"wall": time.perf_counter() - t0}}))
'''


def loop_bench(items: int, jobs: int, kfp_python: str | None, work: Path) -> None:
    from designer.inputs import load_project
    numbers = list(range(1, items + 1))
    source = work / "loop_pipeline.py"
    source.write_text(LOOP_SOURCE.format(items=numbers))
    pipeline = load_project(source).pipeline
    engine_run(chain(1), 3, 1, work)    # the task venv, built once as any second run finds it
    opts = RunOptions(jobs=jobs, use_cache=False, runs_dir=work / "runs",
                      cache_dir=work / "cache", venvs_dir=work / "venvs")
    ours_file = work / "ours.json"
    t0 = time.perf_counter()
    result = Runner(pipeline, {"out_file": str(ours_file)}, opts).run()
    engine = time.perf_counter() - t0
    assert result.ok, [(r.shown, r.error) for r in result.tasks.values() if not r.status.fine]
    env = dict(os.environ, KFP_DESIGNER_CACHE=str(work),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cli_file = work / "cli.json"
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "designer", "run", str(source), "-p",
                          f"out_file={cli_file}", "--jobs", str(jobs), "--no-cache",
                          "--workdir", str(work / "cli-runs")], capture_output=True, text=True,
                         env=env)
    cli = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"cli run failed:\n{out.stdout[-2000:]}{out.stderr}")
    ours = json.loads(ours_file.read_text())
    expected = [2 * n for n in numbers]
    assert ours == expected and all(type(v) is int for v in ours), ours[:5]
    assert json.loads(cli_file.read_text()) == ours
    print(f"ParallelFor over {items} items, Collected into a sum; jobs={jobs}, "
          f"cpus={os.cpu_count()}")
    print(f"  engine            {engine:8.2f}s   collected: {json.dumps(ours[:4])[:-1]}, ...] "
          f"(ints: {all(type(v) is int for v in ours)})")
    print(f"  kfp-designer run  {cli:8.2f}s")
    if kfp_python is None:
        print("  kfp.local         not measured (no kfp 2 venv)")
        return
    kfp_file = work / "kfp.json"
    script = work / "kfp_loop.py"
    script.write_text(KFP_LOOP_SCRIPT.format(root=str(work / "kfp-out"), folder=str(work),
                                             out=str(kfp_file)))
    run = subprocess.run([kfp_python, str(script)], capture_output=True, text=True, cwd=work)
    if run.returncode != 0:
        raise SystemExit(f"kfp.local loop failed:\n{run.stderr[-3000:]}")
    kfp = json.loads(run.stdout.strip().splitlines()[-1])["wall"]
    theirs = json.loads(kfp_file.read_text())
    print(f"  kfp.local         {kfp:8.2f}s   collected: {json.dumps(theirs[:4])[:-1]}, ...] "
          f"(ints: {all(type(v) is int for v in theirs)})")
    print(f"  kfp.local / engine = {kfp / engine:.1f}x, kfp.local / kfp-designer run = "
          f"{kfp / cli:.1f}x (goal: >= 10x)")


def gui_bench(lines: int, work: Path) -> None:
    """The event loop while a task floods its log; Stop and --timeout latency."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from tests.bench.ticks import describe, tick_gaps
    from tests.ui.run_support import CHATTY, SLEEPER

    from designer.ui.run.controller import RunController
    from designer.ui.run.panel import RunPanel
    app = QApplication.instance() or QApplication([])

    def options() -> RunOptions:
        return RunOptions(runs_dir=work / "gui-runs", cache_dir=work / "cache",
                          venvs_dir=work / "venvs", jobs=2, use_cache=False)

    def ticking(until) -> list[float]:
        """Gaps (ms) of a 10 ms timer until ``until(loop)`` quits the loop."""
        loop = QEventLoop()
        return tick_gaps(10, lambda: (until(loop), loop.exec()))

    idle = ticking(lambda loop: QTimer.singleShot(2000, loop.quit))
    comp = Component.from_source(CHATTY.strip() + "\n", id="chatty")
    flood = Pipeline("flood", components=[comp],
                     tasks=[Task("chatty", "chatty", "chatty", {"lines": Constant(lines)})])
    controller = RunController(options)
    panel = RunPanel()
    panel.bind(controller)
    panel.resize(900, 400)
    panel.show()

    def run(loop):
        controller.finished.connect(loop.quit)
        assert controller.start(flood, {})
    t0 = time.perf_counter()
    busy = ticking(run)
    wall = time.perf_counter() - t0
    shown = len(panel.log_text().splitlines())
    print(f"GUI thread, 10 ms timer, idle event loop (reference): {describe(idle)}")
    print(f"GUI thread, 10 ms timer, a task printing {lines} lines: {describe(busy)}; "
          f"run {wall:.2f} s, panel shows {shown} lines")

    sleeper = Component.from_source(SLEEPER.strip() + "\n", id="sleeper")
    sleepy = Pipeline("sleepy", components=[sleeper],
                      tasks=[Task("sleeper", "sleeper", "sleeper", {"seconds": Constant(300.0)})])
    started = QEventLoop()
    controller.log_lines.connect(lambda _b: None)
    controller.task_changed.connect(lambda _t, state: state == "running" and started.quit())
    assert controller.start(sleepy, {})
    started.exec()
    done = QEventLoop()
    controller.finished.connect(done.quit)
    t0 = time.perf_counter()
    controller.stop()
    done.exec()
    print(f"Stop -> run ended (process tree killed): {(time.perf_counter() - t0) * 1e3:.0f} ms")

    opts = options()
    opts.timeout = 1.0
    t0 = time.perf_counter()
    result = Runner(sleepy, {}, opts).run()
    print(f"--timeout 1 s on a 300 s task -> reported {result.by_name('sleeper').status.value} "
          f"after {time.perf_counter() - t0:.2f} s (interpreter start included)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100, help="tasks in the chain / fan-out width")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-kfp", action="store_true", help="skip the kfp.local comparison")
    ap.add_argument("--kfp-python", help="python of a venv with kfp 2.x")
    ap.add_argument("--gui", action="store_true",
                    help="only the GUI figures: event loop under a log flood, Stop, --timeout")
    ap.add_argument("--lines", type=int, default=60000, help="--gui: lines the task prints")
    ap.add_argument("--loop", action="store_true",
                    help="only control flow: a ParallelFor Collected into a sum, vs kfp.local")
    ap.add_argument("--items", type=int, default=50, help="--loop: items of the ParallelFor")
    args = ap.parse_args(argv)
    if args.loop:
        with tempfile.TemporaryDirectory(prefix="kfpd-bench-") as tmp:
            loop_bench(args.items, args.jobs, None if args.no_kfp else
                       find_kfp2_python(args.kfp_python), Path(tmp))
        return 0
    if args.gui:
        with tempfile.TemporaryDirectory(prefix="kfpd-bench-") as tmp:
            gui_bench(args.lines, Path(tmp))
        return 0
    kfp_python = None if args.no_kfp else find_kfp2_python(args.kfp_python)
    start = 3
    rows = []
    with tempfile.TemporaryDirectory(prefix="kfpd-bench-") as tmp:
        work = Path(tmp)
        # Build the task venv once, as any second run finds it.
        engine_run(chain(1), start, 1, work)
        for pipeline, kfp_name in ((tutorial(), "tutorial"), (chain(args.size), "chain"),
                                   (fan_out(args.size), "fan_out")):
            n = len(pipeline.tasks)
            inproc, expected = in_process(pipeline, start)
            engine, got = engine_run(pipeline, start, args.jobs, work)
            assert got == expected, "the engine's outputs differ from the in-process run"
            cli = cli_run(pipeline, start, args.jobs, work)
            kfp = kfp_local_run(kfp_python, kfp_name, args.size, work) if kfp_python else None
            rows.append((pipeline.name, n, inproc, engine, cli, kfp))
    print(f"jobs={args.jobs}, cpus={os.cpu_count()}, python {sys.version.split()[0]}"
          + (f", kfp.local from {kfp_python}" if kfp_python else ", kfp.local: not measured"))
    head = (f"{'pipeline':<9}{'tasks':>6}{'in-process':>12}{'engine':>9}{'cli':>9}"
            f"{'overhead/task':>15}{'kfp.local':>11}{'speed-up':>10}")
    print(head)
    print("-" * len(head))
    for name, n, inproc, engine, cli, kfp in rows:
        per_task = (engine - inproc) / n
        kfp_s = f"{kfp:>10.2f}s" if kfp is not None else f"{'-':>11}"
        speed = f"{kfp / cli:>9.1f}x" if kfp is not None else f"{'-':>10}"
        print(f"{name:<9}{n:>6}{inproc * 1e3:>10.2f}ms{engine:>8.2f}s{cli:>8.2f}s"
              f"{per_task * 1e3:>13.1f}ms{kfp_s}{speed}")
    print("speed-up = kfp.local wall / `kfp-designer run` wall (CLI, interpreter start included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
