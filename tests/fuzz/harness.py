"""Running fuzz inputs in a worker process, with a time limit, counting what happens.

Input ``i`` of a run with seed ``s`` comes from ``random.Random(f"{kind}:{s}:{i}")``: any
input can be made again from its kind, seed and index. The worker answers each input or is
killed when it takes more than ``HANG_SECONDS`` (a hang; the input is then retried alone with
``SLOW_SECONDS`` so a loaded machine's slowness is told apart from a real hang). Failing
inputs are saved under ``regressions/<kind>/`` for the normal test line to replay.
"""
from __future__ import annotations

import base64
import collections
import hashlib
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz import REGRESSIONS

REPO = Path(__file__).resolve().parents[2]
HANG_SECONDS = 10.0
SLOW_SECONDS = 120.0


@dataclass
class Result:
    status: str            # "ok", "wrong", "traceback", "hang"
    outcome: str = ""
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Stats:
    kind: str
    inputs: int = 0
    seconds: float = 0.0
    outcomes: collections.Counter = field(default_factory=collections.Counter)
    failures: list[tuple[str, Result, str]] = field(default_factory=list)   # (status, result, file)
    slow: int = 0          # over HANG_SECONDS once, answered within SLOW_SECONDS alone

    def count(self, status: str) -> int:
        return sum(1 for s, _, _ in self.failures if s == status)

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        seen = ", ".join(f"{k} {v}" for k, v in self.outcomes.most_common())
        return (f"{self.kind}: {self.inputs} inputs in {self.seconds:.0f} s ({rate:.1f}/s): "
                f"{self.count('traceback')} tracebacks, {self.count('hang')} hangs, "
                f"{self.count('wrong')} wrong, {self.slow} slow; outcomes: {seen}")


class Worker:
    """``python -m tests.fuzz.worker`` in its own process group (killed whole on a hang)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get(
            "PYTHONPATH", ""), "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker"], cwd=REPO, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True)

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.proc = None

    def run(self, kind: str, data: bytes, limit: float) -> Result:
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            self.start()
        assert self.proc and self.proc.stdin and self.proc.stdout
        start = time.monotonic()
        job = {"kind": kind, "data": base64.b64encode(data).decode()}
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return Result("traceback", detail="the worker died before the input")
        ready, _, _ = select.select([self.proc.stdout], [], [], limit)
        elapsed = time.monotonic() - start
        if not ready:
            self.stop()
            return Result("hang", detail=f"no answer within {limit:.0f} s", seconds=elapsed)
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            self.stop()
            return Result("traceback", detail=f"the worker died (exit {code}): a crash",
                          seconds=elapsed)
        answer = json.loads(line)
        return Result(answer["status"], answer.get("outcome", ""),
                      answer.get("detail", "") + ("\n" + answer["trace"] if "trace" in answer
                                                  else ""), elapsed)


def input_for(kind_module, kind: str, seed: int, index: int) -> bytes:
    return kind_module.generate(random.Random(f"{kind}:{seed}:{index}"))


def save_regression(kind: str, suffix: str, data: bytes) -> Path:
    folder = REGRESSIONS / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha1(data).hexdigest()[:12] + suffix)
    path.write_bytes(data)
    return path


def check_one(worker: Worker, kind: str, data: bytes, stats: Stats) -> Result:
    result = worker.run(kind, data, HANG_SECONDS)
    if result.status == "hang" and SLOW_SECONDS > HANG_SECONDS:
        retry = worker.run(kind, data, SLOW_SECONDS)
        if retry.status != "hang":
            stats.slow += 1
            result = retry
    stats.inputs += 1
    if result.status == "ok":
        stats.outcomes[result.outcome] += 1
    return result


def run_kind(kind: str, *, seed: int, count: int | None = None, seconds: float | None = None,
             save: bool = True, log=print, start: int = 0) -> Stats:
    """Inputs ``start``, ``start + 1``... of ``kind`` until ``count`` or ``seconds``."""
    from tests.fuzz import kind as load
    module = load(kind)
    stats = Stats(kind)
    worker = Worker()
    began = time.monotonic()
    index = start
    try:
        while (count is None or stats.inputs < count) and \
                (seconds is None or time.monotonic() - began < seconds):
            data = input_for(module, kind, seed, index)
            result = check_one(worker, kind, data, stats)
            if result.status != "ok":
                where = str(save_regression(kind, module.SUFFIX, data)) if save else ""
                stats.failures.append((result.status, result, where))
                log(f"  {kind} #{index} (seed {seed}): {result.status}: "
                    f"{result.detail.splitlines()[0][:300] if result.detail else ''}"
                    + (f" -> {where}" if where else ""))
            index += 1
            if stats.inputs % PROGRESS == 0:
                log(f"  {kind}: {stats.inputs} inputs (seed {seed}, #{start}..#{index - 1}), "
                    f"{len(stats.failures)} failures, {time.monotonic() - began:.0f} s")
    except KeyboardInterrupt:           # the figures so far still count: stop, then report
        log(f"  {kind}: interrupted after {stats.inputs} inputs (#{start}..#{index - 1})")
    finally:
        worker.stop()
        stats.seconds = time.monotonic() - began
    return stats


PROGRESS = 1000         # a progress line every this many inputs (long runs)


def replay(kind: str, paths: list[Path]) -> Stats:
    """Saved regression inputs through the same checks (no new files saved)."""
    stats = Stats(kind)
    worker = Worker()
    began = time.monotonic()
    try:
        for path in paths:
            result = check_one(worker, kind, path.read_bytes(), stats)
            if result.status != "ok":
                stats.failures.append((result.status, result, str(path)))
    finally:
        worker.stop()
        stats.seconds = time.monotonic() - began
    return stats


def regression_inputs(kind: str) -> list[Path]:
    folder = REGRESSIONS / kind
    return sorted(p for p in folder.glob("*") if p.is_file() and p.name != "README.md") \
        if folder.is_dir() else []
