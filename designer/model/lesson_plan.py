"""What "Show me" does for a lesson step: the ops that make its unmet conditions hold.

Qt-free: ``plan_step`` reads the pipeline and returns ops; ``commands.ShowLessonStep``
pushes them as ONE undoable command. The ops are worked out against a scratch copy of the
pipeline, in the order the conditions are written, so a later condition sees what an
earlier one added (the second task, the parameter it is wired from). Components come from
the document when it has them, else from the bundled library, the way a drop adds them.
Groups are made and edited with the ops of ``grouping`` and ``SetGroup``, as the "Group in
Condition… / Loop…" and group-properties commands do.
"""
from __future__ import annotations

import copy
from typing import Any

from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.ir import new_id
from designer.ir.groups import Condition as GroupCondition
from designer.ir.groups import Group, task_groups
from designer.ir.model import LoopItem
from designer.lessons import checks
from designer.lessons.data import (
    AfterCond,
    ArgumentCond,
    CompiledCond,
    Condition,
    FromLoopItem,
    FromOutput,
    FromParam,
    GroupCond,
    ParamCond,
    PipelineCond,
    Source,
    Step,
    TaskCond,
    TaskRef,
)

from . import grouping
from . import ops as O
from .library import LibraryComponent
from .ops import Op, Pos
from .rules import PARAM_PREFIX

COLUMN = 260.0   # where "Show me" puts a node no lesson placed: right of the others


class PlanError(ValueError):
    """The step cannot be shown (a lesson names a component nobody has...)."""


class _Planner:
    def __init__(self, pipeline: Pipeline, layout: dict[str, Pos],
                 library: dict[str, LibraryComponent]):
        self.p = copy.deepcopy(pipeline)
        self.layout = dict(layout)
        self.library = library
        self.ops: list[Op] = []

    def free_spot(self) -> Pos:
        if not self.layout:
            return (COLUMN, 0.0)
        return (max(x for x, _y in self.layout.values()) + COLUMN,
                min(y for _x, y in self.layout.values()))

    def component(self, name: str) -> str:
        for comp in self.p.components:
            if comp.name == name:
                return comp.id
        entry = self.library.get(name)
        if entry is None:
            raise PlanError(f"no component `{name}` in the pipeline or the library")
        comp = entry.to_component()
        if self.p.component(comp.id) is not None:
            comp = Component(id=new_id(), source=comp.source, signature=comp.signature,
                             base_image=comp.base_image,
                             packages_to_install=list(comp.packages_to_install))
        self.ops.append(O.InsertComponent(len(self.p.components), comp))
        self.p.components.append(copy.deepcopy(comp))
        return comp.id

    def task(self, ref: TaskRef, at: tuple[Pos, ...] = ()) -> Task:
        """The referenced task, adding tasks of its component until it exists."""
        cid = self.component(ref.component)
        while len(checks.tasks_of(self.p, ref.component)) < ref.nth:
            index = len(checks.tasks_of(self.p, ref.component))
            pos = at[index] if index < len(at) else self.free_spot()
            task = Task(id=new_id(), name=self.p.unique_task_name(ref.component),
                        component_id=cid)
            self.ops.append(O.InsertTask(len(self.p.tasks), task, pos))
            self.p.tasks.append(copy.deepcopy(task))
            self.layout[task.id] = pos
        found = checks.find_task(self.p, ref)
        assert found is not None
        return found

    def param(self, c: ParamCond) -> None:
        new = PipelineParam(c.name, c.type, c.default if c.has_default else None, c.has_default)
        old = self.p.param(c.name)
        if old is None:
            self.ops.append(O.InsertParam(len(self.p.params), new))
            self.p.params.append(new)
            pos = c.at or self.free_spot()
            self.ops.append(O.SetPositions({PARAM_PREFIX + c.name: pos}))
            self.layout[PARAM_PREFIX + c.name] = pos
        else:
            new.description = old.description
            if c.type is None:
                new.annotation = old.annotation
            if not c.has_default:
                new.default, new.has_default = old.default, old.has_default
            self.ops.append(O.ReplaceParam(c.name, new))
            self.p.params[self.p.params.index(old)] = new

    def set_task(self, task: Task, fields: dict[str, Any]) -> None:
        self.ops.append(O.SetTask(task.id, copy.deepcopy(fields)))
        for k, v in fields.items():
            setattr(task, k, v)

    def source(self, source: Source, task: Task, annotation: Any = None) -> Any:
        """The IR argument ``source`` names, for an input of ``task`` (or a group around
        it); a missing parameter is added with the input's type."""
        if isinstance(source, FromParam):
            if self.p.param(source.name) is None:
                self.param(ParamCond(source.name, annotation))
            return ParamRef(source.name)
        if isinstance(source, FromOutput):
            return OutputRef(self.task(source.task).id, source.output)
        if isinstance(source, FromLoopItem):
            loops = checks.loops_around(self.p, task)
            if not loops:
                raise PlanError(f"`{task.name}` is in no loop: a `group: {{kind: loop}}` "
                                "condition must come first")
            return LoopItem(loops[0].id)
        return Constant(source.value)

    def argument(self, c: ArgumentCond) -> None:
        task = self.task(c.task)
        comp = self.p.component(task.component_id)
        spec = comp.signature.input(c.input)
        if spec is None:
            raise PlanError(f"`{c.task.component}` has no input `{c.input}`")
        args = dict(task.arguments)
        args[c.input] = self.source(c.source, task, spec.annotation)
        rank = {i.name: n for n, i in enumerate(comp.signature.inputs)}
        self.set_task(task, {"arguments": dict(sorted(args.items(),
                                                      key=lambda kv: rank.get(kv[0], 1 << 30)))})

    def group(self, c: GroupCond) -> None:
        """Edit the innermost group of the kind around the task (what Edit group does),
        else make one around the task alone (what Group in a condition / loop does)."""
        task = self.task(c.holds)
        fields: dict[str, Any]
        if c.kind == "loop":
            fields = {"items": Constant(list(c.items))}
        else:
            fields = {"condition": GroupCondition(self.source(c.left, task), c.operator,
                                                  self.source(c.right, task))}
        around = next((g for g in task_groups(self.p, task.id) if g.kind == c.kind
                       and (c.kind == "loop" or g.branch in (None, "if"))), None)
        if around is not None:
            self.ops.append(O.SetGroup(around.id, copy.deepcopy(fields)))
            for k, v in fields.items():
                setattr(around, k, v)
            return
        group = Group(new_id(), c.kind, **fields)
        if grouping.group_refusal(self.p, [task.id], [], group) is not None:
            raise PlanError(f"`{task.name}` cannot be put in a {c.kind}")
        ops = grouping.group_ops(self.p, [task.id], [], group)
        self.ops += copy.deepcopy(ops)
        self.p.groups.insert(ops[0].index, group)
        task.group = group.id

    def apply(self, c: Condition) -> None:
        if checks.holds(c, self.p):
            return
        if isinstance(c, PipelineCond):
            self.ops.append(O.SetInfo({"name": c.name}))
            self.p.name = c.name
        elif isinstance(c, ParamCond):
            self.param(c)
        elif isinstance(c, TaskCond):
            self.task(TaskRef(c.component, c.count), c.at)
        elif isinstance(c, ArgumentCond):
            self.argument(c)
        elif isinstance(c, AfterCond):
            before = self.task(c.runs_after)
            task = self.task(c.task)
            self.set_task(task, {"after": [*task.after, before.id]})
        elif isinstance(c, GroupCond):
            self.group(c)
        elif isinstance(c, CompiledCond):
            pass    # what compiles follows from the other conditions


def plan_step(step: Step, pipeline: Pipeline, layout: dict[str, Pos],
              library: dict[str, LibraryComponent]) -> list[Op]:
    """The ops that make ``step``'s unmet conditions hold (empty when all hold)."""
    planner = _Planner(pipeline, layout, library)
    for c in step.check:
        planner.apply(c)
    return planner.ops


__all__ = ["PlanError", "plan_step"]
