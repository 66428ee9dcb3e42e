"""Save-kill: kill -9 a process while it saves, at a random moment.

An input is a plan (JSON): the size of the two projects saved in turn, the target kind
(a file, a symlink to a file, a file of mode 0640), how long the saving child runs before
SIGKILL. The check forks a child that saves A, B, A, B... through ``persist.save`` until it
is killed; then the target must hold exactly the old content, A or B (never a mix, never
truncated), still be a symlink where it was one, keep its mode; and one more save by another
process must leave no temp file behind (the killed saves' are removed by it).
"""
from __future__ import annotations

import json
import os
import random
import signal
import stat
import time
from pathlib import Path

from designer import persist
from designer.ir import Component, Pipeline, PipelineParam, Task

from . import checks

NAME = "save"
SUFFIX = ".json"
KINDS = ("file", "symlink", "mode640")


def generate(rng: random.Random) -> bytes:
    plan = {"tasks": rng.choice((1, 10, 100, 1000)), "kind": rng.choice(KINDS),
            "delay_ms": round(rng.uniform(0, 40), 2), "seed": rng.randrange(1 << 30)}
    return json.dumps(plan, sort_keys=True).encode()


def _project(n_tasks: int, tag: str) -> persist.Project:
    comp = Component.from_source("def step(x: int) -> int:\n    return x + 1\n", id="step")
    tasks = [Task(f"t{i}", f"t{i}", "step", after=[f"t{i - 1}"] if i else [])
             for i in range(n_tasks)]
    return persist.Project(Pipeline(f"save-{tag}", f"content {tag} " * 20,
                                    [PipelineParam("x", "int", 1, True)], [comp], tasks),
                           {f"t{i}": (i * 10.0, 0.0) for i in range(n_tasks)})


_texts: dict[int, tuple[str, str]] = {}


def _contents(n_tasks: int) -> tuple[str, str]:
    """Project texts A and B (cached: writing them out is not what a kill interrupts)."""
    if n_tasks not in _texts:
        _texts[n_tasks] = (persist.dumps(_project(n_tasks, "A")),
                           persist.dumps(_project(n_tasks, "B")))
    return _texts[n_tasks]


def _saver(target: Path, texts: tuple[str, str]) -> None:
    """The child: save A, B, A, B... the way persist.save writes, until killed."""
    i = 0
    while True:
        persist.atomic_write_text(target, texts[i % 2])
        i += 1


def check(data: bytes, workdir: Path) -> str:
    plan = json.loads(data)
    if plan.get("kind") not in KINDS:
        return "refused"
    old_text = "old content\n"
    a, b = _contents(plan["tasks"])
    allowed = {old_text, a, b}
    real = workdir / "real.kfpd"
    real.write_text(old_text)
    target = real
    if plan["kind"] == "symlink":
        target = workdir / "link.kfpd"
        target.symlink_to("real.kfpd")
    if plan["kind"] == "mode640":
        os.chmod(real, 0o640)
    mode = stat.S_IMODE(real.stat().st_mode)
    pid = os.fork()
    if pid == 0:                                  # the child never returns
        try:
            _saver(target, (a, b))
        finally:
            os._exit(0)
    time.sleep(plan["delay_ms"] / 1000)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    content = real.read_text()
    if content not in allowed:
        raise checks.Wrong(f"after kill -9 the file holds neither old nor new content "
                           f"({len(content)} characters)")
    if plan["kind"] == "symlink" and not (target.is_symlink() and
                                          os.readlink(target) == "real.kfpd"):
        raise checks.Wrong("the symlink was replaced")
    if stat.S_IMODE(real.stat().st_mode) != mode:
        raise checks.Wrong(f"the mode changed from {oct(mode)} to "
                           f"{oct(stat.S_IMODE(real.stat().st_mode))}")
    left_by_kill = sorted(p.name for p in workdir.iterdir() if p.name.startswith("."))
    persist.atomic_write_text(target, a)         # this process: the killed pid is dead
    if real.read_text() != a:
        raise checks.Wrong("the save after the kill did not write")
    left = sorted(p.name for p in workdir.iterdir() if p.name.startswith("."))
    if left:
        raise checks.Wrong(f"temp files left after the next save: {left}")
    return "kill left a temp file" if left_by_kill else "kill left no temp file"
