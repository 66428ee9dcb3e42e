"""The pipeline IR: plain dataclasses, no Qt, no kfp.

A pipeline owns components (Python functions) and tasks (uses of a component).
Task arguments hold real references: a pipeline parameter by name, an upstream
task by its stable id. Ids are uuid strings, never memory addresses.
"""
from __future__ import annotations

import graphlib
import heapq
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterator, Union

from .naming import unique_name
from .signature import Signature, signature_from_source


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Constant:
    value: Any


@dataclass(frozen=True)
class ParamRef:
    """The value of a pipeline parameter."""
    name: str


@dataclass(frozen=True)
class OutputRef:
    """A named output of an upstream task."""
    task_id: str
    output: str


Argument = Union[Constant, ParamRef, OutputRef]


@dataclass
class Component:
    """A function component. ``source`` is the ``def`` text (no decorators).

    ``signature`` is the last successfully parsed signature of ``source``; while
    a user is typing, ``source`` may not parse and the signature keeps its last
    good state (validation reports the syntax error).
    """
    id: str
    source: str
    signature: Signature
    base_image: str | None = None
    packages_to_install: list[str] = field(default_factory=list)

    @classmethod
    def from_source(cls, source: str, *, id: str | None = None, base_image: str | None = None,
                    packages_to_install: list[str] | None = None) -> "Component":
        """Raises SignatureError when ``source`` is not a usable component function."""
        return cls(id=id or new_id(), source=source, signature=signature_from_source(source),
                   base_image=base_image, packages_to_install=list(packages_to_install or []))

    @property
    def name(self) -> str:
        return self.signature.function_name


@dataclass
class PipelineParam:
    name: str
    annotation: str | None = None
    default: Any = None
    has_default: bool = False
    # kfp reads it from the pipeline function's docstring (Args: / :param:).
    description: str | None = None


@dataclass
class Task:
    """One use of a component. ``name`` is the Python variable a person would write."""
    id: str
    name: str
    component_id: str
    arguments: dict[str, Argument] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)

    def upstream_ids(self) -> list[str]:
        """Ids this task depends on: data references first, then `.after()`; no repeats."""
        ids = [a.task_id for a in self.arguments.values() if isinstance(a, OutputRef)]
        return list(dict.fromkeys(ids + self.after))


@dataclass
class Pipeline:
    name: str
    description: str | None = None
    params: list[PipelineParam] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    # The Python function that defines the pipeline (export); defaults from the name.
    function_name: str | None = None

    # --- look-ups (linear scans: pipelines are small and callers hold ids) ---
    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def component_named(self, name: str) -> Component | None:
        return next((c for c in self.components if c.name == name), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def task_named(self, name: str) -> Task | None:
        return next((t for t in self.tasks if t.name == name), None)

    def param(self, name: str) -> PipelineParam | None:
        return next((p for p in self.params if p.name == name), None)

    def component_of(self, task: Task) -> Component:
        comp = self.component(task.component_id)
        if comp is None:
            raise KeyError(f"task {task.name!r} uses unknown component {task.component_id!r}")
        return comp

    def downstream_ids(self, task_id: str) -> list[str]:
        return [t.id for t in self.tasks if task_id in t.upstream_ids()]

    def topological_tasks(self) -> list[Task]:
        """Tasks in dependency order, ties kept in document order.

        Raises graphlib.CycleError on a cycle (validation reports cycles first).
        """
        by_id = {t.id: t for t in self.tasks}
        sorter = graphlib.TopologicalSorter(
            {t.id: [u for u in t.upstream_ids() if u in by_id] for t in self.tasks})
        order = {t.id: i for i, t in enumerate(self.tasks)}
        sorter.prepare()
        out: list[Task] = []
        # One task at a time, the earliest ready one: a document order that is already
        # valid comes back unchanged (kfp names repeated ops -2, -3 in creation order).
        ready: list[int] = []  # a heap of document positions
        ids = [t.id for t in self.tasks]
        while sorter.is_active():
            for i in sorter.get_ready():
                heapq.heappush(ready, order[i])
            first = ids[heapq.heappop(ready)]
            out.append(by_id[first])
            sorter.done(first)
        return out

    def iter_references(self) -> Iterator[tuple[Task, str, Argument]]:
        for task in self.tasks:
            for input_name, arg in task.arguments.items():
                yield task, input_name, arg

    def unique_task_name(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3``... whichever is free."""
        return unique_name(base, {t.name for t in self.tasks})

    def python_function_name(self) -> str:
        if self.function_name:
            return self.function_name
        name = re.sub(r"\W+", "_", self.name.strip().lower()).strip("_") or "pipeline"
        return name if not name[0].isdigit() else f"pipeline_{name}"
