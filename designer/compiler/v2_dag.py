"""The pipeline's task and group tree as kfp 2.17.3 builds and compiles it.

``build`` turns the IR into kfp's in-memory shape: tasks named in creation order, groups
named from kfp's counter (``condition-1``, ``for-loop-2``; a ParallelFor over literal
items spends one number on its ``loop-item-param-N`` first; an Elif/Else wraps its chain in
a ``condition-branches-N`` group that swaps numbers with the If), each argument a channel
(``v2_channels``) or a constant. ``compile_spec`` then follows ``compiler/
pipeline_spec_builder.create_pipeline_spec`` and ``compiler_utils`` step by step: the inputs
every group needs ("punching holes" with ``pipelinechannel--`` inputs), the outputs groups
surface for ``dsl.Collected`` and ``dsl.OneOf``, dependencies between the first uncommon
ancestors of two tasks, then one component per group and per task, and the exit tasks.
Messages where kfp refuses a pipeline are kfp's own.
"""
from __future__ import annotations

import collections
import copy
import json
from dataclasses import dataclass, field
from typing import Any

from designer.ir import Constant, OutputRef, ParamRef, Pipeline, Task
from designer.ir.model import Collected as IrCollected
from designer.ir.model import Concat as IrConcat
from designer.ir.model import LoopItem
from designer.ir.model import OneOf as IrOneOf
from designer.ir.model import RunPlaceholder

from . import v2_settings
from .source_map import Marked
from .v2_channels import (LOOP_CLASSES, ONE_OF, ArtifactChannel, Channel, Collected,
                          LoopArgumentVariable, LoopArtifactArgument, LoopParameterArgument,
                          OneOfArtifact, OneOfParameter, ParameterChannel,
                          additional_input_name, channels_in, is_parameter_type, make_channel)
from .v2_components import TASK_FINAL_STATUS, ComponentV2, Port
from .v2_types import (V2TypeError, first_element_type, loop_item_type, short_type_name,
                       struct_parameter_type, to_json)

ILLEGAL_CROSS_DAG = "Illegal task dependency across DSL context managers."
# dsl.PIPELINE_*_PLACEHOLDER strings by the IR's run placeholder names.
RUN_PLACEHOLDERS = {
    "run_id": "{{$.pipeline_job_uuid}}", "job_name": "{{$.pipeline_job_name}}",
    "job_resource_name": "{{$.pipeline_job_resource_name}}",
    "job_create_time": "{{$.pipeline_job_create_time_utc}}",
    "job_schedule_time": "{{$.pipeline_job_schedule_time_utc}}",
    "task_name": "{{$.pipeline_task_name}}", "task_id": "{{$.pipeline_task_uuid}}",
    "pipeline_root": "{{$.pipeline_root}}",
}
_GROUP_CLASS = {"condition": "If", "condition-branches": "ConditionBranches",
                "for-loop": "ParallelFor", "exit-handler": "ExitHandler",
                "pipeline": "Pipeline"}


@dataclass(eq=False)
class CondOp:
    """``ConditionOperation``."""
    operator: str
    left: Any
    right: Any
    negate: bool = False


@dataclass(eq=False)
class KGroup:
    """``TasksGroup`` (and its subclasses, by ``kind``)."""
    kind: str                       # pipeline | condition | condition-branches | for-loop |
    name: str                       # exit-handler
    ir_id: str | None = None
    display_name: str | None = None
    parent: "KGroup | None" = None
    tasks: list["KTask"] = field(default_factory=list)
    groups: list["KGroup"] = field(default_factory=list)
    # condition
    branch: str | None = None       # if | elif | else
    conditions: list[CondOp] = field(default_factory=list)
    negated_upstream: list[CondOp] = field(default_factory=list)
    # loop
    loop_argument: Channel | None = None
    items_is_pipeline_channel: bool = False
    parallelism_limit: int = 0
    # exit handler
    exit_task: "KTask | None" = None
    oneof_id: int = 0

    @property
    def dsl_class(self) -> str:
        """The group's class name (``group.__class__.__name__``)."""
        if self.kind == "condition":
            return {"if": "If", "elif": "Elif", "else": "Else"}.get(self.branch or "",
                                                                   "Condition")
        return _GROUP_CLASS[self.kind]

    @property
    def type_class(self) -> str:
        """kfp's ``group_type_to_dsl_class[group.group_type].__name__``."""
        return {"condition": "Condition", "for-loop": "ParallelFor",
                "exit-handler": "ExitHandler", "pipeline": "Pipeline"}[self.kind]


@dataclass(eq=False)
class KTask:
    """``PipelineTask``."""
    name: str
    ir: Task
    comp: ComponentV2
    inputs: dict[str, Any]
    channel_inputs: list[Channel]
    parent: KGroup | None = None
    dependent_tasks: list[str] = field(default_factory=list)
    is_exit_handler: bool = False
    outputs: dict[str, Channel] = field(default_factory=dict)
    platform_config: dict = field(default_factory=dict)

    def register(self, channels: list[Channel]) -> None:
        have = {c.pattern for c in self.channel_inputs}
        for c in channels:
            if c.pattern not in have:
                self.channel_inputs.append(c)
                have.add(c.pattern)


@dataclass
class Model:
    root: KGroup
    tasks: dict[str, KTask]              # by kfp name, creation order
    by_id: dict[str, KTask]
    groups_by_ir: dict[str, KGroup]
    params: dict[str, Channel]
    builder: Any = None


def _fail(message: str) -> V2TypeError:
    return V2TypeError(message)


# --- building kfp's objects from the IR ----------------------------------------------

class _Builder:
    def __init__(self, p: Pipeline, order: list[Task], names: dict[str, str],
                 comps: dict[str, ComponentV2], param_ports: dict[str, Port]):
        self.p = p
        self.order = order
        self.names = names
        self.comps = comps
        self.counter = 0
        self.root = KGroup("pipeline", p.name)
        self.params = {n: make_channel(n, port.type) for n, port in param_ports.items()}
        self.groups: dict[str, KGroup] = {}
        self.tasks: dict[str, KTask] = {}
        self.by_id: dict[str, KTask] = {}
        self.oneofs: dict[Any, Channel] = {}

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    # groups -----------------------------------------------------------------------
    def build_groups(self) -> None:
        last: dict[str | None, KGroup] = {}        # last group entered, by IR parent
        open_chain: dict[str | None, KGroup] = {}  # If/Elif chain without its Else yet
        for g in self.p.groups:
            parent = self.root if g.parent is None else self.groups.get(g.parent)
            if parent is None:
                raise _fail(f"group `{g.name or g.id}` is inside an unknown group")
            where = f"{g.kind.replace('_', ' ')} group `{g.name or g.id}`"
            if g.kind == "condition" and g.branch in ("elif", "else"):
                kg = self._branch(g, parent, last.get(g.parent), open_chain.get(g.parent),
                                  where)
                if g.branch == "elif":
                    open_chain[g.parent] = kg.parent
                else:
                    open_chain.pop(g.parent, None)
            else:
                if g.parent in open_chain:
                    raise _chain_error(where)
                kg = self._group(g, parent, where)
                parent.groups.append(kg)
            self.groups[g.id] = kg
            last[g.parent] = kg
        self.open_chains = open_chain

    def _group(self, g, parent: KGroup, where: str) -> KGroup:
        if g.kind == "condition":
            cond = self._condition(g, where)
            kg = KGroup("condition", "", g.id, g.name, parent, branch=g.branch, conditions=[cond],
                        negated_upstream=[_negated(cond)])
        elif g.kind == "loop":
            kg = KGroup("for-loop", "", g.id, g.name, parent)
            self._loop(kg, g, where)
        elif g.kind == "exit_handler":
            kg = KGroup("exit-handler", "", g.id, g.name, parent)
        else:
            raise _fail(f"{where}: unknown group kind {g.kind!r}")
        kg.name = f"{kg.kind}-{self.next_id()}"
        return kg

    def _branch(self, g, parent: KGroup, prev: KGroup | None, chain: KGroup | None,
                where: str) -> KGroup:
        kind = "Elif" if g.branch == "elif" else "Else"
        if chain is not None:
            prev = chain.groups[-1]
        if prev is None or prev.kind != "condition" or prev.branch == "else" or (
                prev.branch == "elif" and chain is None):
            if kind == "Else" and prev is not None and prev.kind == "condition-branches":
                raise _fail(f"{where}: Cannot use dsl.Else following another dsl.Else. "
                            "dsl.Else can only be used following an upstream dsl.If or "
                            "dsl.Elif.")
            raise _fail(f"{where}: dsl.{kind} can only be used following an upstream dsl.If "
                        "or dsl.Elif.")
        if kind == "Elif":
            cond = self._condition(g, where)
            conditions = [copy.copy(c) for c in prev.negated_upstream] + [cond]
            negated = [copy.copy(c) for c in prev.negated_upstream] + [_negated(cond)]
        else:
            conditions, negated = prev.negated_upstream, []
        if chain is None:      # maybe_make_and_insert_conditional_branches_group
            wrapper = KGroup("condition-branches", "", None, None, parent)
            wrapper_id = self.next_id()
            prev_id = prev.name.rsplit("-", 1)[1]
            prev.name = f"condition-{wrapper_id}"
            wrapper.name = f"condition-branches-{prev_id}"
            parent.groups.remove(prev)
            parent.groups.append(wrapper)
            wrapper.groups.append(prev)
            prev.parent = wrapper
            chain = wrapper
        kg = KGroup("condition", f"condition-{self.next_id()}", g.id, g.name, chain,
                    branch=g.branch, conditions=conditions, negated_upstream=negated)
        chain.groups.append(kg)
        return kg

    def _condition(self, g, where: str) -> CondOp:
        c = g.condition
        if c is None:
            raise _fail(f"{where} has no condition")
        left = self._value(c.left, where, in_group=g)
        right = self._value(c.right, where, in_group=g)
        if isinstance(left, bool) and isinstance(right, bool) or not any(
                isinstance(x, Channel) for x in (left, right)):
            raise _fail(f"{where}: Got constant boolean as a condition. At least one of the "
                        "operands must be an output from an upstream task or a pipeline "
                        "parameter.")
        return CondOp(c.operator, left, right)

    def _loop(self, kg: KGroup, g, where: str) -> None:
        items = g.items
        parallelism = g.parallelism or 0
        if parallelism < 0:
            raise _fail(f"{where}: ParallelFor parallelism must be >= 0. Got: {parallelism}.")
        kg.parallelism_limit = parallelism
        if isinstance(items, Constant):
            raw = items.value
            if isinstance(raw, tuple):
                raw = list(raw)
            if not isinstance(raw, list):
                raise _fail(f"{where}: Expected list, tuple, or PipelineParameterChannel, "
                            f"got {raw}.")
            if not raw:
                raise _fail(f"{where}: Got an empty item list for loop argument.")
            code = self.next_id()
            arg = LoopParameterArgument(raw, f"loop-item-param-{code}", first_element_type(raw))
            if isinstance(raw[0], dict):
                for key in raw[0]:
                    arg.subvar(key)
            kg.loop_argument, kg.items_is_pipeline_channel = arg, False
            return
        channel = self._value(items, where, in_group=g)
        if isinstance(channel, ArtifactChannel):
            if not channel.is_artifact_list:
                raise _fail(f"{where}: Cannot iterate over a single artifact using "
                            "`dsl.ParallelFor`. Expected a list of artifacts as argument to "
                            "`items`.")
            kg.loop_argument = LoopArtifactArgument(
                channel, f"{channel.name}-loop-item", channel.channel_type, channel.task_name)
        elif isinstance(channel, ParameterChannel):
            if not isinstance(channel, LoopArgumentVariable):
                ptype = struct_parameter_type(short_type_name(str(channel.channel_type)))
                if ptype != "LIST":
                    raise _fail(f"{where}: Cannot iterate over a single parameter using "
                                "`dsl.ParallelFor`. Expected a list of parameters as argument "
                                "to `items`.")
            kg.loop_argument = LoopParameterArgument(
                channel, f"{channel.name}-loop-item",
                loop_item_type(str(channel.channel_type)) or "String", channel.task_name)
        else:
            raise _fail(f"{where}: loops over {type(items).__name__} are not supported")
        kg.items_is_pipeline_channel = True

    # tasks ------------------------------------------------------------------------
    def make_tasks(self) -> None:
        """Every task with its name and outputs (conditions and loops read them)."""
        for t in self.order:
            comp = self.comps[t.component_id]
            task = KTask(self.names[t.id], t, comp, {}, [])
            self.tasks[task.name] = task
            self.by_id[t.id] = task
            task.outputs = {
                name: make_channel(name, port.type, task.name, port.is_artifact_list)
                for name, port in comp.outputs.items()}

    def build_tasks(self) -> None:
        exit_ids = {g.exit_task for g in self.p.groups if g.kind == "exit_handler"}
        for t in self.order:
            task = self.by_id[t.id]
            parent = self.root if t.group is None else self.groups.get(t.group)
            if parent is None:
                raise _fail(f"task `{t.name}` is inside an unknown group")
            if t.id in exit_ids:
                task.is_exit_handler = True
                if t.group is not None:
                    raise _fail(f"task `{t.name}` is an exit task inside a group; kfp 2 "
                                "removes the exit task from its groups")
            else:
                if t.group in getattr(self, "open_chains", {}):
                    raise _chain_error(f"task `{t.name}`")
                task.parent = parent
                parent.tasks.append(task)
            self._arguments(task)
            for after in t.after:
                up = self.by_id.get(after)
                if up is None:
                    raise _fail(f"task `{t.name}` runs after an unknown task")
                task.dependent_tasks.append(up.name)
            v2_settings.platform_config(task, self)
            v2_settings.check_ignore_upstream_failure(task)
        for g in self.p.groups:
            if g.kind == "exit_handler":
                kg = self.groups[g.id]
                exit_task = self.by_id.get(g.exit_task or "")
                if exit_task is None:
                    raise _fail(f"exit handler `{g.name or g.id}` has no exit task")
                if exit_task.dependent_tasks or any(
                        isinstance(v, ParameterChannel) and v.task_name
                        for v in exit_task.inputs.values()):
                    raise _fail(f"exit handler `{g.name or g.id}`: exit_task cannot depend on "
                                "any other tasks.")
                kg.exit_task = exit_task
        self._check_open_chains()

    def _check_open_chains(self) -> None:
        """kfp leaves an If/Elif chain without Else on its stack: whatever the pipeline
        creates after it at that level lands inside the chain's branches group. The IR
        does not say what came after, so refuse when anything could have."""
        order = {t.id: i for i, t in enumerate(self.order)}
        for parent_id, wrapper in getattr(self, "open_chains", {}).items():
            inside = [t for t in self.p.tasks if _within(self, t, wrapper)]
            first = min((order[t.id] for t in inside), default=None)
            for t in self.p.tasks:
                if t.group == parent_id and (first is None or order[t.id] > first):
                    raise _chain_error(f"task `{t.name}`")

    def _arguments(self, task: KTask) -> None:
        t, comp = task.ir, task.comp
        for ir_name, arg in t.arguments.items():
            kname = comp.arg_names.get(ir_name, ir_name)
            port = comp.inputs.get(kname)
            where = f"task `{t.name}`, input `{ir_name}`"
            if port is None:
                raise _fail(f"{where}: Component {comp.k8s_name!r} got an unexpected input: "
                            f"{kname!r}.")
            value = self._value(arg, where, task=task)
            _verify_type(value, port, f"{where}: Incompatible argument passed to the input "
                                      f"{kname!r} of component {comp.k8s_name!r}: ")
            task.inputs[kname] = value
        for kname, port in comp.inputs.items():
            if kname not in task.inputs and not port.optional:
                raise _fail(f"task `{t.name}`: {comp.k8s_name}() missing a required argument: "
                            f"'{kname}'")
        args = list(task.inputs.values())
        task.channel_inputs = [v for v in args if isinstance(v, Channel)] + channels_in(
            [v for v in args if not isinstance(v, Channel)])

    def _value(self, arg: Any, where: str, task: KTask | None = None, in_group=None) -> Any:
        if isinstance(arg, Constant):
            return arg.value
        if isinstance(arg, ParamRef):
            channel = self.params.get(arg.name)
            if channel is None:
                raise _fail(f"{where} reads an unknown pipeline parameter `{arg.name}`")
            return channel
        if isinstance(arg, OutputRef):
            return self._output(arg, where)
        if isinstance(arg, LoopItem):
            g = self.groups.get(arg.loop)
            if g is None or g.kind != "for-loop":
                raise _fail(f"{where} reads the item of an unknown loop")
            item = g.loop_argument
            if len(arg.fields) > 1:
                raise _fail(f"{where} reads `item.{'.'.join(arg.fields)}`; kfp 2 reads one "
                            "field of a loop item only")
            if arg.fields:
                if not isinstance(item, LoopParameterArgument):
                    raise _fail(f"{where}: a field of an artifact loop item")
                return item.subvar(arg.fields[0])
            return item
        if isinstance(arg, RunPlaceholder):
            text = RUN_PLACEHOLDERS.get(arg.name)
            if text is None:
                raise _fail(f"{where} uses the run placeholder `{arg.name}`, which kfp 2 does "
                            "not have")
            return text
        if isinstance(arg, IrConcat):
            return "".join(self._concat_part(p, where) for p in arg.parts)
        if isinstance(arg, IrCollected):
            out = self._output(arg.ref, where)
            return Collected(out)
        if isinstance(arg, IrOneOf):
            return self._one_of(arg, where)
        raise _fail(f"{where}: kfp 2 cannot pass {type(arg).__name__}")

    def _concat_part(self, part: Any, where: str) -> str:
        if isinstance(part, str):
            return part
        if isinstance(part, (IrCollected, IrOneOf)):
            raise _fail(f"{where}: dsl.{type(part).__name__} cannot be used in a string")
        value = self._value(part, where)
        if isinstance(value, Channel):
            return value.pattern
        return value if isinstance(value, str) else _python_str(value)

    def _output(self, ref: OutputRef, where: str) -> Channel:
        producer = self.by_id.get(ref.task_id)
        if producer is None:
            raise _fail(f"{where} reads an output of an unknown task")
        name = producer.comp.out_names.get(ref.output, ref.output)
        channel = producer.outputs.get(name)
        if channel is None:
            raise _fail(f"{where} reads `{ref.output}`, which task `{producer.ir.name}` does "
                        "not have")
        return channel

    def _one_of(self, arg: IrOneOf, where: str) -> Channel:
        key = arg.refs
        if key in self.oneofs:
            return self.oneofs[key]
        channels = [self._output(r, where) for r in arg.refs]
        first_task = self.tasks[channels[0].task_name]
        branches = first_task.parent.parent if first_task.parent else None
        if branches is None or branches.kind != "condition-branches":
            raise _fail(f"{where}: dsl.OneOf reads outputs of tasks directly inside the "
                        "branches of one If/Elif/Else chain")
        if not isinstance(branches.groups[-1], KGroup) or branches.groups[-1].branch != "else":
            raise _fail(f"{where}: dsl.OneOf must include an output from a task in a dsl.Else "
                        "group to ensure at least one output is available at runtime.")
        kinds = {isinstance(c, ParameterChannel) for c in channels}
        if len(kinds) > 1:
            raise _fail(f"{where}: Task outputs passed to dsl.OneOf must be the same type. "
                        "Found a mix of parameters and artifacts passed to dsl.OneOf.")
        for i, c in enumerate(channels[1:], start=1):
            if c.channel_type != channels[0].channel_type:
                raise _fail(f"{where}: Task outputs passed to dsl.OneOf must be the same type. "
                            f"Got two channels with different types: {channels[0].channel_type}"
                            f" at index 0 and {c.channel_type} at index {i}.")
        branches.oneof_id += 1
        name = additional_input_name(f"{branches.name}-oneof-{branches.oneof_id}")
        cls = OneOfParameter if isinstance(channels[0], ParameterChannel) else OneOfArtifact
        channel = cls(channels, name, branches)
        self.oneofs[key] = channel
        return channel


def _within(b: _Builder, t: Task, group: KGroup) -> bool:
    current = b.groups.get(t.group) if t.group else None
    while current is not None:
        if current is group:
            return True
        current = current.parent
    return False


def _chain_error(what: str) -> V2TypeError:
    return _fail(f"{what} follows an If/Elif chain that has no Else; kfp 2.17.3 puts whatever "
                 "follows such a chain inside it (add a dsl.Else, or move it before the If)")


def _negated(op: CondOp) -> CondOp:
    c = copy.copy(op)
    c.negate = True
    return c


def _python_str(value: Any) -> str:
    return str(value)


_TYPE_NAMES = {str: "String", int: "Integer", float: "Float", bool: "Boolean", list: "List",
               dict: "Dict"}


def _param_type_name(type_name: Any) -> str:
    ptype = struct_parameter_type(short_type_name(type_name)) if isinstance(type_name, str) \
        else None
    if type_name in ("PipelineTaskFinalStatus", "TaskConfig"):
        ptype = "STRUCT"
    return ptype or str(type_name)


def _verify_type(value: Any, port: Port, prefix: str) -> None:
    """``type_utils.verify_type_compatibility`` for an argument."""
    if isinstance(value, Channel):
        given = value.channel_type
        if isinstance(value, (LoopParameterArgument, LoopArgumentVariable)) and given == "String":
            return
    else:
        given = _TYPE_NAMES.get(type(value))
        if given is None:
            raise _fail(f"{prefix}Constant argument inputs must be one of type "
                        f"{list(_TYPE_NAMES.values())} Got: {value!r} of type {type(value)!r}.")
    given_is_param = is_parameter_type(str(given))
    if given_is_param:
        given = _param_type_name(given)
        given_list = False
    else:
        given_list = getattr(value, "is_artifact_list", False)
    expected = port.type
    expected_is_param = not port.is_artifact
    if expected_is_param:
        expected = "STRUCT" if port.ptype == TASK_FINAL_STATUS else port.ptype
        expected_list = False
    else:
        expected_list = port.is_artifact_list
    if given_is_param != expected_is_param:
        ok = False
    elif given_is_param:
        ok = given == expected
    else:
        gt, gv = str(given).split("@")
        et, ev = expected.split("@")
        ok = given_list == expected_list and (
            "system.Artifact" in (gt, et) or (gt == et and gv.split(".")[0] == ev.split(".")[0]))
    if not ok:
        g = f"List[{given}]" if given_list else given
        e = f"List[{expected}]" if expected_list else expected
        raise _fail(f"{prefix}Argument type {g!r} is incompatible with the input type {e!r}")


def build(p: Pipeline, order: list[Task], names: dict[str, str], comps: dict[str, ComponentV2],
          param_ports: dict[str, Port]) -> Model:
    b = _Builder(p, order, names, comps, param_ports)
    b.make_tasks()
    b.build_groups()
    b.build_tasks()
    return Model(b.root, b.tasks, b.by_id, b.groups, b.params, b)


# --- kfp's compiler_utils -------------------------------------------------------------

def _all_groups(root: KGroup) -> list[KGroup]:
    out: list[KGroup] = []

    def walk(g: KGroup) -> None:
        out.append(g)
        for sub in g.groups:
            walk(sub)

    walk(root)
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

    walk([root])
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

    walk(root, [])
    return out


class _Ctx:
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
        groups = {g.name: g for g in self.all_groups[1:]}
        if name in groups:
            return groups[name]
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


def _inputs(ctx: _Ctx) -> dict[str, set]:
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


def _check_fan_in(ctx: _Ctx, consumer: str, ups: list[str]) -> None:
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


def _outputs(ctx: _Ctx, pipeline_outputs: dict[str, Channel]
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


def _surface_one_of(ctx: _Ctx, channel: Any, outputs: dict, consumer: KTask | None) -> None:
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


def _dependencies(ctx: _Ctx) -> dict[str, set[str]]:
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


# --- pipeline_spec_builder ------------------------------------------------------------

def _artifact_type(type_name: str) -> dict:
    title, version = type_name.split("@")
    return {"schemaTitle": title, "schemaVersion": version}


def _group_component(channels: list[Channel], outputs: dict[str, Channel]) -> dict:
    """``build_component_spec_for_group``."""
    params: dict = {}
    arts: dict = {}
    for c in channels:
        name = additional_input_name(c)
        if isinstance(c, ArtifactChannel):
            entry = {"artifactType": _artifact_type(c.channel_type)}
            if c.is_artifact_list:
                entry["isArtifactList"] = True
            arts[name] = entry
        else:
            params[name] = _ptype_entry(c.channel_type)
    spec: dict = {}
    ins = {}
    if arts:
        ins["artifacts"] = arts
    if params:
        ins["parameters"] = params
    if ins:
        spec["inputDefinitions"] = ins
    out_params: dict = {}
    out_arts: dict = {}
    for name, c in outputs.items():
        if isinstance(c, ArtifactChannel):
            entry = {"artifactType": _artifact_type(c.channel_type)}
            if c.is_artifact_list:
                entry["isArtifactList"] = True
            out_arts[name] = entry
        else:
            out_params[name] = _ptype_entry(c.channel_type)
    outs = {}
    if out_arts:
        outs["artifacts"] = out_arts
    if out_params:
        outs["parameters"] = out_params
    if outs:
        spec["outputDefinitions"] = outs
    return spec


def _ptype_entry(channel_type: Any) -> dict:
    if isinstance(channel_type, dict):
        channel_type = next(iter(channel_type))
    if channel_type in ("PipelineTaskFinalStatus", "TaskConfig"):
        return {"parameterType": "STRUCT"}
    ptype = struct_parameter_type(str(channel_type))
    return {"parameterType": ptype} if ptype else {}


def _set(d: dict, *path_and_value: Any) -> None:
    *path, key, value = path_and_value
    for p in path:
        d = d.setdefault(p, {})
    d[key] = value


def _pop_input(spec: dict, name: str) -> None:
    inputs = spec.get("inputs")
    if not inputs:
        return
    for kind in ("artifacts", "parameters"):
        if kind in inputs:
            inputs[kind].pop(name, None)
            if not inputs[kind]:
                del inputs[kind]
    if not inputs:
        del spec["inputs"]


def _group_task(group: KGroup, channels: list[Channel], in_dag: set[str],
                parent_is_root: bool) -> dict:
    """``build_task_spec_for_group``."""
    spec: dict = {"taskInfo": {"name": group.display_name or group.name},
                  "componentRef": {"name": "comp-" + group.name}}
    for c in channels:
        full = c.full_name
        subvar = None
        if isinstance(c, LoopArgumentVariable):
            full = c.loop_argument.full_name
            subvar = c.subvar_name
        name = additional_input_name(c)
        cname = c.name
        if subvar:
            _set(spec, "inputs", "parameters", name, "parameterExpressionSelector",
                 f'parseJson(string_value)["{subvar}"]')
            if not c.is_with_items_loop_argument:
                cname = c.items_or_pipeline_channel.name
        if isinstance(c, ArtifactChannel):
            if c.task_name and c.task_name in in_dag:
                _set(spec, "inputs", "artifacts", name, "taskOutputArtifact",
                     {"producerTask": c.task_name, "outputArtifactKey": cname})
            else:
                _set(spec, "inputs", "artifacts", name, "componentInputArtifact",
                     full if parent_is_root else name)
        elif c.task_name and c.task_name in in_dag:
            _set(spec, "inputs", "parameters", name, "taskOutputParameter",
                 {"producerTask": c.task_name, "outputParameterKey": cname})
        else:
            _set(spec, "inputs", "parameters", name, "componentInputParameter",
                 full if parent_is_root else additional_input_name(full))
    if group.kind == "for-loop":
        _loop_task(group, spec)
    elif group.kind == "condition":
        spec["triggerPolicy"] = {"condition": " && ".join(_cel(op) for op in group.conditions)}
    return spec


def _loop_task(group: KGroup, spec: dict) -> None:
    arg = group.loop_argument
    if group.items_is_pipeline_channel:
        items = arg.items_or_pipeline_channel
        items_name = additional_input_name(items)
        item_name = additional_input_name(arg.full_name)
        if isinstance(arg, LoopParameterArgument):
            spec["parameterIterator"] = {"items": {"inputParameter": items_name},
                                         "itemInput": item_name}
        else:
            spec["artifactIterator"] = {"items": {"inputArtifact": items_name},
                                        "itemInput": item_name}
        _pop_input(spec, item_name)
        if isinstance(items, LoopArgumentVariable):
            _set(spec, "inputs", "parameters", items_name, "parameterExpressionSelector",
                 f'parseJson(string_value)["{items.subvar_name}"]')
            _set(spec, "inputs", "parameters", items_name, "componentInputParameter",
                 additional_input_name(items.loop_argument))
    else:
        name = additional_input_name(arg)
        spec["parameterIterator"] = {
            "items": {"raw": json.dumps(arg.items_or_pipeline_channel, sort_keys=True)},
            "itemInput": name}
        _pop_input(spec, name)
    if group.parallelism_limit > 0:
        spec["iteratorPolicy"] = {"parallelismLimit": group.parallelism_limit}


def _cel(op: CondOp) -> str:
    """``_single_binary_operation_to_cel_condition``."""
    operands = (op.left, op.right)
    for x in operands:
        if isinstance(x, Channel):
            ptype = struct_parameter_type(str(x.channel_type))
            if ptype in ("STRUCT", "LIST", None):
                raise _fail(f"Conditional requires primitive parameter values for comparison. "
                            f'Found input "{additional_input_name(x)}" of type '
                            f"{x.channel_type} in pipeline definition instead.")
    types = []
    for x in operands:
        t = struct_parameter_type(str(x.channel_type)) if isinstance(x, Channel) else \
            struct_parameter_type(type(x).__name__)
        if t not in types:
            types.append(t)
    if len(types) == 2:
        if "STRING" in types:
            canonical = "STRING"
        elif "BOOLEAN" in types:
            canonical = "BOOLEAN"
        else:
            canonical = "NUMBER_DOUBLE"
    else:
        canonical = types[0]
    values = []
    for x in operands:
        if isinstance(x, Channel):
            value = f"inputs.parameter_values['{additional_input_name(x)}']"
            ptype = struct_parameter_type(str(x.channel_type))
            if ptype == "NUMBER_INTEGER":
                value = f"int({value})"
        elif isinstance(x, str):
            value, ptype = f"'{x}'", "STRING"
        elif isinstance(x, bool):
            value, ptype = str(x).lower(), "BOOLEAN"
        elif isinstance(x, int):
            value, ptype = str(x), "NUMBER_INTEGER"
        elif isinstance(x, float):
            value, ptype = str(x), "NUMBER_DOUBLE"
        else:
            raise _fail(f"a condition compares {x!r}, which kfp 2 cannot compare")
        if ptype != canonical:
            if canonical == "STRING":
                value = f"'{value}'"
            elif canonical == "BOOLEAN":
                value = "true" if int(value) == 0 else "false"
            else:
                value = f"double({value})"
        values.append(value)
    text = f"{values[0]} {op.operator} {values[1]}"
    return f"!({text})" if op.negate else text


def _task_spec(task: KTask, parent_inputs: dict, in_dag: set[str]) -> dict:
    """``build_task_spec_for_task``."""
    spec: dict = {}
    v2_settings.task_fields(task, spec)
    spec["componentRef"] = {"name": "comp-" + task.name}
    params: dict = {}
    arts: dict = {}
    parent_params = parent_inputs.get("parameters", {})
    parent_arts = parent_inputs.get("artifacts", {})
    for name, value in task.inputs.items():
        if isinstance(value, LoopParameterArgument):
            params[name] = {"componentInputParameter": additional_input_name(value)}
        elif isinstance(value, LoopArtifactArgument):
            arts[name] = {"componentInputArtifact": additional_input_name(value)}
        elif isinstance(value, LoopArgumentVariable):
            params[name] = {
                "componentInputParameter": additional_input_name(value.loop_argument),
                "parameterExpressionSelector":
                    f'parseJson(string_value)["{value.subvar_name}"]'}
        elif isinstance(value, ArtifactChannel) or (
                isinstance(value, Collected) and value.is_artifact_channel):
            arts[name] = _channel_ref(value, in_dag, parent_arts, "Artifact")
        elif isinstance(value, (ParameterChannel, Collected)):
            params[name] = _channel_ref(value, in_dag, parent_params, "Parameter")
        else:
            for channel in channels_in(value):
                extra = additional_input_name(channel)
                if extra in task.inputs:
                    raise _fail(f"Name collision between existing input name {extra} and "
                                f"compiler injected input name {extra}")
                value = _replace(value, channel.pattern,
                                 f"{{{{$.inputs.parameters['{extra}']}}}}")
                params[extra] = _channel_ref(channel, in_dag, parent_params, "Parameter")
            params[name] = {"runtimeValue": {"constant": to_json(value, f"input `{name}`")}}
    if arts or params:
        spec["inputs"] = {}
        if arts:
            spec["inputs"]["artifacts"] = arts
        if params:
            spec["inputs"]["parameters"] = params
    spec["taskInfo"] = {"name": task.ir.settings.display_name or task.name}
    return spec


def _channel_ref(c: Channel, in_dag: set[str], parent: dict, kind: str) -> dict:
    if c.task_name:
        if c.task_name in in_dag:
            key = "outputArtifactKey" if kind == "Artifact" else "outputParameterKey"
            return {f"taskOutput{kind}": {"producerTask": c.task_name, key: c.name}}
        return {f"componentInput{kind}": additional_input_name(c)}
    name = c.full_name if c.full_name in parent else additional_input_name(c)
    return {f"componentInput{kind}": name}


def _replace(data: Any, old: str, new: str) -> Any:
    if isinstance(data, dict):
        return {k: _replace(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace(v, old, new) for v in data]
    if isinstance(data, str):
        return data.replace(old, new)
    return data


@dataclass
class Spec:
    """What ``compile_spec`` writes: components by name, executors by label, the root
    component, and the Kubernetes platform config by executor label."""
    components: dict[str, dict]
    executors: dict[str, dict]
    root: dict
    platform: dict[str, dict]
    task_comps: dict[str, KTask]      # comp-/exec- name -> task (for source maps)
    group_comps: dict[str, KGroup]


def compile_spec(m: Model, root_spec: dict, pipeline_outputs: dict[str, Any]) -> Spec:
    ctx = _Ctx(m)
    outputs_dict: dict[str, Channel] = {}
    for key, value in pipeline_outputs.items():
        outputs_dict[key] = value
    for value in outputs_dict.values():
        if isinstance(value, Collected):
            continue
        if isinstance(value, ONE_OF):
            parent = value.condition_branches_group.parent
            if parent is not None and parent.kind != "pipeline":
                raise _fail("Pipeline outputs may only be returned from the top level of the "
                            "pipeline function scope. Got pipeline output dsl.OneOf from within "
                            f"the control flow group dsl.{parent.dsl_class}.")
        elif isinstance(value, Channel):
            producer = m.tasks.get(value.task_name or "")
            if producer is not None and producer.parent is not None and \
                    producer.parent.kind != "pipeline":
                raise _fail("Pipeline outputs may only be returned from the top level of the "
                            "pipeline function scope. Got pipeline output from within the "
                            f"control flow group dsl.{producer.parent.dsl_class}.")
    inputs = _inputs(ctx)
    outputs, outputs_dict = _outputs(ctx, outputs_dict)
    deps = _dependencies(ctx)
    spec = Spec({}, {}, root_spec, {}, {}, {})
    for group in ctx.all_groups:
        _build_group(ctx, spec, group, inputs, outputs, deps)
    _exit_handlers(ctx, spec)
    _dag_outputs(spec.root, outputs_dict)
    return spec


def _unique(name: str, taken: dict) -> str:
    if name not in taken:
        return name
    i = 2
    while f"{name}-{i}" in taken:
        i += 1
    return f"{name}-{i}"


def _build_group(ctx: _Ctx, spec: Spec, group: KGroup, inputs: dict, outputs: dict,
                 deps: dict) -> None:
    if group.kind == "pipeline":
        gspec = spec.root
    else:
        gspec = spec.components["comp-" + group.name]
    subgroups: list[Any] = list(group.groups) + list(group.tasks)
    in_dag = {s.name for s in subgroups}
    is_root = gspec is spec.root
    for sub in subgroups:
        sub_inputs = [c for c, _p in inputs.get(sub.name, ())]
        sub_outputs = outputs.get(sub.name, {})
        if isinstance(sub, KTask):
            task_spec = _task_spec(sub, gspec.get("inputDefinitions", {}), in_dag)
            label = _unique("exec-" + sub.name, spec.executors)
            comp_spec: dict = {"executorLabel": label, **sub.comp.spec}
            spec.executors[label] = v2_settings.executor(sub)
            config = v2_settings.platform_for_dag(sub, gspec.get("inputDefinitions", {}),
                                                  in_dag)
            if config:
                spec.platform[label] = config
            marks_task = sub
        else:
            marks_task = None
            if sub.kind == "for-loop":
                channels = []
                for c in sub_inputs:
                    if isinstance(c, LOOP_CLASSES) and c.is_with_items_loop_argument:
                        found = False
                        for gname in ctx.groups_to[sub.name][::-1]:
                            loop = ctx.loops.get(gname)
                            if loop is not None and c.name in loop.loop_argument.name:
                                found = True
                                break
                        if not found:
                            continue
                    channels.append(c)
                if sub.items_is_pipeline_channel:
                    channels.append(sub.loop_argument.items_or_pipeline_channel)
                channels.append(sub.loop_argument)
            elif sub.kind == "condition":
                channels = list(sub_inputs) + [x for op in sub.conditions
                                               for x in (op.left, op.right)
                                               if isinstance(x, Channel)]
            else:
                channels = list(sub_inputs)
            comp_spec = _group_component(channels, sub_outputs if sub.kind != "exit-handler"
                                         else {})
            task_spec = _group_task(sub, channels, in_dag, is_root)
            if sub.kind == "condition-branches":
                _one_of_outputs(comp_spec, sub_outputs)
            elif sub.kind != "exit-handler":
                _dag_outputs(comp_spec, sub_outputs)
        if deps.get(sub.name):
            task_spec["dependentTasks"] = sorted(deps[sub.name])
        if marks_task is not None:
            v2_settings.ignore_upstream_failure(marks_task, task_spec)
        cname = _unique("comp-" + sub.name, spec.components)
        task_spec["componentRef"]["name"] = cname
        spec.components[cname] = comp_spec
        if marks_task is not None:
            spec.task_comps[cname] = marks_task
            spec.task_comps[comp_spec["executorLabel"]] = marks_task
            task_spec = Marked(task_spec, [("tasks", marks_task.ir.id, 0)])
        else:
            spec.group_comps[cname] = sub
            if sub.ir_id:
                task_spec = Marked(task_spec, [("groups", sub.ir_id, 0)])
        gspec.setdefault("dag", {}).setdefault("tasks", {})[sub.name] = task_spec


def _dag_outputs(comp_spec: dict, outs: dict[str, Channel]) -> None:
    """``_build_dag_outputs``."""
    defs = comp_spec.get("outputDefinitions", {})
    for name, c in outs.items():
        if isinstance(c, ArtifactChannel):
            if name not in defs.get("artifacts", {}):
                raise _fail(f"Pipeline or component output not defined: {name}. You may be "
                            "missing a type annotation.")
            sel = comp_spec.setdefault("dag", {}).setdefault("outputs", {}).setdefault(
                "artifacts", {}).setdefault(name, {"artifactSelectors": []})
            sel["artifactSelectors"].append({"producerSubtask": c.task_name,
                                             "outputArtifactKey": c.name})
        elif isinstance(c, ParameterChannel):
            if name not in defs.get("parameters", {}):
                raise _fail(f"Pipeline or component output not defined: {name}. You may be "
                            "missing a type annotation.")
            comp_spec.setdefault("dag", {}).setdefault("outputs", {}).setdefault(
                "parameters", {})[name] = {"valueFromParameter": {
                    "producerSubtask": c.task_name, "outputParameterKey": c.name}}
        else:
            raise _fail(f"Got unknown pipeline output '{name}' of type {c}.")
    _validate_dag_outputs(comp_spec)


def _validate_dag_outputs(comp_spec: dict) -> None:
    defs = comp_spec.get("outputDefinitions", {})
    dag_outs = comp_spec.get("dag", {}).get("outputs", {})
    for kind in ("artifacts", "parameters"):
        for name in defs.get(kind, {}):
            if name not in dag_outs.get(kind, {}):
                raise _fail(f"Missing pipeline output: {name}.")


def _one_of_outputs(comp_spec: dict, outs: dict[str, Channel]) -> None:
    defs = comp_spec.get("outputDefinitions", {})
    for name, oneof in outs.items():
        dag_outs = comp_spec.setdefault("dag", {}).setdefault("outputs", {})
        if isinstance(oneof, OneOfArtifact):
            if name not in defs.get("artifacts", {}):
                raise _fail(f"Pipeline or component output not defined: {name}.")
            sel = dag_outs.setdefault("artifacts", {}).setdefault(name, {"artifactSelectors": []})
            for c in oneof.channels:
                sel["artifactSelectors"].append({"producerSubtask": c.task_name,
                                                 "outputArtifactKey": c.name})
        if isinstance(oneof, OneOfParameter):
            if name not in defs.get("parameters", {}):
                raise _fail(f"Pipeline or component output not defined: {name}.")
            entry = dag_outs.setdefault("parameters", {}).setdefault(
                name, {"valueFromOneof": {"parameterSelectors": []}})
            for c in oneof.channels:
                entry["valueFromOneof"]["parameterSelectors"].append(
                    {"producerSubtask": c.task_name, "outputParameterKey": c.name})
    _validate_dag_outputs(comp_spec)


def _exit_handlers(ctx: _Ctx, spec: Spec) -> None:
    """``build_exit_handler_groups_recursively``."""
    def walk(parent: KGroup) -> None:
        for group in parent.groups:
            if group.kind == "exit-handler":
                if parent.kind != "pipeline":
                    raise _fail(f"ExitHandler can only be used within the outermost scope of a "
                                "pipeline function definition. Using an ExitHandler within "
                                f"{parent.type_class} {parent.name} is not allowed.")
                task = group.exit_task
                task_spec = _task_spec(task, spec.root.get("inputDefinitions", {}), set())
                task_spec["dependentTasks"] = [group.name]
                task_spec["triggerPolicy"] = {"strategy": "ALL_UPSTREAM_TASKS_COMPLETED"}
                for name, port in task.comp.inputs.items():
                    if port.ptype == TASK_FINAL_STATUS:
                        task_spec.setdefault("inputs", {}).setdefault("parameters", {})[name] \
                            = {"taskFinalStatus": {"producerTask": group.name}}
                label = _unique("exec-" + task.name, spec.executors)
                comp_spec = {"executorLabel": label, **task.comp.spec}
                spec.executors[label] = v2_settings.executor(task)
                config = v2_settings.platform_for_dag(
                    task, spec.root.get("inputDefinitions", {}),
                    set(spec.root.get("dag", {}).get("tasks", {})))
                if config:
                    spec.platform[label] = config
                cname = _unique(task_spec["componentRef"]["name"], spec.components)
                task_spec["componentRef"]["name"] = cname
                spec.components[cname] = comp_spec
                spec.task_comps[cname] = task
                spec.task_comps[label] = task
                spec.root.setdefault("dag", {}).setdefault("tasks", {})[task.name] = Marked(
                    task_spec, [("tasks", task.ir.id, 0)])
            walk(group)

    walk(ctx.m.root)


def final_status_check(m: Model) -> None:
    """``build_component_spec_for_task``: a final status input outside an exit task."""
    for task in m.tasks.values():
        if task.is_exit_handler or task.ir.settings.ignore_upstream_failure:
            continue
        for name, port in task.comp.inputs.items():
            if port.ptype == TASK_FINAL_STATUS:
                raise _fail(f"PipelineTaskFinalStatus can only be used in an exit task. "
                            f"Parameter {name} of a non exit task has type "
                            "PipelineTaskFinalStatus.")


__all__ = ["build", "compile_spec", "final_status_check", "Model", "Spec", "KTask",
           "KGroup", "RUN_PLACEHOLDERS"]
