"""Fuzzers kept in the repository (issue 10, "Measured").

Each fuzzer is a module here with ``NAME`` and ``run(seed, seconds, log) -> Stats``: it
generates inputs from ``seed`` onwards until ``seconds`` have passed, checks each, saves
every failing input under ``regressions/`` and returns its counts. The normal test
line runs a short seeded pass and every saved regression input (``test_*.py`` here);
``python -m tests.fuzz --minutes N`` runs them longer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

REGRESSIONS = Path(__file__).with_name("regressions")


@dataclass
class Stats:
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
