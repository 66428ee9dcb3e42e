"""Fuzzers for what the designer reads, writes and runs (issue 10).

    python -m tests.fuzz --minutes 30                 # every kind, in turn, for 30 minutes
    python -m tests.fuzz --count 10000 --kind python  # 10,000 generated Python files
    python -m tests.fuzz --replay                      # the saved regression inputs only

Kinds (a module each, ``KINDS``): ``python`` kfp Python files, ``project`` project files,
``save`` kill -9 during save, ``runs`` hostile local runs (``runs.py``, when present).

Most kinds go through ``harness``: the module has ``NAME``, ``SUFFIX``, ``generate(rng) ->
bytes`` (one input from a seeded ``random.Random``) and ``check(data, workdir) -> str`` (an
outcome label such as "refused" or "valid"; raises ``checks.Wrong`` for a wrong output; any
other exception is a traceback). The harness runs checks in a worker process with a 10 s
limit per input (a hang), counts outcomes and saves each failing input under
``regressions/<kind>/``, where the normal test line (``test_fuzz.py``) replays it next to a
short seeded run of every kind.

A kind may drive itself instead (``runs.py``: its inputs are whole local runs, with their
own time limits): ``NAME`` and ``run(seed, seconds, log) -> Stats``, saving its failures
under ``REGRESSIONS`` and replaying them in its own ``test_*.py``.
"""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

REGRESSIONS = Path(__file__).with_name("regressions")

KINDS = {"python": "tests.fuzz.python_files", "project": "tests.fuzz.project_files",
         "save": "tests.fuzz.save_kill", "runs": "tests.fuzz.runs"}


@dataclass
class Stats:
    """What a self-driven kind (``run(seed, seconds, log)``) reports."""
    name: str
    inputs: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)   # what the inputs did, by kind

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        extra = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return (f"{self.name}: {self.inputs} inputs in {self.seconds:.0f} s "
                f"({rate:.2f}/s), {len(self.failures)} failures" + (f"; {extra}" if extra else ""))


def self_driven(module: ModuleType) -> bool:
    """A kind with its own loop (``run``) rather than inputs for the harness (``SUFFIX``)."""
    return hasattr(module, "run") and not hasattr(module, "SUFFIX")


def available() -> list[str]:
    """Kinds whose module exists in this checkout."""
    return [name for name, module in KINDS.items() if importlib.util.find_spec(module)]


def kind(name: str) -> ModuleType:
    """The module of a kind (a dotted module name works too: the harness's own tests)."""
    return importlib.import_module(KINDS.get(name, name))
