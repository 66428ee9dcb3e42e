"""Whether a step's conditions hold for a pipeline: pure functions over the IR.

A task reference (``TaskRef``) is the nth task of a component, in pipeline order; a
component is known by its function name. A ``group`` condition holds when a group of
its kind with its fields encloses the task at any depth. ``compiled_*`` conditions compile the pipeline
(a pipeline that does not compile yet does not meet them).
"""
from __future__ import annotations

import re
from pathlib import Path

from designer.ir import Constant, OutputRef, ParamRef, Pipeline, Task
from designer.ir.errors import InputError
from designer.ir.groups import Group, task_groups
from designer.ir.model import LoopItem

from .data import (
    AfterCond,
    ArgumentCond,
    CompiledCond,
    Condition,
    FromOutput,
    FromLoopItem,
    FromParam,
    GroupCond,
    ParamCond,
    PipelineCond,
    Source,
    Step,
    TaskCond,
    TaskRef,
)

# kfp 1.x stamps the time of compiling into the YAML: compared without it.
_COMPILE_TIME = re.compile(r"(pipelines\.kubeflow\.org/pipeline_compilation_time: )'[^']*'")


def tasks_of(p: Pipeline, component: str) -> list[Task]:
    """The tasks of the component whose function is ``component``, in pipeline order."""
    ids = {c.id for c in p.components if c.name == component}
    return [t for t in p.tasks if t.component_id in ids]


def find_task(p: Pipeline, ref: TaskRef) -> Task | None:
    tasks = tasks_of(p, ref.component)
    return tasks[ref.nth - 1] if len(tasks) >= ref.nth else None


def without_compile_time(text: str) -> str:
    return _COMPILE_TIME.sub(r"\1'…'", text)


def compiled(p: Pipeline, target: str) -> str | None:
    """The pipeline compiled to ``target``, or None while it does not compile."""
    from designer.compiler import compile_pipeline
    try:
        return str(compile_pipeline(p, target, compile_time="2000-01-01T00:00:00"))
    except (InputError, ValueError, KeyError, TypeError):
        return None


def _same_value(a: object, b: object) -> bool:
    """Equal and of the same types (1 is not True, [1] is not [1.0])."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def loops_around(p: Pipeline, task: Task) -> list[Group]:
    """The loops enclosing ``task``, innermost first."""
    return [g for g in task_groups(p, task.id) if g.kind == "loop"]


def comes_from(p: Pipeline, arg: object, source: Source, task: Task) -> bool:
    """Whether ``arg`` (of ``task``, or of a group around it) is what ``source`` names."""
    if isinstance(source, FromParam):
        return isinstance(arg, ParamRef) and arg.name == source.name
    if isinstance(source, FromOutput):
        up = find_task(p, source.task)
        return (up is not None and isinstance(arg, OutputRef) and arg.task_id == up.id
                and arg.output == source.output)
    if isinstance(source, FromLoopItem):
        return (isinstance(arg, LoopItem) and arg.fields == ()
                and any(g.id == arg.loop for g in loops_around(p, task)))
    return isinstance(arg, Constant) and _same_value(arg.value, source.value)


def _argument(p: Pipeline, c: ArgumentCond) -> bool:
    task = find_task(p, c.task)
    return task is not None and comes_from(p, task.arguments.get(c.input), c.source, task)


def group_matches(p: Pipeline, g: Group, c: GroupCond, task: Task) -> bool:
    """Whether group ``g`` (around ``task``) is the group ``c`` asks for."""
    if g.kind != c.kind:
        return False
    if c.kind == "loop":
        return isinstance(g.items, Constant) and _same_value(g.items.value, list(c.items))
    cond = g.condition
    return (g.branch in (None, "if") and cond is not None and cond.operator == c.operator
            and comes_from(p, cond.left, c.left, task)
            and comes_from(p, cond.right, c.right, task))


def _group(p: Pipeline, c: GroupCond) -> bool:
    task = find_task(p, c.holds)
    return task is not None and any(group_matches(p, g, c, task)
                                    for g in task_groups(p, task.id))


def _compiled(p: Pipeline, c: CompiledCond) -> bool:
    text = compiled(p, c.target)
    if text is None:
        return False
    if c.contains is not None:
        return c.contains in text
    expected = Path(c.equals_file).read_text(encoding="utf-8")
    return without_compile_time(text) == without_compile_time(expected)


def holds(c: Condition, p: Pipeline) -> bool:
    """Whether condition ``c`` holds for pipeline ``p``."""
    if isinstance(c, PipelineCond):
        return p.name == c.name
    if isinstance(c, ParamCond):
        prm = p.param(c.name)
        return (prm is not None and (c.type is None or prm.annotation == c.type)
                and (not c.has_default or (prm.has_default and prm.default == c.default)))
    if isinstance(c, TaskCond):
        return len(tasks_of(p, c.component)) >= c.count
    if isinstance(c, ArgumentCond):
        return _argument(p, c)
    if isinstance(c, AfterCond):
        task, before = find_task(p, c.task), find_task(p, c.runs_after)
        return task is not None and before is not None and before.id in task.after
    if isinstance(c, GroupCond):
        return _group(p, c)
    if isinstance(c, CompiledCond):
        return _compiled(p, c)
    raise TypeError(f"not a lesson condition: {c!r}")


def unmet(step: Step, p: Pipeline) -> list[Condition]:
    """The conditions of ``step`` that do not hold yet, in the order written."""
    return [c for c in step.check if not holds(c, p)]


def step_done(step: Step, p: Pipeline) -> bool:
    return not unmet(step, p)


__all__ = ["tasks_of", "find_task", "loops_around", "comes_from", "group_matches", "compiled",
           "without_compile_time", "holds", "unmet", "step_done"]
