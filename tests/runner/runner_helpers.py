"""Building pipelines and watching processes for the runner tests."""
from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path
from typing import Any

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.runner.procs import alive


def build(name: str, components: dict[str, str], tasks: list[tuple[str, str, dict[str, Any]]],
          params: list[PipelineParam] | None = None,
          packages: dict[str, list[str]] | None = None) -> Pipeline:
    """A pipeline from component sources and ``(task name, component name, arguments)``.

    Argument values: ``"$param"`` is a pipeline parameter, ``"@task.Output"`` an upstream
    output, anything else a constant.
    """
    comps = {n: Component.from_source(textwrap.dedent(src).strip() + "\n", id=n,
                                      packages_to_install=(packages or {}).get(n))
             for n, src in components.items()}
    out = []
    for task_name, comp_name, args in tasks:
        ir_args = {}
        for k, v in args.items():
            if isinstance(v, str) and v.startswith("$"):
                ir_args[k] = ParamRef(v[1:])
            elif isinstance(v, str) and v.startswith("@"):
                up, _, output = v[1:].partition(".")
                ir_args[k] = OutputRef(up, output or "Output")
            else:
                ir_args[k] = Constant(v)
        out.append(Task(task_name, task_name, comp_name, ir_args))
    return Pipeline(name, params=list(params or []), components=list(comps.values()), tasks=out)


def wait_for_file(path: Path, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return path.read_text()
        time.sleep(0.02)
    raise AssertionError(f"{path} never appeared")


# Timeouts a timeout test tries in turn: on a loaded machine a task may not even reach the
# point the test needs (its pids written) before a short timeout fires; the test then runs
# again with a longer one. What is asserted is the same at every step (no wall-clock bound).
GROWING_TIMEOUTS = (1.5, 3.0, 6.0, 12.0, 24.0, 48.0, 96.0)


def with_growing_timeout(run, ready: Path):
    """``run(timeout)`` with each of GROWING_TIMEOUTS until the task got as far as writing
    ``ready`` before it was timed out; returns (timeout, what ``run`` returned)."""
    for timeout in GROWING_TIMEOUTS:
        for leftover in (ready, ready.with_name(ready.name + ".tmp")):
            leftover.unlink(missing_ok=True)
        result = run(timeout)
        if ready.exists():
            return timeout, result
    raise AssertionError(f"{ready} never appeared, even with a {GROWING_TIMEOUTS[-1]} s timeout")


def wait_dead(pids: list[int], timeout: float = 30.0) -> list[int]:
    """The pids still alive after ``timeout`` (empty when all are gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.02)
    return [p for p in pids if alive(p)]


# A component that starts two `sleep` processes (one in its group, one in a session of its
# own) and records its own pid and theirs before sleeping itself.
SPAWN_AND_SLEEP = '''
def spawn_and_sleep(pid_file: str, seconds: float) -> int:
    import os, subprocess, time
    inside = subprocess.Popen(["sleep", "300"])
    escaped = subprocess.Popen(["sleep", "301"], start_new_session=True)
    with open(pid_file + ".tmp", "w") as f:
        f.write(f"{os.getpid()} {inside.pid} {escaped.pid}")
    os.rename(pid_file + ".tmp", pid_file)
    time.sleep(seconds)
    return 1
'''

# A function for a component's body: starts a child in the task's process group, one in
# a session of its own and a double-forked daemon (setsid, its parent gone, stdio on
# /dev/null), then writes their pids and its own to ``pid_file`` (renamed into place).
SPAWN_DEF = '''
def spawn(pid_file):
    import os, subprocess, time
    inside = subprocess.Popen(["sleep", "300"])
    escaped = subprocess.Popen(["sleep", "301"], start_new_session=True)
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.write(w, str(os.getpid()).encode())
            os.close(w)
            time.sleep(302)
        os._exit(0)
    os.close(w)
    daemon = int(os.read(r, 32))
    os.wait()
    with open(pid_file + ".tmp", "w") as f:
        f.write(f"{os.getpid()} {inside.pid} {escaped.pid} {daemon}")
    os.rename(pid_file + ".tmp", pid_file)
'''


def nested(code: str, indent: str = "    ") -> str:
    """``code`` indented to sit inside a function body."""
    return textwrap.indent(code.strip("\n"), indent) + "\n"


ADD = '''
def add(a: int, b: int) -> int:
    print(a + b)
    return a + b
'''


def read_pids(path: Path) -> list[int]:
    return [int(p) for p in wait_for_file(path).split()]


def env_without(*names: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in names}
