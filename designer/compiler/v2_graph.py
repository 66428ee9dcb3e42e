"""kfp 2.17.3's ``compiler/compiler_utils.py``, ported: what every group needs from
outside (its inputs, "punched" through the groups between producer and consumer), what it
surfaces for ``dsl.Collected`` and ``dsl.OneOf`` (renaming those channels as kfp does), and
which sibling each task or group depends on (the first uncommon ancestors of a producer
and its consumer), with kfp's refusals of dependencies across conditions, exit handlers
and loops.
"""
from __future__ import annotations

import collections
import copy
from typing import Any

from .v2_channels import (
    LOOP_CLASSES,
    ONE_OF,
    ArtifactChannel,
    Channel,
    Collected,
    LoopArgumentVariable,
    ParameterChannel,
    additional_input_name,
    channels_in,
)
from .v2_dag import KGroup, KTask, Model
from .v2_types import V2TypeError

ILLEGAL_CROSS_DAG = "Illegal task dependency across DSL context managers."


def _fail(message: str) -> V2TypeError:
    return V2TypeError(message)


# A recursive closure is a reference cycle (the function holds the cell that holds it) and
# keeps what it reads alive until the cyclic collector runs; the previews take big jobs'
# leftovers out of its sight (ui/heap.py), so each ``walk`` is let go when done.
def _all_groups(root: KGroup) -> list[KGroup]:
    out: list[KGroup] = []

    def walk(g: KGroup) -> None:
        out.append(g)
        for sub in g.groups:
            walk(sub)

    try:
        walk(root)
    finally:
        walk = None  # noqa: F841  (a recursive closure: see above)
    return out


def _parent_groups(root: KGroup) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    tasks_to: dict[str, list[str]] = {}
    groups_to: dict[str, list[str]] = {}

    def walk(current: list[KGroup]) -> None:
        top = current[-1]
        for g in top.groups:
            groups_to[g.name] = [x.name for x in current] + [g.name]
            current.append(g)
            walk(current)
            current.pop()
        for t in top.tasks:
            tasks_to[t.name] = [x.name for x in current] + [t.name]

    try:
        walk([root])
    finally:
        walk = None  # noqa: F841
    return tasks_to, groups_to


def _condition_channels(root: KGroup) -> dict[str, list[Channel]]:
    out: dict[str, list[Channel]] = collections.defaultdict(list)

    def walk(g: KGroup, current: list[Channel]) -> None:
        if g.kind == "condition":
            current = list(current) + [x for op in g.conditions for x in (op.left, op.right)
                                       if isinstance(x, Channel)]
        for t in g.tasks:
            have = out[t.name]
            for c in current:
                if c not in have:
                    have.append(c)
        for sub in g.groups:
            walk(sub, current)

    try:
        walk(root, [])
    finally:
        walk = None  # noqa: F841
    return out


class Context:
    """What ``create_pipeline_spec`` computes before writing anything."""

    def __init__(self, m: Model):
        self.m = m
        self.all_groups = _all_groups(m.root)
        self.group_by_name = {g.name: g for g in self.all_groups}
        self.tasks_to, self.groups_to = _parent_groups(m.root)
        self.cond_channels = _condition_channels(m.root)
        self.loops = {g.name: g for g in self.all_groups if g.kind == "for-loop"}

    def task_or_group(self, name: str | None) -> Any:
        if name is None:
            return None
        if name in self.m.tasks:
            return self.m.tasks[name]
        group = self.group_by_name.get(name)
        if group is not None and group is not self.all_groups[0]:
            return group
        raise _fail(f"PipelineChannel task name '{name}' not found in pipeline.")

    def uncommon(self, a: Any, b: Any) -> tuple[list[str], list[str]]:
        def chain(x: Any) -> list[str]:
            if x.name in self.tasks_to:
                return self.tasks_to[x.name]
            if x.name in self.groups_to:
                return self.groups_to[x.name]
            raise _fail(f"{x.name} does not exist.")
        ga, gb = chain(a), chain(b)
        common = 0
        for x, y in zip(ga, gb):
            if x != y:
                break
            common += 1
        return ga[common:], gb[common:]


def group_inputs(ctx: Context) -> dict[str, set]:
    inputs: dict[str, set] = collections.defaultdict(set)
    for task in ctx.m.tasks.values():
        for channel in task.channel_inputs + list(ctx.cond_channels.get(task.name, [])):
            to_add: collections.deque = collections.deque()
            c: Any = channel
            while isinstance(c, LOOP_CLASSES):
                to_add.append(c)
                c = c.loop_argument if isinstance(c, LoopArgumentVariable) \
                    else c.items_or_pipeline_channel
            if isinstance(c, Channel):
                to_add.append(c)
            producer = ctx.task_or_group(channel.task_name)
            if producer is not None:
                ups, downs = ctx.uncommon(producer, task)
                for i, gname in enumerate(downs):
                    inputs[gname].add((to_add[-1], ups[0] if i == 0 else None))
                    loop = ctx.loops.get(gname)
                    if loop is not None and to_add[-1].full_name in loop.loop_argument.full_name:
                        to_add.pop()
                        if not to_add:
                            break
            else:
                if task.is_exit_handler:
                    continue
                if isinstance(channel, LOOP_CLASSES) and channel.is_with_items_loop_argument:
                    for gname in ctx.tasks_to[task.name][::-1]:
                        inputs[gname].add((to_add[0], None))
                        loop = ctx.loops.get(gname)
                        if loop is not None and \
                                to_add[0].full_name in loop.loop_argument.full_name:
                            to_add.popleft()
                            if not to_add:
                                break
                else:
                    for gname in ctx.tasks_to[task.name]:
                        inputs[gname].add((to_add[-1], None))
                        loop = ctx.loops.get(gname)
                        if loop is not None and \
                                to_add[-1].full_name in loop.loop_argument.full_name:
                            to_add.pop()
                            if not to_add:
                                break
    return inputs


def _collected_channel(name: str, start: Channel, task_name: str) -> Channel:
    if isinstance(start, ArtifactChannel):
        return ArtifactChannel(name, start.channel_type, task_name, True)
    return ParameterChannel(name, "LIST", task_name)


def _check_fan_in(ctx: Context, consumer: str, ups: list[str]) -> None:
    producer = ups[-1]
    if all(ctx.group_by_name[g].kind != "for-loop" for g in ups[:-1]):
        raise _fail(f"dsl.Collected can only be used to fan-in outputs produced by a task "
                    "within a dsl.ParallelFor context to a task outside of the dsl.ParallelFor "
                    f"context. Producer task {producer} is either not in a dsl.ParallelFor "
                    "context or is only in a dsl.ParallelFor that also contains consumer task "
                    f"{consumer}.")
    outer = ctx.group_by_name[ups[0]]
    if outer.kind in ("condition", "exit-handler"):
        cls = outer.dsl_class
        raise _fail(f"{ILLEGAL_CROSS_DAG} When using dsl.Collected to fan-in outputs from a "
                    "task within a dsl.ParallelFor context, the dsl.ParallelFor context manager "
                    f"cannot be nested within a dsl.{cls} context manager unless the consumer "
                    f"task is too. Task {consumer} consumes from {producer} within a dsl.{cls} "
                    "context.")


def group_outputs(ctx: Context, pipeline_outputs: dict[str, Channel]
             ) -> tuple[dict[str, dict[str, Channel]], dict[str, Channel]]:
    children = {g.name: [x.name for x in g.groups] + [t.name for t in g.tasks]
                for g in ctx.all_groups}
    outputs: dict[str, dict[str, Channel]] = collections.defaultdict(dict)
    processed: list[Channel] = []
    for task in ctx.m.tasks.values():
        for channel in task.channel_inputs:
            if isinstance(channel, Collected):
                producer = ctx.m.tasks[channel.task_name]
                ups, downs = ctx.uncommon(producer, task)
                _check_fan_in(ctx, task.name, ups)
                surfaced = additional_input_name(channel)
                consumer_top = downs[0]
                producer_name = ups.pop()
                for up in reversed(ups):
                    outputs[up][surfaced] = _collected_channel(channel.name, channel.output,
                                                               producer_name)
                    channel.name = surfaced
                    channel.task_name = up
                    producer_name = up
                    parent = ctx.groups_to[up][-2]
                    if consumer_top in children[parent]:
                        break
            elif isinstance(channel, ONE_OF):
                if any(channel is x for x in processed):
                    continue
                _surface_one_of(ctx, channel, outputs, task)
                processed.append(channel)
    for key, channel in list(pipeline_outputs.items()):
        if isinstance(channel, Collected):
            surfaced = additional_input_name(channel)
            ups = ctx.tasks_to[channel.task_name][1:]
            producer_name = ups.pop()
            up = producer_name
            for up in reversed(ups):
                new = _collected_channel(channel.name, channel.output, producer_name)
                channel.name = surfaced
                channel.task_name = up
                producer_name = up
                outputs[up][surfaced] = new
            pipeline_outputs[key] = _collected_channel(surfaced, channel.output, up)
        elif isinstance(channel, ONE_OF):
            if any(channel is x for x in processed):
                continue
            _surface_one_of(ctx, channel, outputs, None)
    return outputs, pipeline_outputs


def _surface_one_of(ctx: Context, channel: Any, outputs: dict, consumer: KTask | None) -> None:
    channel.channels = [copy.copy(c) for c in channel.channels]
    for inner in channel.channels:
        producer = ctx.m.tasks[inner.task_name]
        if consumer is not None:
            ups, _downs = ctx.uncommon(producer, consumer)
        else:
            ups = ctx.tasks_to[inner.task_name][1:]
        surfaced = additional_input_name(inner)
        for up in reversed(ups):
            if up == producer.name:
                continue
            if up == channel.condition_branches_group.name:
                outputs[up][channel.name] = channel
                break
            outputs[up][surfaced] = copy.copy(inner)
            inner.name = surfaced
            inner.task_name = up


def dependencies(ctx: Context) -> dict[str, set[str]]:
    deps: dict[str, set[str]] = collections.defaultdict(set)
    for task in ctx.m.tasks.values():
        upstream: dict[int, Any] = {}
        for c in task.channel_inputs + list(ctx.cond_channels.get(task.name, [])):
            if c.task_name:
                x = ctx.task_or_group(c.task_name)
                upstream[id(x)] = x
        for name in task.dependent_tasks:
            x = ctx.m.tasks.get(name) or ctx.group_by_name.get(name)
            upstream[id(x)] = x
        for up in upstream.values():
            ups, downs = ctx.uncommon(up, task)
            uncommon = [n for n in ups if n != up.name]
            if uncommon:
                group = ctx.group_by_name.get(uncommon[0])
                if group is not None and group.kind in ("condition", "exit-handler"):
                    cls = group.dsl_class
                    raise _fail(
                        f"{ILLEGAL_CROSS_DAG} A downstream task cannot depend on an upstream "
                        f"task within a dsl.{cls} context unless the downstream is within that "
                        f"context too. Found task {task.name} which depends on upstream task "
                        f"{up.name} within an uncommon dsl.{cls} context.")
                if group is not None and group.kind == "for-loop":
                    consumed = [c.task_name for c in task.inputs.values()
                                if isinstance(c, Channel) and c.task_name is not None] + [
                        c.task_name for c in channels_in(
                            [v for v in task.inputs.values() if not isinstance(v, Channel)])
                        if c.task_name]
                    if up.name in consumed:
                        raise _fail(
                            f"{ILLEGAL_CROSS_DAG} A downstream task cannot depend on an "
                            "upstream task within a dsl.ParallelFor context unless the "
                            "downstream is within that context too or the outputs are begin "
                            "fanned-in to a list using dsl.Collected. Found task "
                            f"{task.name} which depends on upstream task {up.name} within an "
                            "uncommon dsl.ParallelFor context.")
            deps[downs[0]].add(ups[0])
    return deps

