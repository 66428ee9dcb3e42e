"""Fuzzers for what the designer reads, writes and runs (issue 10).

    python -m tests.fuzz --minutes 30                 # every kind, in turn, for 30 minutes
    python -m tests.fuzz --count 10000 --kind python  # 10,000 generated Python files
    python -m tests.fuzz --replay                      # the saved regression inputs only

Kinds (a module each, ``KINDS``): ``python`` kfp Python files, ``project`` project files,
``save`` kill -9 during save, ``runs`` hostile local runs (``runs.py``, when present).
A kind module has ``NAME``, ``SUFFIX``, ``generate(rng) -> bytes`` (one input from a seeded
``random.Random``) and ``check(data, workdir) -> str`` (an outcome label such as "refused"
or "valid"; raises ``checks.Wrong`` for a wrong output; any other exception is a
traceback). ``harness`` runs checks in a worker process with a 10 s limit per input (a hang),
counts outcomes, and saves each failing input under ``regressions/<kind>/`` where the
normal test line (``test_fuzz.py``) replays it, next to a short seeded run of every kind.
"""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

KINDS = {"python": "tests.fuzz.python_files", "project": "tests.fuzz.project_files",
         "save": "tests.fuzz.save_kill", "runs": "tests.fuzz.runs"}


def available() -> list[str]:
    """Kinds whose module exists in this checkout."""
    return [name for name, module in KINDS.items() if importlib.util.find_spec(module)]


def kind(name: str) -> ModuleType:
    """The module of a kind (a dotted module name works too: the harness's own tests)."""
    return importlib.import_module(KINDS.get(name, name))
