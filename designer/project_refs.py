"""What a project file's ids refer to must exist: checked once the IR is built from it.

The importer only builds consistent pipelines; a file can say anything. Task arguments that
name a missing task or output stay diagnostics of ``ir.validate`` (a person fixes them on
the canvas). What the compilers take for granted is refused here, with the task or group
entry it is in: a group's parent, a task's group, an elif without its if, a loop item of a
loop that does not enclose its use, an exit handler's task, a task output read by a
condition, loop, setting or pipeline output, a volume's creating task.
"""
from __future__ import annotations

from typing import Any, Iterator

from designer.ir import OutputRef, Pipeline, Task
from designer.ir.errors import quoted
from designer.ir.groups import ancestors
from designer.ir.model import Collected, Concat, LoopItem, OneOf
from designer.ir.settings import VolumeMount
from designer.ir.volumes import VolumeComponent

# (message, where): ("tasks" | "groups", index), ("outputs" | "output_descriptions", name),
# or None for the pipeline
Problem = tuple[str, "tuple[str, Any] | None"]


def _parts(arg: Any) -> Iterator[Any]:
    """``arg`` and the arguments inside it."""
    yield arg
    if isinstance(arg, Concat):
        for part in arg.parts:
            yield from _parts(part)
    elif isinstance(arg, Collected):
        yield arg.ref
    elif isinstance(arg, OneOf):
        yield from arg.refs


def setting_values(t: Task) -> Iterator[Any]:
    """The values of a task's settings that may be arguments."""
    s = t.settings
    yield from (s.cpu_request, s.cpu_limit, s.memory_request, s.memory_limit,
                s.accelerator_type, s.accelerator_limit)
    for e in s.env:
        yield from (e.value, e.secret, e.config_map)
    for m in s.volumes:
        yield m.name


def first_problem(p: Pipeline) -> Problem | None:
    tasks = {t.id: t for t in p.tasks}
    groups = {g.id: g for g in p.groups}

    def ref_problem(arg: Any, what: str, enclosing: set[str] | None) -> str | None:
        for a in _parts(arg):
            if isinstance(a, OutputRef):
                task = tasks.get(a.task_id)
                if task is None:
                    return f"{what} reads an output of task {quoted(a.task_id)}, which is not " \
                           "in the pipeline"
                comp = p.component(task.component_id)
                if comp is not None and comp.signature.output(a.output) is None:
                    return f"{what} reads output {quoted(a.output)} of task `{task.name}`, " \
                           "which has no such output"
            elif isinstance(a, LoopItem):
                loop = groups.get(a.loop)
                if loop is None or loop.kind != "loop":
                    return f"{what} reads the item of loop {quoted(a.loop)}, which is not a " \
                           "loop of the pipeline"
                if enclosing is None or a.loop not in enclosing:
                    return f"{what} reads the item of loop {quoted(a.loop)} outside that loop"
        return None

    seen: dict[str, int] = {}
    for i, g in enumerate(p.groups):
        where = ("groups", i)
        what = f"group {quoted(g.id)}"
        if g.id in seen:
            return f"{what} appears twice", where
        seen[g.id] = i
        if g.parent is not None and g.parent not in groups:
            return f"{what}: its parent group {quoted(g.parent)} is not in the pipeline", where
        chain = ancestors(p, g.id)
        if chain[-1].parent is not None:
            return f"{what} is inside itself (its parent groups form a cycle)", where
        if g.kind == "condition":
            if g.branch in ("elif", "else"):
                before = [h for h in p.groups[:i] if h.parent == g.parent]
                if not before or before[-1].kind != "condition" or before[-1].branch not in (
                        "if", "elif"):
                    return f"{what}: an {g.branch} follows an if or elif under the same " \
                           "parent", where
            if (g.condition is None) != (g.branch == "else"):
                return f"{what}: {'an else has no' if g.condition else 'a condition needs a'} " \
                       "`condition`", where
        elif g.condition is not None or g.branch is not None:
            return f"{what}: only conditions have a `condition` or `branch`", where
        if (g.kind == "loop") != (g.items is not None):
            return f"{what}: {'a loop needs' if g.kind == 'loop' else 'only loops have'} " \
                   "`items`", where
        if g.kind != "loop" and g.parallelism is not None:
            return f"{what}: only loops have `parallelism`", where
        if (g.kind == "exit_handler") != (g.exit_task is not None):
            needs = "an exit handler needs" if g.kind == "exit_handler" else \
                "only exit handlers have"
            return f"{what}: {needs} `exit_task`", where
        if g.exit_task is not None:
            exit_task = tasks.get(g.exit_task)
            if exit_task is None:
                return f"{what}: its exit task {quoted(g.exit_task)} is not in the pipeline", \
                    where
            if any(h.id == g.id for h in ancestors(p, exit_task.group)):
                return f"{what}: its exit task `{exit_task.name}` is inside the group", where
        outer = {h.id for h in chain[1:]}
        sides = (g.condition.left, g.condition.right) if g.condition else ()
        for arg in sides:
            problem = ref_problem(arg, f"the condition of {what}", outer | {g.id})
            if problem:
                return problem, where
        if g.items is not None:
            problem = ref_problem(g.items, f"the items of {what}", outer)
            if problem:
                return problem, where
    for i, t in enumerate(p.tasks):
        where = ("tasks", i)
        if t.group is not None and t.group not in groups:
            return f"task `{t.name}`: its group {quoted(t.group)} is not in the pipeline", where
        enclosing = {g.id for g in ancestors(p, t.group)}
        for arg in t.arguments.values():
            for a in _parts(arg):
                if isinstance(a, LoopItem):
                    problem = ref_problem(a, f"task `{t.name}`", enclosing)
                    if problem:
                        return problem, where
        setting = f"a setting of task `{t.name}`"
        for value in setting_values(t):
            problem = ref_problem(value, setting, enclosing) if value is not None else None
            if problem:
                return problem, where
        for m in t.settings.volumes:
            problem = _made_volume_problem(p, tasks, m)
            if problem:
                return f"task `{t.name}`: the volume at `{m.mount_path}` {problem}", where
    for name, arg in p.outputs.items():
        problem = ref_problem(arg, f"pipeline output {quoted(name)}", set())
        if problem:
            return problem, ("outputs", name)
    for name in p.output_descriptions:
        if name not in p.outputs:
            return (f"the description of pipeline output {quoted(name)}: the pipeline has no "
                    "such output", ("output_descriptions", name))
    return None


def _made_volume_problem(p: Pipeline, tasks: dict[str, Task], m: VolumeMount) -> str | None:
    """A volume made by a task is that task's claim, as kfp mounts it (``vop.volume``,
    ``mount_pvc(pvc_name=create.outputs["name"])``): the writers write only the task, so a
    claim or volume name of its own would be lost on export."""
    if (m.source == "ephemeral") != (m.ephemeral is not None) or (
            m.source == "ephemeral" and (m.volume_name is None or m.name is not None)):
        # (the writers write the claim of an ephemeral volume only, and only for one)
        return ("is an ephemeral volume without its claim and volume name"
                if m.source == "ephemeral" else
                f"mounts a `{m.source}` but holds an ephemeral volume's claim")
    if m.source != "empty_dir" and (m.medium is not None or m.size_limit is not None):
        return f"mounts a `{m.source}` but sets an empty dir's medium or size limit"
    if m.volume_task is None:
        return None
    maker = tasks.get(m.volume_task)
    if maker is None:
        return f"is made by task {quoted(m.volume_task)}, which is not in the pipeline"
    comp = p.component(maker.component_id)
    if not isinstance(comp, VolumeComponent) or comp.action != "create":
        return f"is made by task `{maker.name}`, which does not create a volume"
    if m.source != "pvc":
        return f"is made by task `{maker.name}` but mounts a `{m.source}`, not its claim"
    if m.name is not None and m.name != OutputRef(m.volume_task, "name"):
        return f"is made by task `{maker.name}` but names another claim (the claim is the " \
               "task's `name` output)"
    return None


__all__ = ["first_problem", "setting_values"]
