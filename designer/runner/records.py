"""Run records on disk: a run folder a person can open.

    <run folder>/
      run.json                 pipeline, parameter values, status, timings, every task
      pipeline.yaml            the compiled KFP v1 workflow the run executed
      tasks/<task name>/
        task.json              status, exit code, timings, argv, outputs, error, cache key
        stdout.log, stderr.log the task's output streams, as written
        outputs/<output>/data  output files (what /tmp/outputs/<output>/data is on a cluster)
        inputs/<input>/data    input files, for inputs the program reads from a file
        tmp/                   the task's TMPDIR (the sh wrapper writes the program here)
        launch/                program and arguments, when too long for a command line

Task, input and output names that are not plain portable file names get a sanitised name
plus a short hash of the name (``names.safe_names``): never shared, never outside.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .events import Status

SHOWN_VALUE_LIMIT = 65536  # output values above this are recorded as files only


@dataclass
class TaskRecord:
    id: str
    name: str
    component: str
    upstream: list[str]
    status: Status = Status.PENDING
    started: float | None = None        # wall-clock (time.time())
    finished: float | None = None
    duration: float | None = None       # seconds, monotonic
    exit_code: int | None = None
    argv: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)        # name -> value (text)
    output_files: dict[str, str] = field(default_factory=dict)   # name -> path
    error: str | None = None
    cache_key: str | None = None
    cached_from: str | None = None      # run folder that produced cached outputs
    folder: str | None = None
    display_name: str | None = None     # the task's display name setting, when it has one
    # One iteration of a task in loops: its indices (outermost loop first); ``task`` is
    # the task's id (the record with that id sums the iterations up).
    iteration: list[int] | None = None
    task: str | None = None

    @property
    def shown(self) -> str:
        """The name a person sees for the task (run panel, console)."""
        name = self.display_name or self.name
        return name + "".join(f"[{i}]" for i in self.iteration or ())

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["status"] = self.status.value
        doc["outputs"] = {k: v if len(v) <= SHOWN_VALUE_LIMIT else None
                          for k, v in self.outputs.items()}
        return doc


@dataclass
class RunResult:
    run_dir: Path
    pipeline: str
    status: Status = Status.RUNNING
    params: dict[str, str] = field(default_factory=dict)
    tasks: dict[str, TaskRecord] = field(default_factory=dict)   # id -> record, in order
    started: float = field(default_factory=time.time)
    duration: float | None = None
    interrupted: bool = False           # stopped by Ctrl+C / a signal

    @property
    def ok(self) -> bool:
        return self.status == Status.SUCCEEDED

    def by_name(self, name: str) -> TaskRecord:
        return next(t for t in self.tasks.values() if t.name == name)

    def to_json(self) -> dict[str, Any]:
        return {"pipeline": self.pipeline, "status": self.status.value, "params": self.params,
                "started": self.started, "duration": self.duration,
                "tasks": [t.to_json() for t in self.tasks.values()]}


def write_json(path: Path, doc: Any) -> None:
    """Write then rename, so a reader never sees half a record."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(doc, indent=1, default=str) + "\n")
    os.replace(tmp, path)


def folder_name(text: str) -> str:
    return re.sub(r"[^-_.0-9a-zA-Z]+", "-", text).strip("-.") or "pipeline"


def new_run_dir(runs_dir: Path, pipeline_name: str) -> Path:
    """``runs_dir/<timestamp>-<pipeline>``, with ``-2``, ``-3``... when taken."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    base = f"{time.strftime('%Y%m%d-%H%M%S')}-{folder_name(pipeline_name)}"
    n = 1
    while True:
        path = runs_dir / (base if n == 1 else f"{base}-{n}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            n += 1
