"""What runs in a local run with control flow: task instances and loop instances (no Qt).

A task outside loops has one instance, its own record. A task inside loops has one
instance per iteration (``path``: the iteration indices of its loops, outermost first),
made when its loop is expanded, i.e. when the loop's items are known; its own record
sums the iterations up. A loop instance ``(loop, path)`` is the loop inside the iteration
``path`` of its enclosing loops.

Dependencies go from an instance to the producer's instance in the same iterations; a
producer inside loops the consumer is not in (``dsl.Collected``, an exit handler around a
loop) is the loop instance that holds all its iterations: done when they all are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from designer.ir import OutputRef, Pipeline, Task
from designer.ir.groups import ancestors
from designer.ir.model import Collected, OneOf

from .events import Status
from .flow import Shape, condition_refs, group_loops, shapes
from .records import TaskRecord


@dataclass
class TaskInst:
    task: Task
    path: tuple[int, ...]
    items: dict[str, Any]          # loop id -> its current item
    rec: TaskRecord


@dataclass
class LoopInst:
    loop: str
    path: tuple[int, ...]
    items: dict[str, Any]          # the enclosing loops' current items
    expanded: bool = False
    status: Status | None = None   # set when it never expands (items not available)
    reason: str | None = None
    count: int = 0


# A dependency's target: ("task", instance key) or ("loop", (loop id, path)).
Target = tuple[str, Any]
# How a task depends on it: "data" (needs its value), "after" (ordering: a branch not
# taken counts as done, as Argo's DAG does), "oneof" (one of several), "exit" (any end).
Dep = tuple[Target, str, str]   # target, mode, producer task id


def inst_key(task_id: str, path: tuple[int, ...]) -> str:
    return task_id if not path else f"{task_id}#{'.'.join(map(str, path))}"


@dataclass
class Flow:
    pipeline: Pipeline
    shape: dict[str, Shape] = field(init=False)
    tasks: dict[str, TaskInst] = field(default_factory=dict)
    loops: dict[tuple[str, tuple[int, ...]], LoopInst] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.shape = shapes(self.pipeline)
        self._deps: dict[str, list[tuple[str, str]]] = {}
        p = self.pipeline
        for t in p.tasks:
            deps: list[tuple[str, str]] = []
            for arg in t.arguments.values():
                mode = "oneof" if isinstance(arg, OneOf) else "data"
                refs = arg.refs if isinstance(arg, OneOf) else (
                    (arg.ref,) if isinstance(arg, Collected) else _refs(arg))
                deps += [(r.task_id, mode) for r in refs]
            deps += [(r.task_id, "data") for r in condition_refs(p, t)]
            deps += [(u, "after") for u in t.after]
            for g in p.groups:
                if g.kind == "exit_handler" and g.exit_task == t.id:
                    deps += [(m.id, "exit") for m in p.tasks
                             if any(a.id == g.id for a in ancestors(p, m.group))]
            self._deps[t.id] = deps

    # --- structure -----------------------------------------------------------------------

    def loops_of(self, task_id: str) -> tuple[str, ...]:
        return self.shape[task_id].loops

    def target(self, producer: str, consumer_loops: tuple[str, ...],
               path: tuple[int, ...]) -> Target:
        """The instance of ``producer`` a consumer in iterations ``path`` of
        ``consumer_loops`` reads."""
        loops = self.loops_of(producer)
        common = 0
        while common < min(len(loops), len(consumer_loops)) and \
                loops[common] == consumer_loops[common]:
            common += 1
        if len(loops) == common:
            return ("task", inst_key(producer, path[:common]))
        return ("loop", (loops[common], path[:common]))

    def deps(self, inst: TaskInst) -> list[Dep]:
        loops = self.loops_of(inst.task.id)
        return [(self.target(u, loops, inst.path), mode, u)
                for u, mode in self._deps[inst.task.id] if u in self.shape]

    def loop_deps(self, li: LoopInst) -> list[Dep]:
        group = next(g for g in self.pipeline.groups if g.id == li.loop)
        outer = group_loops(self.pipeline, group.parent) if group.parent else ()
        return [(self.target(r.task_id, outer, li.path), "data", r.task_id)
                for r in _refs(group.items) if r.task_id in self.shape]

    def nested_loops(self, loop_id: str | None) -> list[str]:
        """Loops whose nearest enclosing loop is ``loop_id`` (None: the pipeline root)."""
        out = []
        for g in self.pipeline.groups:
            if g.kind == "loop":
                outer = group_loops(self.pipeline, g.parent) if g.parent else ()
                if (outer[-1] if outer else None) == loop_id:
                    out.append(g.id)
        return out

    def tasks_in_loop(self, loop_id: str | None) -> list[Task]:
        """Tasks whose innermost loop is ``loop_id`` (None: tasks in no loop)."""
        return [t for t in self.pipeline.tasks
                if (self.loops_of(t.id)[-1] if self.loops_of(t.id) else None) == loop_id]

    # --- state ---------------------------------------------------------------------------

    def members(self, loop_id: str, path: tuple[int, ...]) -> Iterator[TaskInst | LoopInst]:
        depth = len(path)
        for inst in self.tasks.values():
            loops = self.loops_of(inst.task.id)
            if len(loops) > depth and loops[depth] == loop_id and inst.path[:depth] == path:
                yield inst
        for (lid, lpath), li in self.loops.items():
            if lid != loop_id and len(lpath) > depth and lpath[:depth] == path:
                outer = group_loops(self.pipeline, lid)
                if len(outer) > depth and outer[depth] == loop_id:
                    yield li

    def loop_status(self, loop_id: str, path: tuple[int, ...]) -> Status:
        """PENDING until every iteration is done; then how they ended, summed up."""
        li = self.loops.get((loop_id, path))
        if li is None:
            return Status.PENDING
        if li.status is not None:
            return li.status
        if not li.expanded:
            return Status.PENDING
        statuses = []
        for m in self.members(loop_id, path):
            s = m.rec.status if isinstance(m, TaskInst) else self.loop_status(m.loop, m.path)
            if not s.done:
                return Status.PENDING
            statuses.append(s)
        return summed(statuses)

    def status(self, target: Target) -> Status:
        kind, key = target
        if kind == "task":
            inst = self.tasks.get(key)
            return inst.rec.status if inst is not None else Status.PENDING
        return self.loop_status(*key)

    def running_in(self, loop_id: str, path: tuple[int, ...]) -> int:
        return sum(1 for m in self.members(loop_id, path)
                   if isinstance(m, TaskInst) and m.rec.status == Status.RUNNING)

    def loop_progress(self, loop_id: str) -> tuple[int, int, int]:
        """(done, failed, total) iterations of a loop, over all its instances (a loop in a
        loop has one per outer iteration). An iteration is done when every task instance
        and nested loop in it is; failed when one of its tasks failed. One pass over the
        instances: the run calls it once per scheduling round, not per task."""
        depth = len(group_loops(self.pipeline, loop_id)) - 1
        total = sum(li.count for (lid, _), li in self.loops.items()
                    if lid == loop_id and li.expanded)
        open_: set[tuple[int, ...]] = set()
        failed: set[tuple[int, ...]] = set()
        for inst in self.tasks.values():
            loops = self.loops_of(inst.task.id)
            if len(loops) > depth and loops[depth] == loop_id:
                prefix = inst.path[:depth + 1]
                if not inst.rec.status.done:
                    open_.add(prefix)
                elif inst.rec.status == Status.FAILED:
                    failed.add(prefix)
        for (lid, lpath), li in self.loops.items():
            outer = group_loops(self.pipeline, lid)
            if lid != loop_id and len(outer) > depth + 1 and outer[depth] == loop_id and \
                    not li.expanded and li.status is None:
                open_.add(lpath[:depth + 1])
        done = total - len(open_)
        return done, len(failed - open_), total

    def iterations(self, task_id: str) -> list[TaskInst]:
        return sorted((i for i in self.tasks.values() if i.task.id == task_id and i.path),
                      key=lambda i: i.path)


def summed(statuses: list[Status]) -> Status:
    """How a set of ends reads as one: the worst of them; nothing ran counts as success."""
    for worst in (Status.FAILED, Status.CANCELLED, Status.SKIPPED):
        if worst in statuses:
            return worst
    if statuses and all(s == Status.CONDITION_FALSE for s in statuses):
        return Status.CONDITION_FALSE
    return Status.SUCCEEDED


def _refs(arg: Any) -> list[OutputRef]:
    from designer.ir.model import argument_refs
    return argument_refs(arg) if arg is not None else []


__all__ = ["Flow", "TaskInst", "LoopInst", "inst_key", "summed"]
