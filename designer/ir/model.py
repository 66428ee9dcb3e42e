"""The pipeline IR: plain dataclasses, no Qt, no kfp.

A pipeline owns components (Python functions here; container steps and component
specs in ``components``; other pipelines used as components in ``subpipeline``), tasks (uses of a component), and groups (conditions, loops,
exit handlers: ``groups``). Task arguments hold real references: a pipeline parameter
by name, an upstream task by its stable id, the item of an enclosing loop. Ids are
random hex strings, never memory addresses. How a task runs on a cluster is its
``settings`` (``settings``).
"""
from __future__ import annotations

import graphlib
import heapq
import os
import random
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Union

from .components import ContainerComponent
from .groups import Group
from .naming import component_name, unique_name
from .settings import PipelineConf, TaskSettings
from .volumes import VolumeComponent  # noqa: F401  (in AnyComponent)
from .subpipeline import PipelineComponent  # noqa: F401  (in AnyComponent)
from .importer import ImporterComponent  # noqa: F401  (in AnyComponent)
from .signature import Signature, signature_from_source


# Ids are 48 random bits, as uuid4().hex[:12] gave (its first 12 digits are all random),
# drawn from a generator of their own: seeded from the OS once (and again in a forked
# child), not by a system call per id (the importer makes one per task and group: 5% of
# reading a 1,000-task file), and deaf to anyone seeding ``random``.
_ids = random.Random()
os.register_at_fork(after_in_child=_ids.seed)


def new_id() -> str:
    return "%012x" % _ids.getrandbits(48)


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


@dataclass(frozen=True)
class LoopItem:
    """The current item of the loop group ``loop`` (``item``), or a field of it
    (``item.a`` -> ``fields=("a",)``)."""
    loop: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunPlaceholder:
    """A value the backend fills in at run time. ``name`` is the designer's name for it:
    "run_id", "run_name", "job_name", "job_resource_name", "task_name", "task_id",
    "job_create_time", "job_schedule_time", "workflow_uid", "execution_id", "pipeline_root"
    (kfp 1 ``RUN_ID_PLACEHOLDER`` is ``{{workflow.uid}}``, kfp 2
    ``dsl.PIPELINE_JOB_NAME_PLACEHOLDER``...).
    The importer maps kfp's constants (designer/importers/_kfp_calls.py, RUN_PLACEHOLDERS):
    kfp 1 ``RUN_ID_PLACEHOLDER`` -> run_id, ``EXECUTION_ID_PLACEHOLDER``
    (``{{workflow.uid}}-{{pod.name}}``) -> execution_id; kfp 2 ``PIPELINE_JOB_ID_PLACEHOLDER``
    -> run_id, ``PIPELINE_JOB_NAME_PLACEHOLDER`` -> job_name, ``..._JOB_RESOURCE_NAME_...``
    -> job_resource_name, ``PIPELINE_TASK_NAME_PLACEHOLDER`` -> task_name,
    ``PIPELINE_TASK_ID_PLACEHOLDER`` -> task_id, ``..._JOB_CREATE_TIME_UTC_...`` ->
    job_create_time, ``..._JOB_SCHEDULE_TIME_UTC_...`` -> job_schedule_time,
    ``PIPELINE_ROOT_PLACEHOLDER`` -> pipeline_root."""
    name: str


@dataclass(frozen=True)
class Concat:
    """A string built from parts: an f-string, ``+``, ``%`` or ``str.format`` over
    parameters, outputs, loop items and run placeholders (``parts`` are str literals and
    Arguments, adjacent literals merged). ``str(x)`` alone is ``Concat((x,))``: kfp passes
    a string holding the value, which is not the same as passing ``x``."""
    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Collected:
    """kfp 2 ``dsl.Collected(task.outputs[...])``: the list of an output over all the
    iterations of the loops between the producer and the consumer."""
    ref: OutputRef


@dataclass(frozen=True)
class OneOf:
    """kfp 2 ``dsl.OneOf(a, b, ...)``: the output of whichever branch of an If/Elif/Else
    chain ran."""
    refs: tuple[OutputRef, ...]


Argument = Union[Constant, ParamRef, OutputRef, LoopItem, RunPlaceholder, Concat, Collected,
                 OneOf]


def argument_refs(arg: Any) -> list[OutputRef]:
    """The task outputs an argument reads (inside expressions and collections too)."""
    if isinstance(arg, OutputRef):
        return [arg]
    if isinstance(arg, Collected):
        return [arg.ref]
    if isinstance(arg, OneOf):
        return list(arg.refs)
    if isinstance(arg, Concat):
        return [r for part in arg.parts for r in argument_refs(part)]
    return []


def argument_params(arg: Any) -> list[str]:
    """The pipeline parameters an argument reads."""
    if isinstance(arg, ParamRef):
        return [arg.name]
    if isinstance(arg, Concat):
        return [n for part in arg.parts for n in argument_params(part)]
    return []


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
    # kfp 2 ``@dsl.component`` install options (kfp 1 has none): what pip installs instead of
    # ``kfp==<version>``; the package indexes pip uses (the first one replaces PyPI); the
    # image a containerized Python component runs in (built by ``kfp component build``:
    # neither kfp nor the function's source is installed at run time).
    kfp_package_path: str | None = None
    pip_index_urls: list[str] = field(default_factory=list)
    target_image: str | None = None

    @classmethod
    def from_source(cls, source: str, *, id: str | None = None, base_image: str | None = None,
                    packages_to_install: list[str] | None = None,
                    **options: Any) -> "Component":
        """Raises SignatureError when ``source`` is not a usable component function.
        ``options``: the install options (kfp_package_path, pip_index_urls, target_image)."""
        return cls(id=id or new_id(), source=source, signature=signature_from_source(source),
                   base_image=base_image, packages_to_install=list(packages_to_install or []),
                   **options)

    def install_options(self) -> dict[str, Any]:
        """The kfp 2 install options set (by field name), for writers and copies."""
        return {k: v for k, v in (("kfp_package_path", self.kfp_package_path),
                                  ("pip_index_urls", list(self.pip_index_urls)),
                                  ("target_image", self.target_image)) if v}

    @property
    def name(self) -> str:
        return self.signature.function_name

    @property
    def kind(self) -> str:
        return "function"

    @property
    def kfp_name(self) -> str:
        """kfp's component name (``print_and_return_number`` -> ``Print and return number``)."""
        return component_name(self.signature.function_name)

    @property
    def python_name(self) -> str:
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

    # The group (condition, loop, exit handler) the task is in; None: the pipeline root.
    group: str | None = None
    settings: TaskSettings = field(default_factory=TaskSettings)

    def upstream_ids(self) -> list[str]:
        """Ids this task depends on: data references first, then `.after()`; no repeats."""
        ids = [r.task_id for a in self.arguments.values() for r in argument_refs(a)]
        return list(dict.fromkeys(ids + self.after))


AnyComponent = Union[Component, ContainerComponent, "VolumeComponent", "PipelineComponent",
                     "ImporterComponent"]


@dataclass
class Pipeline:
    name: str
    description: str | None = None
    params: list[PipelineParam] = field(default_factory=list)
    components: list[AnyComponent] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    # The Python function that defines the pipeline (export); defaults from the name.
    function_name: str | None = None
    # Conditions, loops and exit handlers, in the order the pipeline function entered them.
    groups: list[Group] = field(default_factory=list)
    conf: PipelineConf = field(default_factory=PipelineConf)
    display_name: str | None = None            # kfp 2 ``@dsl.pipeline(display_name=)``
    # kfp 2 pipeline outputs: name -> the task output it returns (an OutputRef, or a
    # Collected / OneOf of task outputs); one returned value is named "Output".
    outputs: dict[str, Argument] = field(default_factory=dict)
    # ``@dsl.pipeline(pipeline_root=)``: where a run's artifacts go (kfp 2's
    # ``defaultPipelineRoot``; kfp 1.8.9's ``pipeline-root`` parameter). kfp ignores an empty
    # one, and so does the designer: None and "" both mean unset.
    pipeline_root: str | None = None
    # kfp 2 writes these on the pipeline's outputs: the docstring's ``Returns:`` entries
    # (name -> text), or a component's own when the component is compiled as the pipeline.
    output_descriptions: dict[str, str] = field(default_factory=dict)

    # --- look-ups (linear scans: pipelines are small and callers hold ids) ---
    def component(self, component_id: str) -> AnyComponent | None:
        return next((c for c in self.components if c.id == component_id), None)

    def component_named(self, name: str) -> AnyComponent | None:
        return next((c for c in self.components if c.name == name), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def task_named(self, name: str) -> Task | None:
        return next((t for t in self.tasks if t.name == name), None)

    def param(self, name: str) -> PipelineParam | None:
        return next((p for p in self.params if p.name == name), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def component_of(self, task: Task) -> AnyComponent:
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
        # Most pipelines (every one read from Python) list each task after the tasks it
        # uses: that order is the answer, without the sorter (a tenth of compiling 1,000
        # tasks for v1). A task using itself or a later one takes the sorter's path below.
        done: set[str] = set()
        for t in self.tasks:
            if any(u in by_id and u not in done for u in t.upstream_ids()):
                break
            done.add(t.id)
        else:
            return list(self.tasks)
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

    def uses_param(self, name: str) -> bool:
        """Whether a task argument, a condition or a loop reads the parameter ``name``."""
        if any(name in argument_params(a) for _, _, a in self.iter_references()):
            return True
        for g in self.groups:
            sides = (g.condition.left, g.condition.right) if g.condition else ()
            if any(name in argument_params(a) for a in (*sides, g.items)):
                return True
        return False

    def unique_task_name(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3``... whichever is free."""
        return unique_name(base, {t.name for t in self.tasks})

    def python_function_name(self) -> str:
        if self.function_name:
            return self.function_name
        name = re.sub(r"\W+", "_", self.name.strip().lower()).strip("_") or "pipeline"
        return name if not name[0].isdigit() else f"pipeline_{name}"
