"""The records of a lesson: texts in two languages, steps, and their conditions.

Conditions are plain data over the pipeline (a task of a component exists, an input is
wired from a parameter...). ``checks`` says whether they hold; ``model.lesson_plan``
turns the unmet ones into edits ("Show me"). Tasks are named by their component and
their rank among that component's tasks (``nth``), never by ids or task names a
person may choose differently: that is also how kfp names them in the YAML
(``print-and-return-number``, ``print-and-return-number-2``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

LANGS = ("en", "ko")


@dataclass(frozen=True)
class Text:
    """One text in English and Korean; ``get`` falls back to English."""
    en: str
    ko: str = ""

    def get(self, lang: str | None) -> str:
        return (self.ko if lang == "ko" and self.ko else self.en)


Pos = tuple[float, float]


@dataclass(frozen=True)
class TaskRef:
    """The ``nth`` (1-based) task of ``component`` (a function name), in pipeline order."""
    component: str
    nth: int = 1


@dataclass(frozen=True)
class FromParam:
    name: str


@dataclass(frozen=True)
class FromOutput:
    task: TaskRef
    output: str = "Output"


@dataclass(frozen=True)
class FromValue:
    value: Any


@dataclass(frozen=True)
class FromLoopItem:
    """The current item of the loop the task is in (``from_loop_item: true``)."""


Source = Union[FromParam, FromOutput, FromValue, FromLoopItem]


@dataclass(frozen=True)
class PipelineCond:
    """``pipeline: {name: example_pipeline}``"""
    name: str
    line: int = 0


@dataclass(frozen=True)
class ParamCond:
    """``param: {name: n, type: int, default: 3}``; ``at``: where "Show me" puts it."""
    name: str
    type: str | None = None
    has_default: bool = False
    default: Any = None
    at: Pos | None = None
    line: int = 0


@dataclass(frozen=True)
class TaskCond:
    """``task_exists: {component: c, count: 2}``: at least ``count`` tasks of ``c``;
    ``at``: where "Show me" puts each (one position per task, in order)."""
    component: str
    count: int = 1
    at: tuple[Pos, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class ArgumentCond:
    """``argument: {task_of: c, nth: 1, input: x, from_param: p}`` (or ``from_output:
    {task_of: c, nth: 1, output: Output}``, or ``value: 3``, or ``from_loop_item: true``:
    the item of a loop around the task)."""
    task: TaskRef
    input: str
    source: Source
    line: int = 0


@dataclass(frozen=True)
class AfterCond:
    """``after: {task_of: c, nth: 2, runs_after: {task_of: c, nth: 1}}``: an explicit
    ``.after()`` dependency."""
    task: TaskRef
    runs_after: TaskRef
    line: int = 0


@dataclass(frozen=True)
class CompiledCond:
    """``compiled_equals: {v1: file.yaml}`` (the compiled YAML equals the file next to the
    lesson, its compilation time aside) or ``compiled_contains: {v1: "text"}``."""
    target: str
    equals_file: Path | None = None
    contains: str | None = None
    line: int = 0


@dataclass(frozen=True)
class GroupCond:
    """``group: {kind: condition, holds: {task_of: c, nth: 1}, left: {from_param: a},
    operator: "<", right: {value: 3}}`` or ``group: {kind: loop, holds: {task_of: c},
    items: [1, 2, 3]}``: the task is inside a group of that kind (at any depth) whose
    fields are these. The sides of a condition are sources like an argument's (no loop
    item); ``items`` is a list of plain values."""
    kind: str                       # condition | loop
    holds: TaskRef
    left: Source | None = None
    operator: str | None = None
    right: Source | None = None
    items: tuple[Any, ...] | None = None
    line: int = 0


Condition = Union[PipelineCond, ParamCond, TaskCond, ArgumentCond, AfterCond, GroupCond,
                  CompiledCond]


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    text: Text          # what to do and why: the concept
    hint: Text
    check: tuple[Condition, ...]
    line: int = 0


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]
    path: str = ""
    order: int = 100            # where it is listed among the lessons
    bundled: bool = False

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)
