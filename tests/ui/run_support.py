"""Shared pieces of the run tests (tests/ui/test_run_*.py): pipelines, isolated run
options, and a recorder of RunController signals that notes the thread of each."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from designer import persist  # noqa: E402
from designer.ir import Pipeline  # noqa: E402
from designer.runner import RunOptions  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "example_pipeline.kfpd"

SLEEPER = '''
def sleeper(seconds: float) -> int:
    import time
    print("started", flush=True)
    time.sleep(seconds)
    return 1
'''

CHATTY = '''
def chatty(lines: int) -> int:
    import sys
    for i in range(lines):
        sys.stdout.write(f"line {i}\\n")
    sys.stdout.flush()
    return lines
'''

FAIL = '''
def fail(x: int) -> int:
    raise ValueError(f"bad value {x}")
'''


def tutorial() -> Pipeline:
    """The tutorial pipeline, as the example project stores it."""
    return persist.load(str(EXAMPLE)).pipeline


@pytest.fixture
def run_options(tmp_path):
    """A factory of RunOptions writing runs, cache and venvs under tmp_path."""
    def make() -> RunOptions:
        return RunOptions(runs_dir=tmp_path / "runs", cache_dir=tmp_path / "cache",
                          venvs_dir=tmp_path / "venvs", jobs=2)
    return make


class Recorder:
    """Every signal of a RunController, in order, with whether it came on the main thread."""

    def __init__(self, controller):
        self.events: list[tuple[str, tuple]] = []
        self.off_main_thread: list[str] = []
        for name in ("started", "run_dir_known", "task_changed", "log_lines", "finished",
                     "failed", "running_changed"):
            getattr(controller, name).connect(lambda *a, n=name: self._note(n, a))

    def _note(self, name: str, args: tuple) -> None:
        if threading.current_thread() is not threading.main_thread():
            self.off_main_thread.append(name)
        self.events.append((name, args))

    def of(self, name: str) -> list[tuple]:
        return [a for n, a in self.events if n == name]

    def states(self, task_id: str) -> list[str]:
        return [a[1] for a in self.of("task_changed") if a[0] == task_id]

    def lines(self, task_id: str | None = None) -> list[str]:
        return [line for batch in self.of("log_lines") for (tid, _n, _s, line) in batch[0]
                if task_id is None or tid == task_id]
